"""The arithmetic of Wirkung, free of the database: Zielerreichung, its state, and the change
against the city. Written so a controller can defend each figure in the council; the rule is
repeated word for word on the pages (REGEL)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


class Zustand:
    ERREICHT = "erreicht"
    AUF_KURS = "auf Kurs"
    NICHT_AUF_KURS = "nicht auf Kurs"
    KEINE_DATEN = "keine Daten"
    NICHT_VERGLEICHBAR = "nicht vergleichbar"
    QUALITATIV = "qualitativ"

    ALLE = (ERREICHT, AUF_KURS, NICHT_AUF_KURS, KEINE_DATEN, NICHT_VERGLEICHBAR, QUALITATIV)


REGEL = (
    "Zielerreichung = (Istwert − Ausgangswert) ÷ (Zielwert − Ausgangswert), mit dem neuesten "
    "Istwert nach dem Ausgangsjahr. „erreicht“: 100 % oder mehr. „auf Kurs“: mindestens so viel "
    "wie der Anteil der Zeit vom Ausgangs- bis zum Zieljahr, der schon vergangen ist (gleichmäßiger "
    "Weg; nach 2 von 4 Jahren also mindestens 50 %). „nicht auf Kurs“: weniger, auch wenn sich der "
    "Wert in die falsche Richtung bewegt. Ist der Zielwert gleich dem Ausgangswert (Niveau "
    "halten), zählt, ob der Wert nicht schlechter wurde. „keine Daten“: noch kein Istwert nach dem "
    "Ausgangsjahr. „nicht vergleichbar“: die Definition der Kennzahl oder der Zuschnitt des "
    "Gebiets hat sich zwischen Ausgangs- und Istjahr geändert. Jahreswerte gelten zum "
    "Jahresende, Quartalswerte zum Quartalsende."
)
REGEL_STADT = (
    "Veränderung gegenüber der Stadt = Veränderung im Gebiet minus Veränderung der ganzen Stadt "
    "über dieselben Jahre (wie die Dynamik des Sozialindex). So wird eine Verbesserung, die die "
    "ganze Stadt erlebt hat, nicht der Maßnahme zugerechnet."
)


@dataclass(frozen=True)
class Messpunkt:
    jahr: int
    quartal: int | None
    wert: Decimal

    @property
    def zeit(self) -> float:
        """Years since year 0 at the end of the period (a year's value is its 31 December)."""
        return float(self.jahr) if self.quartal is None else self.jahr - 1 + self.quartal / 4

    @property
    def zeitraum(self) -> str:
        return str(self.jahr) if self.quartal is None else f"Q{self.quartal}/{self.jahr}"


def zielerreichung(basis: Decimal | None, ziel: Decimal | None, ist: Decimal | None):
    """(ist − basis) / (ziel − basis) as a Decimal share (1 = 100 %); None when it cannot be
    computed: a value is missing or target = baseline (division by zero: see zustand)."""
    if basis is None or ziel is None or ist is None or ziel == basis:
        return None
    return (ist - basis) / (ziel - basis)


def zeitanteil(basis_jahr: int, ziel_jahr: int, punkt: Messpunkt) -> float:
    """The share of the way from baseline to target year that has passed at this value."""
    if ziel_jahr <= basis_jahr:
        return 1.0
    return min(1.0, max(0.0, (punkt.zeit - basis_jahr) / (ziel_jahr - basis_jahr)))


def bruch_zwischen(basis_jahr: int, ist_jahr: int, brueche: list[int | None]) -> bool:
    """A changed definition or area that takes effect after the baseline year and by the
    actual value's year makes the two incomparable."""
    return any(b is not None and basis_jahr < b <= ist_jahr for b in brueche)


def zustand(
    *,
    basis_jahr: int | None,
    basis: Decimal | None,
    ziel_jahr: int | None,
    ziel: Decimal | None,
    sinken_ist_besser: bool,
    ist: Messpunkt | None,
    brueche: list[int | None] = (),
) -> tuple[str, Decimal | None]:
    """The state and the Zielerreichung (None where it is not defined)."""
    if basis_jahr is None or basis is None or ziel_jahr is None or ziel is None:
        return Zustand.QUALITATIV, None
    if ist is None or ist.zeit <= basis_jahr:
        return Zustand.KEINE_DATEN, None
    if bruch_zwischen(basis_jahr, ist.jahr, list(brueche)):
        return Zustand.NICHT_VERGLEICHBAR, None
    grad = zielerreichung(basis, ziel, ist.wert)
    if grad is None:  # target = baseline: hold the level
        gehalten = ist.wert <= basis if sinken_ist_besser else ist.wert >= basis
        if not gehalten:
            return Zustand.NICHT_AUF_KURS, None
        return (Zustand.ERREICHT if ist.zeit >= ziel_jahr else Zustand.AUF_KURS), None
    if grad >= 1:
        return Zustand.ERREICHT, grad
    if grad >= Decimal(str(zeitanteil(basis_jahr, ziel_jahr, ist))):
        return Zustand.AUF_KURS, grad
    return Zustand.NICHT_AUF_KURS, grad


@dataclass(frozen=True)
class GegenStadt:
    gebiet: Decimal  # change in the area
    stadt: Decimal  # change of the whole city, same years
    differenz: Decimal  # area − city
    besser: bool | None  # better than the city in the desired direction (None: equal)


def gegen_stadt(
    *,
    basis_gebiet: Decimal | None,
    ist_gebiet: Decimal | None,
    basis_stadt: Decimal | None,
    ist_stadt: Decimal | None,
    sinken_ist_besser: bool,
) -> GegenStadt | None:
    if None in (basis_gebiet, ist_gebiet, basis_stadt, ist_stadt):
        return None
    gebiet = ist_gebiet - basis_gebiet
    stadt = ist_stadt - basis_stadt
    differenz = gebiet - stadt
    besser = None if differenz == 0 else (differenz < 0) == sinken_ist_besser
    return GegenStadt(gebiet, stadt, differenz, besser)


def prozent(grad: Decimal | None) -> str:
    if grad is None:
        return "–"
    return f"{int((grad * 100).quantize(Decimal(1), rounding='ROUND_HALF_UP'))} %"


def zahl(wert: Decimal | None, stellen: int = 1, *, vorzeichen: bool = False) -> str:
    """German number with fixed decimals (1.234,5), as core.pdf writes them; "–" for none."""
    from core.pdf import zahl as deutsch

    text = deutsch(wert, stellen)
    return "+" + text if vorzeichen and wert is not None and wert >= 0 else text
