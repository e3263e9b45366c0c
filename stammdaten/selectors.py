"""Reads shared by pages, reports and (later) the Statistikprüfung, each with its joins."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from stammdaten.models import Bereich, Kennzahl, Kennzahlwert, Mitgliedschaft, Sozialraum

# A Sozialraum deviates noticeably when it lies this far (relative to the city value) on the
# side of more need.
AUFFAELLIG_AB = Decimal("0.10")


def sozialraeume() -> QuerySet[Sozialraum]:
    return (
        Sozialraum.objects.filter(aktiv=True)
        .annotate(anzahl_quartiere=Count("sozialquartiere"))
        .prefetch_related("sozialquartiere")
    )


def bereiche_mit_leitung() -> QuerySet[Bereich]:
    leitungen = Mitgliedschaft.objects.filter(rolle=Mitgliedschaft.Rolle.LEITUNG).select_related(
        "user"
    )
    return Bereich.objects.filter(aktiv=True).prefetch_related(
        Prefetch("mitgliedschaften", queryset=leitungen, to_attr="leitungen")
    )


def mitglieder(bereich: Bereich) -> QuerySet[Mitgliedschaft]:
    return (
        bereich.mitgliedschaften.select_related("user")
        .filter(user__is_active=True)
        .order_by("-rolle", "user__last_name", "user__first_name")
    )


def beispieldaten_im_jahr(jahr: int | None) -> bool:
    """Whether figures of that year are invented demo values (they must be labelled)."""
    return jahr is not None and Kennzahlwert.objects.filter(jahr=jahr, beispieldaten=True).exists()


def neuestes_jahr() -> int | None:
    return Kennzahlwert.objects.order_by("-jahr").values_list("jahr", flat=True).first()


@dataclass
class Vergleichszeile:
    kennzahl: Kennzahl
    wert: Decimal | None
    stadt: Decimal | None
    rang: int | None  # 1 = most need among the Sozialräume
    anzahl: int

    @property
    def abweichung(self) -> Decimal | None:
        # Only valued Kennzahlen compare with the city (a population count would not).
        if self.wert is None or self.stadt is None or self.kennzahl.richtung == "neutral":
            return None
        return self.wert - self.stadt

    @property
    def auffaellig(self) -> bool:
        """Noticeably more need than the city (direction taken from the Kennzahl)."""
        if self.abweichung is None or not self.stadt:
            return False
        relativ = self.abweichung / abs(self.stadt)
        return (
            relativ >= AUFFAELLIG_AB
            if self.kennzahl.hoeher_ist_schlechter
            else relativ <= -AUFFAELLIG_AB
        )


def kennzahlen_vergleich(sozialraum: Sozialraum, jahr: int) -> list[Vergleichszeile]:
    """Each Kennzahl of a year: the Sozialraum against the city and its rank among all (1 query
    for the values, 1 for the Kennzahlen)."""
    kennzahlen = list(Kennzahl.objects.all())
    werte: dict[int, dict[int | None, Decimal]] = defaultdict(dict)
    stadt_und_raeume = Kennzahlwert.objects.filter(jahr=jahr, sozialquartier__isnull=True).filter(
        Q(sozialraum__isnull=True) | Q(sozialraum__aktiv=True)
    )
    for kennzahl_id, raum_id, wert in stadt_und_raeume.values_list(
        "kennzahl_id", "sozialraum_id", "wert"
    ):
        werte[kennzahl_id][raum_id] = wert
    zeilen = []
    for k in kennzahlen:
        je_raum = {pk: w for pk, w in werte[k.pk].items() if pk is not None}
        wert = je_raum.get(sozialraum.pk)
        rang = None
        if wert is not None and k.richtung != "neutral":
            schlechter = [
                w for w in je_raum.values() if (w > wert if k.hoeher_ist_schlechter else w < wert)
            ]
            rang = len(schlechter) + 1
        zeilen.append(Vergleichszeile(k, wert, werte[k.pk].get(None), rang, len(je_raum)))
    return zeilen
