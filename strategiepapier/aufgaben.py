"""Meine Aufgaben of the Strategiepapier: freigegebene items wait for the next paper."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from core.aufgaben import Aufgabe
from core.text import anzahl
from empfehlungen.models import Handlungsempfehlung
from freigabe.models import Freigabestatus as F
from massnahmen.models import Massnahmensteckbrief


def veroeffentlichung_aufgaben(user) -> list[Aufgabe]:
    """Counted, not one by one: they wait for the next Strategiepapier together."""
    if not user.has_perm("strategiepapier.bearbeiten"):
        return []
    aufgaben = []
    for modell, einzahl, mehrzahl in (
        (Handlungsempfehlung, "freigegebene Empfehlung", "freigegebene Empfehlungen"),
        (Massnahmensteckbrief, "freigegebener Steckbrief", "freigegebene Steckbriefe"),
    ):
        offen = modell.objects.filter(status=F.FREIGEGEBEN).aggregate(
            n=Count("pk"), seit=Min("geaendert_am")
        )
        if offen["n"]:
            aufgaben.append(
                Aufgabe(
                    "Sozialplanung",
                    "Bereit zur Veröffentlichung",
                    anzahl(offen["n"], einzahl, mehrzahl),
                    reverse("strategiepapier_liste"),
                    offen["seit"],
                    "in ein Strategiepapier aufnehmen",
                )
            )
    return aufgaben
