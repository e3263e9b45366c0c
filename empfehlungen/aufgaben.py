"""Meine Aufgaben of the intake: Anregungen waiting for their research (Sozialplanung)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from core.aufgaben import Aufgabe
from core.text import anzahl
from empfehlungen.models import Anregung


def recherche_aufgaben(user) -> list[Aufgabe]:
    if not user.has_perm("empfehlungen.anregung_bearbeiten"):
        return []
    offen = Anregung.objects.filter(status=Anregung.Status.EINGEGANGEN).aggregate(
        n=Count("pk"), seit=Min("erfasst_am")
    )
    if not offen["n"]:
        return []
    warten = "wartet" if offen["n"] == 1 else "warten"
    return [
        Aufgabe(
            "Sozialplanung",
            "Recherche",
            f"{anzahl(offen['n'], 'Anregung', 'Anregungen')} {warten} auf die Recherche",
            reverse("anregung_liste") + "?status=eingegangen",
            offen["seit"],
        )
    ]
