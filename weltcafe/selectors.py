"""Reads of the World-Café: the Bekanntheit rates the dots add up to, the ranking of the
least-known offers, the islands with their offers, the cards by kind."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Prefetch, Sum

from core import charts
from empfehlungen.models import Veranstaltung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Sozialraum
from weltcafe.models import Angebotsabfrage, Karte, Themeninsel


# --- Rates --------------------------------------------------------------------------------------
@dataclass
class Bekanntheit:
    """ja/nein dots of one offer in one Sozialraum (None = stadtweit) and round."""

    steckbrief_id: int
    sozialraum: Sozialraum | None
    runde: int
    ja: int  # paper and digital together
    nein: int
    ja_digital: int = 0
    nein_digital: int = 0

    @property
    def n(self) -> int:
        return self.ja + self.nein

    @property
    def n_digital(self) -> int:
        return self.ja_digital + self.nein_digital

    @property
    def quote(self) -> float | None:
        return quote(self.ja, self.nein)

    @property
    def unsicher(self) -> bool:
        return self.n < settings.BEKANNTHEIT_MIN_ANTWORTEN

    @property
    def prozent(self) -> str:
        return prozent(self.quote)

    @property
    def ort(self) -> str:
        return self.sozialraum.name if self.sozialraum else "stadtweit"


def quote(ja: int, nein: int) -> float | None:
    """Share of "ja" among the answers; None when nobody answered (not 0 %)."""
    n = ja + nein
    return ja / n if n else None


def prozent(wert: float | None) -> str:
    return "keine Antworten" if wert is None else f"{charts.prozent_gerundet(wert)} %"


def bekanntheit(*, steckbrief_ids: Iterable[int] | None = None) -> list[Bekanntheit]:
    """Rates per offer × Sozialraum × Runde in two queries, however many rounds: the same
    offer shown at several events of one Sozialraum and round counts once, summed."""
    qs = Angebotsabfrage.objects.all()
    if steckbrief_ids is not None:
        qs = qs.filter(steckbrief_id__in=list(steckbrief_ids))
    zeilen = list(
        qs.values(
            "steckbrief_id",
            "themeninsel__veranstaltung__sozialraum_id",
            "themeninsel__veranstaltung__runde",
        )
        .annotate(
            summe_ja=Sum(F("ja") + F("ja_digital")),
            summe_nein=Sum(F("nein") + F("nein_digital")),
            digital_ja=Sum("ja_digital"),
            digital_nein=Sum("nein_digital"),
        )
        .order_by()
    )
    raeume = Sozialraum.objects.in_bulk(
        {z["themeninsel__veranstaltung__sozialraum_id"] for z in zeilen} - {None}
    )
    ergebnis = [
        Bekanntheit(
            steckbrief_id=z["steckbrief_id"],
            sozialraum=raeume.get(z["themeninsel__veranstaltung__sozialraum_id"]),
            runde=z["themeninsel__veranstaltung__runde"],
            ja=z["summe_ja"] or 0,
            nein=z["summe_nein"] or 0,
            ja_digital=z["digital_ja"] or 0,
            nein_digital=z["digital_nein"] or 0,
        )
        for z in zeilen
    ]
    ergebnis.sort(
        key=lambda b: (
            b.sozialraum is None,
            b.sozialraum.reihenfolge if b.sozialraum else 0,
            b.ort,
            b.runde,
        )
    )
    return ergebnis


@dataclass
class Tabellenzeile:
    ort: str
    zellen: list[Bekanntheit | None]


def als_tabelle(werte: list[Bekanntheit]) -> tuple[list[int], list[Tabellenzeile]]:
    """Sozialräume as rows, rounds as columns (for the Steckbrief page)."""
    runden = sorted({b.runde for b in werte})
    je_ort: dict[str, dict[int, Bekanntheit]] = defaultdict(dict)
    for b in werte:
        je_ort[b.ort][b.runde] = b
    return runden, [
        Tabellenzeile(ort, [zellen.get(r) for r in runden]) for ort, zellen in je_ort.items()
    ]


@dataclass
class Rangplatz:
    steckbrief: Massnahmensteckbrief
    wert: Bekanntheit


def rangliste(*, runde: int | None = None) -> tuple[list[int], dict[str, list[Rangplatz]]]:
    """The least-known offers first, per Sozialraum; offers without answers are left out
    (no rate to rank). Without `runde`, the latest round with dots."""
    werte = bekanntheit()
    runden = sorted({b.runde for b in werte})
    if runde is None and runden:
        runde = runden[-1]
    werte = [b for b in werte if b.runde == runde and b.n]
    steckbriefe = Massnahmensteckbrief.objects.select_related("federfuehrung").in_bulk(
        {b.steckbrief_id for b in werte}
    )
    je_ort: dict[str, list[Rangplatz]] = {}
    for b in werte:
        je_ort.setdefault(b.ort, []).append(Rangplatz(steckbriefe[b.steckbrief_id], b))
    for plaetze in je_ort.values():
        plaetze.sort(key=lambda p: (p.wert.quote, -p.wert.n, p.steckbrief.titel))
    return runden, je_ort


# --- Islands and cards --------------------------------------------------------------------------
def inseln_mit_angeboten(veranstaltung: Veranstaltung):
    """Themeninseln with their offers and dots, in a fixed number of queries."""
    return veranstaltung.themeninseln.select_related("handlungsfeld").prefetch_related(
        "bereiche",
        Prefetch(
            "abfragen",
            queryset=Angebotsabfrage.objects.select_related("steckbrief"),
        ),
    )


def karten_nach_art(veranstaltung: Veranstaltung) -> list[tuple[str, list[Karte]]]:
    karten = list(
        veranstaltung.karten.select_related("themeninsel", "steckbrief", "anregung").order_by(
            "art", "themeninsel__reihenfolge", "pk"
        )
    )
    return [
        (label, [k for k in karten if k.art == wert])
        for wert, label in Karte.Art.choices
        if any(k.art == wert for k in karten)
    ]


def naechste_insel(themeninsel: Themeninsel) -> Themeninsel | None:
    """The next island in the order the overview shows (ties broken by pk)."""
    from django.db.models import Q

    return (
        themeninsel.veranstaltung.themeninseln.filter(
            Q(reihenfolge__gt=themeninsel.reihenfolge)
            | Q(reihenfolge=themeninsel.reihenfolge, pk__gt=themeninsel.pk)
        )
        .order_by("reihenfolge", "pk")
        .first()
    )
