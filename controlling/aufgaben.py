"""Start page tasks of the controlling: open Meldungen for the Bereich, checks for Sozialplanung."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from controlling.models import OFFEN, Sachstandsmeldung
from core.aufgaben import Aufgabe
from core.text import anzahl

GRUPPE = "Sachstandsmeldungen"


def sachstand_aufgaben(user) -> list[Aufgabe]:
    aufgaben = []
    offen = Sachstandsmeldung.objects.filter(periode__abgeschlossen_am__isnull=True)
    if user.bereich_rollen:  # one query: per open period and Bereich
        zeilen = (
            offen.filter(status__in=OFFEN, bereich__in=list(user.bereich_rollen))
            .values("periode", "periode__jahr", "periode__quartal", "periode__frist", "bereich")
            .annotate(n=Count("pk"), seit=Min("angefordert_am"))
            .order_by("periode__frist")
        )
        for z in zeilen:
            aufgaben.append(
                Aufgabe(
                    GRUPPE,
                    "Sachstand",
                    f"{anzahl(z['n'], 'Sachstandsmeldung', 'Sachstandsmeldungen')} "
                    f"Q{z['periode__quartal']}/{z['periode__jahr']}",
                    f"{reverse('meldung_liste')}?periode={z['periode']}&bereich={z['bereich']}"
                    "&status=offen",
                    z["seit"],
                    f"Frist {z['periode__frist']:%d.%m.%Y}",
                )
            )
    if user.has_perm("controlling.meldung_pruefen"):
        zeilen = (
            offen.filter(status=Sachstandsmeldung.Status.EINGEREICHT)
            .values("periode", "periode__jahr", "periode__quartal")
            .annotate(n=Count("pk"), seit=Min("eingereicht_am"))
            .order_by("periode__jahr", "periode__quartal")
        )
        for z in zeilen:
            aufgaben.append(
                Aufgabe(
                    GRUPPE,
                    "Prüfen",
                    f"{anzahl(z['n'], 'eingereichte Sachstandsmeldung', 'eingereichte Sachstandsmeldungen')} "
                    f"Q{z['periode__quartal']}/{z['periode__jahr']}",
                    f"{reverse('meldung_liste')}?periode={z['periode']}&status=eingereicht",
                    z["seit"],
                )
            )
    return aufgaben
