"""Reads of Wirkung: every goal with its actual values, Zielerreichung, state and change
against the city, for one item or thousands, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from stammdaten.models import Kennzahlwert
from wirkung import rechnen
from wirkung.models import Istwert, Wirkungspruefung, Wirkungsziel
from wirkung.rechnen import GegenStadt, Messpunkt, Zustand


@dataclass
class Auswertung:
    ziel: Wirkungsziel
    reihe: list[Messpunkt] = field(default_factory=list)  # actual values from the baseline on
    stadt: list[Messpunkt] = field(default_factory=list)  # the city's, same Kennzahl
    letzter: Messpunkt | None = None
    zustand: str = Zustand.KEINE_DATEN
    grad: Decimal | None = None
    gegen_stadt: GegenStadt | None = None

    @property
    def prozent(self) -> str:
        return rechnen.prozent(self.grad)

    @property
    def stellen(self) -> int:
        return self.ziel.kennzahl.nachkommastellen if self.ziel.kennzahl_id else 1

    @property
    def einheit(self) -> str:
        return self.ziel.kennzahl.einheit if self.ziel.kennzahl_id else self.ziel.einheit

    def z(self, wert: Decimal | None, **optionen) -> str:
        return rechnen.zahl(wert, self.stellen, **optionen)

    @property
    def basis_text(self) -> str:
        z = self.ziel
        return f"{self.z(z.basis_wert)} ({z.basis_jahr})" if z.basis_jahr else "–"

    @property
    def ziel_text(self) -> str:
        z = self.ziel
        return f"{self.z(z.ziel_wert)} ({z.ziel_jahr})" if z.ziel_jahr else "–"

    @property
    def ist_text(self) -> str:
        return f"{self.z(self.letzter.wert)} ({self.letzter.zeitraum})" if self.letzter else "–"

    @property
    def stadt_text(self) -> str:
        g = self.gegen_stadt
        if g is None:
            return "–"
        wertung = {
            True: "besser als die Stadt",
            False: "schlechter als die Stadt",
            None: "wie die Stadt",
        }
        return (
            f"{self.z(g.differenz, vorzeichen=True)} ({wertung[g.besser]}; Gebiet "
            f"{self.z(g.gebiet, vorzeichen=True)}, Stadt {self.z(g.stadt, vorzeichen=True)})"
        )

    def beleg(self) -> dict:
        """The figures as they are now, for a frozen assessment (plain JSON)."""
        z = self.ziel
        return {
            "ziel_id": z.pk,
            "indikator": z.bezeichnung,
            "art": z.get_art_display(),
            "quelle": z.get_quelle_display(),
            "gebiet": z.gebiet if z.quelle == z.Quelle.KENNZAHL else "",
            "einheit": self.einheit,
            "ausgang": self.basis_text,
            "ziel": self.ziel_text,
            "ist": self.ist_text,
            "zielerreichung": self.prozent,
            "zustand": self.zustand,
            "gegen_stadt": self.stadt_text,
            "reihe": [[p.zeitraum, str(p.wert)] for p in self.reihe],
        }


def ziele_von(gegenstaende: Iterable) -> list[Wirkungsziel]:
    """The goals of these Empfehlungen and Steckbriefe with what their evaluation reads."""
    empfehlungen, steckbriefe = [], []
    for g in gegenstaende:
        (empfehlungen if g.TYP == "empfehlung" else steckbriefe).append(g.pk)
    return ziele_fuer(empfehlungen, steckbriefe)


def ziele_fuer(empfehlung_ids: list[int], steckbrief_ids: list[int]) -> list[Wirkungsziel]:
    """The goals of many items by their ids (the report: thousands at once)."""
    if not empfehlung_ids and not steckbrief_ids:
        return []
    return list(
        _mit_werten(
            Wirkungsziel.objects.filter(
                Q(empfehlung__in=empfehlung_ids) | Q(steckbrief__in=steckbrief_ids)
            )
        )
    )


def _mit_werten(qs):
    """What an evaluation reads of each goal: Kennzahl, area, actual values in order."""
    return qs.select_related(
        "kennzahl", "sozialraum", "sozialquartier__sozialraum"
    ).prefetch_related(Prefetch("istwerte", queryset=Istwert.objects.order_by("jahr", "quartal")))


def auswerten(ziele: list[Wirkungsziel]) -> list[Auswertung]:
    """One query for all Kennzahlwerte the Kennzahl goals need (area and city), however many."""
    kennzahl_ziele = [
        z for z in ziele if z.quelle == Wirkungsziel.Quelle.KENNZAHL and z.kennzahl_id
    ]
    werte: dict[tuple, dict[int, Decimal]] = defaultdict(dict)
    if kennzahl_ziele:
        ab = min(z.basis_jahr or 2100 for z in kennzahl_ziele)
        raeume = {z.sozialraum_id for z in kennzahl_ziele} - {None}
        quartiere = {z.sozialquartier_id for z in kennzahl_ziele} - {None}
        for w in Kennzahlwert.objects.filter(
            Q(sozialraum__in=raeume)
            | Q(sozialquartier__in=quartiere)
            | Q(sozialraum__isnull=True, sozialquartier__isnull=True),
            kennzahl__in={z.kennzahl_id for z in kennzahl_ziele},
            jahr__gte=ab,
        ).values_list("kennzahl_id", "sozialraum_id", "sozialquartier_id", "jahr", "wert"):
            werte[w[:3]][w[3]] = w[4]
    return [_auswerten(z, werte) for z in ziele]


def _auswerten(ziel: Wirkungsziel, werte: dict) -> Auswertung:
    a = Auswertung(ziel)
    sinken = ziel.sinken_ist_besser
    if ziel.quelle == Wirkungsziel.Quelle.QUALITATIV:
        a.zustand = Zustand.QUALITATIV
        return a
    if ziel.quelle == Wirkungsziel.Quelle.KENNZAHL:
        gebiet = werte.get((ziel.kennzahl_id, ziel.sozialraum_id, ziel.sozialquartier_id), {})
        stadt = werte.get((ziel.kennzahl_id, None, None), {})
        a.reihe = [Messpunkt(j, None, w) for j, w in sorted(gebiet.items()) if j >= ziel.basis_jahr]
        a.stadt = [Messpunkt(j, None, w) for j, w in sorted(stadt.items()) if j >= ziel.basis_jahr]
        brueche = [ziel.kennzahl.vergleichbar_ab]
        if ziel.sozialquartier_id:
            brueche.append(ziel.sozialquartier.zuschnitt_seit)
        elif ziel.sozialraum_id:
            brueche.append(ziel.sozialraum.zuschnitt_seit)
    else:
        a.reihe = [
            Messpunkt(i.jahr, i.quartal, i.wert)
            for i in ziel.istwerte.all()
            if ziel.basis_jahr is None or i.jahr >= ziel.basis_jahr
        ]
        brueche = []
    spaeter = [p for p in a.reihe if ziel.basis_jahr is not None and p.zeit > ziel.basis_jahr]
    a.letzter = max(spaeter, key=lambda p: p.zeit) if spaeter else None
    a.zustand, a.grad = rechnen.zustand(
        basis_jahr=ziel.basis_jahr,
        basis=ziel.basis_wert,
        ziel_jahr=ziel.ziel_jahr,
        ziel=ziel.ziel_wert,
        sinken_ist_besser=sinken,
        ist=a.letzter,
        brueche=brueche,
    )
    if (
        ziel.quelle == Wirkungsziel.Quelle.KENNZAHL
        and not ziel.ist_stadt
        and a.letzter is not None
        and a.zustand != Zustand.NICHT_VERGLEICHBAR
    ):
        stadt = {p.jahr: p.wert for p in a.stadt}
        gebiet = {p.jahr: p.wert for p in a.reihe}
        a.gegen_stadt = rechnen.gegen_stadt(
            basis_gebiet=gebiet.get(ziel.basis_jahr, ziel.basis_wert),
            ist_gebiet=a.letzter.wert,
            basis_stadt=stadt.get(ziel.basis_jahr),
            ist_stadt=stadt.get(a.letzter.jahr),
            sinken_ist_besser=sinken,
        )
    return a


def pruefungen_von(gegenstand) -> list[Wirkungspruefung]:
    feld = "empfehlung" if gegenstand.TYP == "empfehlung" else "steckbrief"
    return list(
        Wirkungspruefung.objects.filter(**{feld: gegenstand}).select_related(
            "geprueft_von", "anregung"
        )
    )


def zaehlen(auswertungen: Iterable[Auswertung]) -> dict[str, int]:
    zaehler = dict.fromkeys(Zustand.ALLE, 0)
    for a in auswertungen:
        zaehler[a.zustand] += 1
    return zaehler


def sichtbare_ziele(user) -> list[Wirkungsziel]:
    """The goals of every item this user may read (drafts only of their own Bereiche)."""
    from empfehlungen.models import Handlungsempfehlung
    from massnahmen.models import Massnahmensteckbrief
    from stammdaten.rules import sichtbar_fuer_beteiligte

    empfehlungen = sichtbar_fuer_beteiligte(user, Handlungsempfehlung.objects.all())
    steckbriefe = sichtbar_fuer_beteiligte(user, Massnahmensteckbrief.objects.all())
    return list(
        _mit_werten(
            Wirkungsziel.objects.filter(
                Q(empfehlung__in=empfehlungen.values("pk"))
                | Q(steckbrief__in=steckbriefe.values("pk"))
            )
        ).select_related(
            "empfehlung__federfuehrung",
            "empfehlung__handlungsfeld",
            "steckbrief__federfuehrung",
            "steckbrief__handlungsfeld",
        )
    )


@dataclass
class Zaehlzeile:
    name: str
    werte: list[int]

    @property
    def gesamt(self) -> int:
        return sum(self.werte)


def je_gruppe(auswertungen: list[Auswertung], gruppe) -> list[Zaehlzeile]:
    """How many goals in each state per Bereich or Handlungsfeld (gruppe(item) -> name)."""
    return zaehlzeilen((gruppe(a.ziel.gegenstand), a.zustand) for a in auswertungen)


def zaehlzeilen(paare: Iterable[tuple[str, str]]) -> list[Zaehlzeile]:
    """(group, state) pairs -> one row per group with a count per state, sorted by group."""
    zaehler: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Zustand.ALLE, 0))
    for name, zustand in paare:
        zaehler[name][zustand] += 1
    return [Zaehlzeile(name, list(z.values())) for name, z in sorted(zaehler.items())]


EXPORT_SPALTEN = [
    "Ziel-ID",
    "Eintrag",
    "Titel",
    "federführend",
    "Art",
    "Quelle",
    "Indikator",
    "Gebiet",
    "Einheit",
    "Richtung",
    "Ausgangsjahr",
    "Ausgangswert",
    "Zieljahr",
    "Zielwert",
    "Ist (Zeitraum)",
    "Istwert",
    "Zielerreichung",
    "Zustand",
    "gegenüber der Stadt",
]


def export_zeilen(auswertungen: list[Auswertung]) -> list[list]:
    zeilen = []
    for a in auswertungen:
        z, g = a.ziel, a.ziel.gegenstand
        zeilen.append(
            [
                z.pk,
                getattr(g, "nummer", "") or f"Steckbrief {g.pk}",
                g.titel,
                str(g.federfuehrung or ""),
                z.get_art_display(),
                z.get_quelle_display(),
                z.bezeichnung,
                z.gebiet if z.quelle == z.Quelle.KENNZAHL else "",
                a.einheit,
                z.get_richtung_display() if z.richtung else "",
                z.basis_jahr or "",
                a.z(z.basis_wert) if z.basis_wert is not None else "",
                z.ziel_jahr or "",
                a.z(z.ziel_wert) if z.ziel_wert is not None else "",
                a.letzter.zeitraum if a.letzter else "",
                a.z(a.letzter.wert) if a.letzter else "",
                a.prozent if a.grad is not None else "",
                a.zustand,
                a.stadt_text if a.gegen_stadt else "",
            ]
        )
    return zeilen


def istwert_felder(meldung) -> list[tuple[Wirkungsziel, Decimal | None]]:
    """The own indicators of a Sachstandsmeldung's item with the value already reported for
    its quarter (the Meldung's form asks for them)."""
    if meldung.empfehlung_id:
        ziele = Wirkungsziel.objects.filter(empfehlung_id=meldung.empfehlung_id)
    elif meldung.steckbrief_id:
        ziele = Wirkungsziel.objects.filter(steckbrief_id=meldung.steckbrief_id)
    else:
        return []
    ziele = list(ziele.filter(quelle=Wirkungsziel.Quelle.EIGEN).order_by("reihenfolge", "pk"))
    periode = meldung.periode
    bisher = dict(
        Istwert.objects.filter(
            ziel__in=ziele, jahr=periode.jahr, quartal=periode.quartal
        ).values_list("ziel_id", "wert")
    )
    return [(z, bisher.get(z.pk)) for z in ziele]


VERSIONIERT = [
    ("bezeichnung", "Indikator"),
    ("art", "Art"),
    ("richtung", "Richtung"),
    ("kennzahl_id", "Kennzahl"),
    ("sozialraum_id", "Sozialraum"),
    ("sozialquartier_id", "Sozialquartier"),
    ("basis_jahr", "Ausgangsjahr"),
    ("basis_wert", "Ausgangswert"),
    ("ziel_jahr", "Zieljahr"),
    ("ziel_wert", "Zielwert"),
    ("beschreibung", "Beschreibung"),
    ("pruefung_am", "Wirkungsprüfung am"),
]


@dataclass
class Aenderung:
    zeitpunkt: object
    wer: str
    fassung: int
    felder: list[tuple[str, str, str]]  # (label, before, after)


def aenderungen(ziele: list[Wirkungsziel]) -> dict[int, list[Aenderung]]:
    """What changed in each goal, version by version (newest first), in one query: the
    baseline and target are versioned with the item."""
    ergebnis: dict[int, list[Aenderung]] = defaultdict(list)
    if not ziele:
        return ergebnis
    vorher: dict[int, object] = {}
    for h in (
        Wirkungsziel.history.filter(id__in=[z.pk for z in ziele])
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    ):
        alt = vorher.get(h.id)
        vorher[h.id] = h
        if alt is None:
            continue
        felder = [
            (label, _wert(getattr(alt, name)), _wert(getattr(h, name)))
            for name, label in VERSIONIERT
            if getattr(alt, name) != getattr(h, name)
        ]
        if felder:
            ergebnis[h.id].insert(
                0, Aenderung(h.history_date, str(h.history_user or "?"), h.fassung, felder)
            )
    return ergebnis


def _wert(wert) -> str:
    if wert is None or wert == "":
        return "–"
    if isinstance(wert, Decimal):
        return rechnen.zahl(wert, 2).rstrip("0").rstrip(",")
    return str(wert)
