"""The Sozialindex as the city computes it.

For every chosen indicator (Kennzahl.im_sozialindex) each area's value is standardised against
the other areas of the same level: z = sign * (value - city value) / standard deviation of the
areas, so the city is 0 and, after flipping indicators where a higher value means more need,
a negative z always means a worse social situation. The city value is the recorded city-wide
figure; where none is recorded, the unweighted mean of the areas stands in.

* Status (year J): mean of the indicators' z-values in J.
* Dynamik (J0 -> J): the same standardisation applied to each indicator's change between the
  base year J0 and J, compared with the city's change; negative means the area fell behind.

Classes group the Status (sehr niedrig / niedrig / mittel / hoch) and the Dynamik
(negativ / stabil / positiv) by fixed bounds in standard deviations, listed below.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from stammdaten.models import Kennzahl, Kennzahlwert, Sozialquartier, Sozialraum

# (lower bound, class): the first bound the value reaches wins.
STATUS_KLASSEN = [
    (0.5, "hoch"),
    (-0.5, "mittel"),
    (-1.0, "niedrig"),
    (float("-inf"), "sehr niedrig"),
]
DYNAMIK_KLASSEN = [(0.5, "positiv"), (-0.5, "stabil"), (float("-inf"), "negativ")]
STANDARD_SPANNE = 4

EBENE_QUARTIER = "sozialquartier"
EBENE_SOZIALRAUM = "sozialraum"


def klasse(wert: float | None, klassen: list[tuple[float, str]]) -> str:
    if wert is None:
        return "–"
    for grenze, name in klassen:
        if wert >= grenze:
            return name
    return klassen[-1][1]


@dataclass
class Gebietsindex:
    gebiet: Sozialquartier | Sozialraum
    status: float | None
    dynamik: float | None
    z_status: dict[int, float] = field(default_factory=dict)
    z_dynamik: dict[int, float] = field(default_factory=dict)
    fehlende: list[str] = field(default_factory=list)

    @property
    def status_klasse(self) -> str:
        return klasse(self.status, STATUS_KLASSEN)

    @property
    def dynamik_klasse(self) -> str:
        return klasse(self.dynamik, DYNAMIK_KLASSEN)

    @property
    def sozialraum(self) -> Sozialraum:
        return getattr(self.gebiet, "sozialraum", self.gebiet)


@dataclass
class Sozialindex:
    ebene: str
    jahr: int
    basisjahr: int
    kennzahlen: list[Kennzahl]
    zeilen: list[Gebietsindex]

    def fuer(self, gebiet) -> Gebietsindex | None:
        return next((z for z in self.zeilen if z.gebiet.pk == gebiet.pk), None)


def verfuegbare_jahre() -> list[int]:
    return list(
        Kennzahlwert.objects.filter(kennzahl__im_sozialindex=True)
        .values_list("jahr", flat=True)
        .distinct()
        .order_by("jahr")
    )


def _standardisiert(
    werte: dict[int, float], stadt: float | None, vorzeichen: int
) -> dict[int, float]:
    if not werte:
        return {}
    mitte = stadt if stadt is not None else statistics.fmean(werte.values())
    streuung = statistics.pstdev(werte.values()) if len(werte) > 1 else 0.0
    if streuung == 0:
        return dict.fromkeys(werte, 0.0)
    return {pk: vorzeichen * (x - mitte) / streuung for pk, x in werte.items()}


def berechnen(
    *,
    jahr: int,
    spanne: int = STANDARD_SPANNE,
    ebene: str = EBENE_QUARTIER,
    sozialraum: Sozialraum | None = None,
) -> Sozialindex:
    """Status and Dynamik for every active area of a level (two queries)."""
    basisjahr = jahr - spanne
    kennzahlen = list(Kennzahl.objects.filter(im_sozialindex=True))
    if ebene == EBENE_QUARTIER:
        gebiete = list(Sozialquartier.objects.filter(aktiv=True).select_related("sozialraum"))
    else:
        gebiete = list(Sozialraum.objects.filter(aktiv=True))

    # (kennzahl, jahr) -> {gebiet: wert}; city values separately.
    werte: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    stadt: dict[tuple[int, int], float] = {}
    zeilen = Kennzahlwert.objects.filter(
        kennzahl__in=kennzahlen, jahr__in=[jahr, basisjahr]
    ).values_list("kennzahl_id", "jahr", "sozialquartier_id", "sozialraum_id", "wert")
    aktive = {g.pk for g in gebiete}
    for kennzahl_id, j, quartier_id, raum_id, wert in zeilen:
        if quartier_id is None and raum_id is None:
            stadt[(kennzahl_id, j)] = float(wert)
            continue
        pk = quartier_id if ebene == EBENE_QUARTIER else raum_id
        if pk in aktive:
            werte[(kennzahl_id, j)][pk] = float(wert)

    z_status: dict[int, dict[int, float]] = defaultdict(dict)
    z_dynamik: dict[int, dict[int, float]] = defaultdict(dict)
    for k in kennzahlen:
        jetzt = werte.get((k.pk, jahr), {})
        for pk, z in _standardisiert(jetzt, stadt.get((k.pk, jahr)), k.vorzeichen).items():
            z_status[pk][k.pk] = z
        vorher = werte.get((k.pk, basisjahr), {})
        aenderung = {pk: jetzt[pk] - vorher[pk] for pk in jetzt.keys() & vorher.keys()}
        stadt_aenderung = None
        if (k.pk, jahr) in stadt and (k.pk, basisjahr) in stadt:
            stadt_aenderung = stadt[(k.pk, jahr)] - stadt[(k.pk, basisjahr)]
        for pk, z in _standardisiert(aenderung, stadt_aenderung, k.vorzeichen).items():
            z_dynamik[pk][k.pk] = z

    ergebnis = []
    for g in gebiete:
        if sozialraum is not None and getattr(g, "sozialraum_id", g.pk) != sozialraum.pk:
            continue
        zs, zd = z_status.get(g.pk, {}), z_dynamik.get(g.pk, {})
        ergebnis.append(
            Gebietsindex(
                gebiet=g,
                status=statistics.fmean(zs.values()) if zs else None,
                dynamik=statistics.fmean(zd.values()) if zd else None,
                z_status=zs,
                z_dynamik=zd,
                fehlende=[k.name for k in kennzahlen if k.pk not in zs],
            )
        )
    return Sozialindex(
        ebene=ebene, jahr=jahr, basisjahr=basisjahr, kennzahlen=kennzahlen, zeilen=ergebnis
    )
