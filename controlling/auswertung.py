"""Everything the quarterly report and the dashboard show about one Berichtsperiode.

Built only from the period's Sachstandsmeldungen and the snapshot they took when requested
(number, title, stadtweit, Sozialräume), so a report rebuilt later shows the same figures. Ampel
and Umsetzungsstatus count only what the Bereiche submitted (eingereicht or geprüft); a Meldung
still with its Bereich counts as "keine Meldung", whatever was prefilled into it.

A fixed handful of queries whatever the number of Meldungen: one `values()` pass over the
Meldungen, one over their Sozialräume, one aggregate for the trend.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from django.db.models import Count
from django.utils import timezone

from controlling import diagramme as zeichnen
from controlling.models import (
    VORGELEGT,
    Ampel,
    Berichtsperiode,
    Meldestatus,
    Sachstandsmeldung,
    Umsetzungsstatus,
    quartalsende,
)
from core import charts
from stammdaten.models import Sozialraum
from wirkung import rechnen as wirkung_rechnen
from wirkung import selectors as wirkung_selectors

KEINE = "keine"
KEINE_TEXT = "keine Meldung"
AMPELN: list[tuple[str, str]] = [*Ampel.choices, (KEINE, KEINE_TEXT)]
UMSETZUNG: list[tuple[str, str]] = [*Umsetzungsstatus.choices, (KEINE, KEINE_TEXT)]
STADTWEIT = "stadtweit"
OHNE_GEBIET = "ohne Sozialraum"
VERLAUF_PERIODEN = 6
# Befristete Steckbriefe ending within this many quarters after the Stichtag are listed as
# candidates for a Verlängerung or Verstetigung.
BEFRISTET_QUARTALE = 2

_AMPEL_TEXT = dict(AMPELN)
_UMSETZUNG_TEXT = dict(UMSETZUNG)
_MELDESTATUS_TEXT = dict(Meldestatus.choices)


@dataclass(frozen=True)
class Eintrag:
    """One item as reported in the period."""

    pk: int
    nummer: str
    titel: str
    art: str
    bereich: str
    bereich_name: str
    meldestatus: str
    vorgelegt: bool
    umsetzungsstatus: str  # a Umsetzungsstatus value, or KEINE
    ampel: str  # an Ampel value, or KEINE
    fortschritt: int | None
    sachstand: str
    sozialraeume: tuple[str, ...]
    eingereicht_am: datetime | None
    verspaetet: bool
    fehlend: bool
    befristet: bool
    laufzeit_bis: date | None
    finanzierung: str

    @property
    def meldestatus_text(self) -> str:
        return _MELDESTATUS_TEXT.get(self.meldestatus, self.meldestatus)

    @property
    def umsetzungsstatus_text(self) -> str:
        return _UMSETZUNG_TEXT.get(self.umsetzungsstatus, self.umsetzungsstatus)

    @property
    def ampel_text(self) -> str:
        return _AMPEL_TEXT.get(self.ampel, self.ampel)

    @property
    def gebiete_text(self) -> str:
        return ", ".join(self.sozialraeume)


def _wie_angefordert(vorbefuellung: dict | None) -> tuple[bool, date | None, str]:
    v = vorbefuellung or {}
    bis = v.get("laufzeit_bis")
    return (
        bool(v.get("befristet")),
        date.fromisoformat(bis) if bis else None,
        v.get("finanzierung") or "",
    )


def _zaehlung(kategorien: list[tuple[str, str]]) -> dict[str, int]:
    return dict.fromkeys((k for k, _ in kategorien), 0)


@dataclass
class Kennzahlen:
    gesamt: int = 0
    eingereicht: int = 0
    geprueft: int = 0
    offen: int = 0
    verspaetet: int = 0
    fehlend: int = 0
    je_ampel: dict[str, int] = field(default_factory=lambda: _zaehlung(AMPELN))
    je_umsetzungsstatus: dict[str, int] = field(default_factory=lambda: _zaehlung(UMSETZUNG))
    fortschritt_summe: int = 0
    fortschritt_anzahl: int = 0

    @property
    def vorgelegt(self) -> int:
        return self.eingereicht + self.geprueft

    @property
    def fortschritt_mittel(self) -> float | None:
        """Mean progress of the submitted Meldungen that state one."""
        if not self.fortschritt_anzahl:
            return None
        return self.fortschritt_summe / self.fortschritt_anzahl

    @property
    def ampel_zeilen(self) -> list[tuple[str, str, int]]:
        return [(k, t, self.je_ampel[k]) for k, t in AMPELN]

    @property
    def umsetzung_zeilen(self) -> list[tuple[str, str, int]]:
        return [(k, t, self.je_umsetzungsstatus[k]) for k, t in UMSETZUNG]


@dataclass
class Gebiet:
    """A Sozialraum (or the stadtweit group) with its items."""

    name: str
    kurzname: str
    je_umsetzungsstatus: dict[str, int] = field(default_factory=lambda: _zaehlung(UMSETZUNG))
    eintraege: list[Eintrag] = field(default_factory=list)

    @property
    def werte(self) -> list[int]:
        return list(self.je_umsetzungsstatus.values())

    @property
    def gesamt(self) -> int:
        return len(self.eintraege)


@dataclass
class BereichZeile:
    code: str
    name: str
    je_ampel: dict[str, int] = field(default_factory=lambda: _zaehlung(AMPELN))

    @property
    def werte(self) -> list[int]:
        return list(self.je_ampel.values())

    @property
    def gesamt(self) -> int:
        return sum(self.je_ampel.values())


@dataclass
class Verlaufspunkt:
    periode_id: int
    titel: str  # "Q3/2026"
    stichtag: date
    je_ampel: dict[str, int] = field(default_factory=lambda: _zaehlung(AMPELN))

    @property
    def werte(self) -> list[int]:
        return list(self.je_ampel.values())

    @property
    def gesamt(self) -> int:
        return sum(self.je_ampel.values())


@dataclass(frozen=True)
class WirkungZeile:
    """One Wirkungsziel of an item reported in the period, with its figures now."""

    nummer: str
    titel: str
    bereich: str
    handlungsfeld: str
    indikator: str
    art: str
    quelle: str
    gebiet: str
    einheit: str
    basis_jahr: int | None
    basis_wert: Decimal | None
    ziel_jahr: int | None
    ziel_wert: Decimal | None
    ist_zeitraum: str
    ist_wert: Decimal | None
    grad: Decimal | None
    zustand: str
    gegen_stadt: Decimal | None
    gegen_stadt_text: str
    gegen_stadt_besser: bool | None
    stellen: int

    @property
    def gegen_stadt_kurz(self) -> str:
        if self.gegen_stadt is None:
            return "–"
        wertung = {True: "besser", False: "schlechter", None: "gleich"}[self.gegen_stadt_besser]
        return f"{wirkung_rechnen.zahl(self.gegen_stadt, self.stellen, vorzeichen=True)} {wertung}"

    def z(self, wert: Decimal | None) -> str:
        return wirkung_rechnen.zahl(wert, self.stellen)

    @property
    def ausgang_text(self) -> str:
        return f"{self.z(self.basis_wert)} ({self.basis_jahr})" if self.basis_jahr else "–"

    @property
    def ziel_text(self) -> str:
        return f"{self.z(self.ziel_wert)} ({self.ziel_jahr})" if self.ziel_jahr else "–"

    @property
    def ist_text(self) -> str:
        return f"{self.z(self.ist_wert)} ({self.ist_zeitraum})" if self.ist_zeitraum else "–"

    @property
    def prozent(self) -> str:
        return wirkung_rechnen.prozent(self.grad)


def wirkung_zeilen(periode: Berichtsperiode) -> list[WirkungZeile]:
    """Every goal of the items the period asked about; the Kennzahlwerte in one query."""
    meldungen = list(
        Sachstandsmeldung.objects.filter(periode_id=periode.pk).values_list(
            "empfehlung_id",
            "steckbrief_id",
            "nummer",
            "titel",
            "bereich__code",
            "empfehlung__handlungsfeld__name",
            "steckbrief__handlungsfeld__name",
        )
    )
    je_empfehlung = {m[0]: m for m in meldungen if m[0]}
    je_steckbrief = {m[1]: m for m in meldungen if m[1]}
    zeilen = []
    for a in wirkung_selectors.auswerten(
        wirkung_selectors.ziele_fuer(list(je_empfehlung), list(je_steckbrief))
    ):
        z = a.ziel
        m = je_empfehlung.get(z.empfehlung_id) or je_steckbrief[z.steckbrief_id]
        zeilen.append(
            WirkungZeile(
                nummer=m[2],
                titel=m[3],
                bereich=m[4],
                handlungsfeld=m[5] or m[6] or "ohne Handlungsfeld",
                indikator=z.bezeichnung,
                art=z.get_art_display(),
                quelle=z.get_quelle_display(),
                gebiet=z.gebiet if z.quelle == z.Quelle.KENNZAHL else "",
                einheit=a.einheit,
                basis_jahr=z.basis_jahr,
                basis_wert=z.basis_wert,
                ziel_jahr=z.ziel_jahr,
                ziel_wert=z.ziel_wert,
                ist_zeitraum=a.letzter.zeitraum if a.letzter else "",
                ist_wert=a.letzter.wert if a.letzter else None,
                grad=a.grad,
                zustand=a.zustand,
                gegen_stadt=a.gegen_stadt.differenz if a.gegen_stadt else None,
                gegen_stadt_text=a.stadt_text,
                gegen_stadt_besser=a.gegen_stadt.besser if a.gegen_stadt else None,
                stellen=a.stellen,
            )
        )
    zeilen.sort(key=lambda w: (w.bereich, w.nummer or "~", w.titel, w.indikator))
    return zeilen


def wirkung_je(a: Auswertung, feld: str) -> list[wirkung_selectors.Zaehlzeile]:
    """How many goals in each state per Bereich or Handlungsfeld (dashboard)."""
    return wirkung_selectors.zaehlzeilen((getattr(w, feld), w.zustand) for w in a.wirkung)


@dataclass
class Auswertung:
    periode_id: int
    jahr: int
    quartal: int
    stichtag: date
    frist: date
    frist_abgelaufen: bool
    stand: date
    kennzahlen: Kennzahlen
    gebiete: list[Gebiet]
    bereiche: list[BereichZeile]
    verlauf: list[Verlaufspunkt]
    eintraege: list[Eintrag]
    fehlend: list[Eintrag]
    verspaetet: list[Eintrag]
    befristet: list[Eintrag]
    befristet_bis: date
    wirkung: list[WirkungZeile] = field(default_factory=list)
    ampeln: list[tuple[str, str]] = field(default_factory=lambda: list(AMPELN))
    umsetzung: list[tuple[str, str]] = field(default_factory=lambda: list(UMSETZUNG))

    @property
    def titel(self) -> str:
        return f"{self.quartal}. Quartal {self.jahr}"

    @property
    def kurz(self) -> str:
        return f"Q{self.quartal}/{self.jahr}"


def _quartale_spaeter(jahr: int, quartal: int, anzahl: int) -> tuple[int, int]:
    index = jahr * 4 + (quartal - 1) + anzahl
    return index // 4, index % 4 + 1


def auswerten(periode: Berichtsperiode, *, heute: date | None = None) -> Auswertung:
    """The figures of one period. `heute` decides whether the Frist has passed (a Meldung not
    submitted by then is "fehlend"); the period's closing counts as passed too."""
    heute = heute or timezone.localdate()
    frist_abgelaufen = heute > periode.frist or periode.abgeschlossen_am is not None
    jahr_b, quartal_b = _quartale_spaeter(periode.jahr, periode.quartal, BEFRISTET_QUARTALE)
    befristet_bis = quartalsende(jahr_b, quartal_b)

    gebiete_je_meldung: dict[int, list[int]] = defaultdict(list)
    durch = Sachstandsmeldung.sozialraeume.through.objects.filter(
        sachstandsmeldung__periode_id=periode.pk
    ).values_list("sachstandsmeldung_id", "sozialraum_id")
    for meldung_id, sozialraum_id in durch.iterator(chunk_size=5000):
        gebiete_je_meldung[meldung_id].append(sozialraum_id)
    raeume = {
        r["pk"]: r for r in Sozialraum.objects.values("pk", "name", "kurzname", "reihenfolge")
    }

    k = Kennzahlen()
    gebiete: dict[object, Gebiet] = {}
    bereiche: dict[str, BereichZeile] = {}
    eintraege: list[Eintrag] = []
    zeilen = Sachstandsmeldung.objects.filter(periode_id=periode.pk).values_list(
        "pk",
        "nummer",
        "titel",
        "empfehlung_id",
        "stadtweit",
        "status",
        "umsetzungsstatus",
        "ampel",
        "fortschritt",
        "sachstand",
        "eingereicht_am",
        "befristet",
        "laufzeit_bis",
        "finanzierung",
        "vorbefuellung",
        "bereich__code",
        "bereich__name",
    )
    for (
        pk,
        nummer,
        titel,
        empfehlung_id,
        stadtweit,
        status,
        umsetzungsstatus,
        ampel,
        fortschritt,
        sachstand,
        eingereicht_am,
        befristet,
        laufzeit_bis,
        finanzierung,
        vorbefuellung,
        bereich_code,
        bereich_name,
    ) in zeilen.iterator(chunk_size=2000):
        vorgelegt = status in VORGELEGT
        if not vorgelegt:
            umsetzungsstatus, ampel = KEINE, KEINE
            # What the Bereich has typed but not submitted stays with the Bereich: the report
            # shows the Steckbrief's term and funding as they were when the Meldung was asked.
            befristet, laufzeit_bis, finanzierung = _wie_angefordert(vorbefuellung)
        umsetzungsstatus = umsetzungsstatus or KEINE
        ampel = ampel or KEINE
        verspaetet = bool(
            vorgelegt and eingereicht_am and timezone.localdate(eingereicht_am) > periode.frist
        )
        fehlend = not vorgelegt and frist_abgelaufen
        if stadtweit:
            schluessel = [STADTWEIT]
        else:
            schluessel = sorted(
                gebiete_je_meldung.get(pk, []),
                key=lambda r: (raeume[r]["reihenfolge"], raeume[r]["name"]),
            ) or [OHNE_GEBIET]
        namen = tuple(raeume[s]["name"] if isinstance(s, int) else s for s in schluessel)
        e = Eintrag(
            pk=pk,
            nummer=nummer,
            titel=titel,
            art="Handlungsempfehlung" if empfehlung_id else "Maßnahmensteckbrief",
            bereich=bereich_code,
            bereich_name=bereich_name,
            meldestatus=status,
            vorgelegt=vorgelegt,
            umsetzungsstatus=umsetzungsstatus,
            ampel=ampel,
            fortschritt=fortschritt if vorgelegt else None,
            sachstand=sachstand if vorgelegt else "",
            sozialraeume=namen,
            eingereicht_am=eingereicht_am if vorgelegt else None,
            verspaetet=verspaetet,
            fehlend=fehlend,
            befristet=befristet and not empfehlung_id,
            laufzeit_bis=laufzeit_bis,
            finanzierung=finanzierung,
        )
        eintraege.append(e)

        k.gesamt += 1
        if status == Meldestatus.EINGEREICHT:
            k.eingereicht += 1
        elif status == Meldestatus.GEPRUEFT:
            k.geprueft += 1
        else:
            k.offen += 1
        k.verspaetet += verspaetet
        k.fehlend += fehlend
        k.je_ampel[ampel] += 1
        k.je_umsetzungsstatus[umsetzungsstatus] += 1
        if vorgelegt and fortschritt is not None:
            k.fortschritt_summe += fortschritt
            k.fortschritt_anzahl += 1

        for s, name in zip(schluessel, namen, strict=True):
            gebiet = gebiete.get(s)
            if gebiet is None:
                kurz = raeume[s]["kurzname"] if isinstance(s, int) else s
                gebiet = gebiete[s] = Gebiet(name=name, kurzname=kurz)
            gebiet.je_umsetzungsstatus[umsetzungsstatus] += 1
            gebiet.eintraege.append(e)
        zeile = bereiche.get(bereich_code)
        if zeile is None:
            zeile = bereiche[bereich_code] = BereichZeile(code=bereich_code, name=bereich_name)
        zeile.je_ampel[ampel] += 1

    def reihenfolge(s):
        if isinstance(s, int):
            return (0, raeume[s]["reihenfolge"], raeume[s]["name"])
        return (1 if s == STADTWEIT else 2, 0, s)

    def eintrag_folge(e: Eintrag):
        # Numbered Empfehlungen first, in natural order (OST-9 before OST-10), then Steckbriefe.
        nummer = [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", e.nummer)]
        return (not e.nummer, nummer, e.titel.casefold(), e.pk)

    for gebiet in gebiete.values():
        gebiet.eintraege.sort(key=eintrag_folge)
    eintraege.sort(key=eintrag_folge)

    return Auswertung(
        periode_id=periode.pk,
        jahr=periode.jahr,
        quartal=periode.quartal,
        stichtag=periode.stichtag,
        frist=periode.frist,
        frist_abgelaufen=frist_abgelaufen,
        stand=heute,
        kennzahlen=k,
        gebiete=[gebiete[s] for s in sorted(gebiete, key=reihenfolge)],
        bereiche=[bereiche[c] for c in sorted(bereiche)],
        verlauf=_verlauf(periode, k.je_ampel),
        eintraege=eintraege,
        fehlend=sorted(
            (e for e in eintraege if e.fehlend), key=lambda e: (e.bereich, *eintrag_folge(e))
        ),
        verspaetet=sorted(
            (e for e in eintraege if e.verspaetet), key=lambda e: (e.bereich, *eintrag_folge(e))
        ),
        befristet=sorted(
            (
                e
                for e in eintraege
                if e.befristet
                and e.laufzeit_bis
                and periode.stichtag < e.laufzeit_bis <= befristet_bis
            ),
            key=lambda e: (e.laufzeit_bis, *eintrag_folge(e)),
        ),
        befristet_bis=befristet_bis,
        wirkung=wirkung_zeilen(periode),
    )


def _verlauf(periode: Berichtsperiode, aktuell: dict[str, int]) -> list[Verlaufspunkt]:
    """Ampel counts of the last periods up to this one, counted as for this one."""
    perioden = list(
        Berichtsperiode.objects.filter(stichtag__lte=periode.stichtag)
        .order_by("-stichtag")
        .values_list("pk", "jahr", "quartal", "stichtag")[:VERLAUF_PERIODEN]
    )[::-1]
    punkte = {
        pk: Verlaufspunkt(periode_id=pk, titel=f"Q{q}/{j}", stichtag=s) for pk, j, q, s in perioden
    }
    frueher = [pk for pk in punkte if pk != periode.pk]
    zahlen = (
        Sachstandsmeldung.objects.filter(periode_id__in=frueher)
        .values_list("periode_id", "status", "ampel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for periode_id, status, ampel, n in zahlen:
        schluessel = ampel if status in VORGELEGT and ampel else KEINE
        punkte[periode_id].je_ampel[schluessel] += n
    if periode.pk in punkte:
        punkte[periode.pk].je_ampel = dict(aktuell)
    return list(punkte.values())


@dataclass
class Diagramm:
    kennung: str
    titel: str
    beschreibung: str
    zeichnen: Callable  # controlling.diagramme function -> reportlab Drawing
    daten: tuple  # its arguments, everything the chart shows

    @cached_property
    def zeichnung(self):
        """The reportlab Drawing (drawn once; the page needs only the remembered SVG)."""
        return self.zeichnen(*self.daten)

    def svg(self) -> str:
        return charts.svg_gemerkt(
            (self.zeichnen.__name__, self.daten),
            lambda: self.zeichnung,
            titel=self.titel,
            beschreibung=self.beschreibung,
            kennung=self.kennung,
        )


def diagramme(a: Auswertung) -> list[Diagramm]:
    """The three charts, drawn once for dashboard (SVG) and report (PDF flowables)."""
    return [
        Diagramm(
            "umsetzung",
            f"Umsetzungsstand je Sozialraum, {a.titel}",
            "Gestapelte Balken: Zahl der Einträge je Umsetzungsstatus und Sozialraum; "
            "die Zahlen stehen in der Tabelle daneben.",
            zeichnen.umsetzung_je_sozialraum_diagramm,
            ([(g.name, g.werte) for g in a.gebiete], a.umsetzung),
        ),
        Diagramm(
            "ampel",
            f"Ampel je Bereich, {a.titel}",
            "Gestapelte Säulen: Zahl der Meldungen je Ampel und Bereich; die Zahlen stehen in "
            "der Tabelle daneben.",
            zeichnen.ampel_je_bereich_diagramm,
            ([(b.code, b.werte) for b in a.bereiche], a.ampeln),
        ),
        Diagramm(
            "verlauf",
            f"Ampel im Verlauf bis {a.kurz}",
            "Linien je Ampel über die letzten Berichtsperioden (grün: Kreis, gelb: Quadrat, "
            "rot: Dreieck, keine Meldung: Raute); die Zahlen stehen in der Tabelle daneben.",
            zeichnen.ampel_verlauf_diagramm,
            ([(p.titel, p.werte) for p in a.verlauf], a.ampeln),
        ),
    ]
