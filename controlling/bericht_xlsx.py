"""The quarterly Controllingbericht as XLSX: the same figures as the PDF, every item with its
full Sachstand, for committees that filter and sum for themselves.

A write-only workbook streams rows (thousands of items in a second or two), and every text
cell passes the export's formula guard: a title beginning with "=" stays text."""

from __future__ import annotations

import io
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from controlling.auswertung import Auswertung
from controlling.models import AMPEL_REGEL
from core.importing import zelle_entschaerfen

# Excel holds at most 32,767 characters in a cell.
ZELLE_MAX = 32_000
FETT = Font(bold=True)
UMBRUCH = Alignment(wrap_text=True, vertical="top")


class _Blatt:
    """A write-only sheet with typed, guarded cells."""

    def __init__(self, wb: Workbook, titel: str, breiten: list[float], *, kopf_fixieren=False):
        self.ws = wb.create_sheet(titel)
        for i, breite in enumerate(breiten):
            self.ws.column_dimensions[chr(ord("A") + i)].width = breite
        if kopf_fixieren:
            self.ws.freeze_panes = "A2"

    def zelle(self, wert, *, fett=False, umbruch=False):
        if isinstance(wert, datetime):
            wert = timezone.localtime(wert).replace(tzinfo=None)
        elif isinstance(wert, str):
            wert = zelle_entschaerfen(wert[:ZELLE_MAX])
        c = WriteOnlyCell(self.ws, wert)
        if isinstance(wert, datetime):
            c.number_format = "DD.MM.YYYY HH:MM"
        elif isinstance(wert, date):
            c.number_format = "DD.MM.YYYY"
        if fett:
            c.font = FETT
        if umbruch:
            c.alignment = UMBRUCH
        return c

    def kopf(self, *werte) -> None:
        self.ws.append([self.zelle(w, fett=True) for w in werte])

    def zeile(self, *werte, umbruch_ab: int | None = None) -> None:
        self.ws.append(
            [
                self.zelle(w, umbruch=umbruch_ab is not None and i >= umbruch_ab)
                for i, w in enumerate(werte)
            ]
        )

    def leer(self) -> None:
        self.ws.append([])


def erzeugen(a: Auswertung, *, erstellt: datetime | None = None) -> bytes:
    wb = Workbook(write_only=True)
    k = a.kennzahlen
    ampel_texte = [t for _, t in a.ampeln]
    umsetzung_texte = [t for _, t in a.umsetzung]

    u = _Blatt(wb, "Übersicht", [44, 16, 16, 16, 16, 16, 16, 16])
    u.kopf("Controllingbericht", a.titel)
    u.zeile("Stadt", settings.STADT_NAME or "–")
    u.zeile("Stichtag", a.stichtag)
    u.zeile("Frist", a.frist)
    u.zeile("Erstellt am", erstellt or timezone.now())
    u.leer()
    u.kopf("Kennzahl", "Anzahl")
    u.zeile("Meldungen insgesamt", k.gesamt)
    u.zeile("vorgelegt (eingereicht oder geprüft)", k.vorgelegt)
    u.zeile("davon eingereicht", k.eingereicht)
    u.zeile("davon geprüft", k.geprueft)
    u.zeile("offen (beim Bereich)", k.offen)
    u.zeile("verspätet eingereicht (nach der Frist)", k.verspaetet)
    u.zeile(
        "fehlend" + (" (Frist abgelaufen)" if a.frist_abgelaufen else " (Frist läuft noch)"),
        k.fehlend,
    )
    mittel = k.fortschritt_mittel
    u.zeile("mittlerer Fortschritt (%)", round(mittel, 1) if mittel is not None else "–")
    u.leer()
    u.kopf("Ampel", "Anzahl")
    for _, text, n in k.ampel_zeilen:
        u.zeile(text, n)
    u.leer()
    u.kopf("Umsetzungsstatus", "Anzahl")
    for _, text, n in k.umsetzung_zeilen:
        u.zeile(text, n)
    u.leer()
    u.kopf("Umsetzungsstand je Sozialraum", *umsetzung_texte, "zusammen")
    for g in a.gebiete:
        u.zeile(g.name, *g.werte, sum(g.werte))
    u.leer()
    u.kopf("Ampel je Bereich", *ampel_texte, "zusammen")
    for b in a.bereiche:
        u.zeile(f"{b.code} {b.name}", *b.werte, b.gesamt)
    u.leer()
    u.zeile("Ampel und Umsetzungsstatus zählen nur vorgelegte Meldungen.")
    u.zeile("Ampelregel: " + AMPEL_REGEL)

    e = _Blatt(
        wb, "Einträge", [24, 12, 20, 50, 10, 30, 16, 16, 12, 12, 80, 14, 11], kopf_fixieren=True
    )
    e.kopf(
        "Sozialräume",
        "Nr.",
        "Art",
        "Titel",
        "Bereich",
        "Bereich (Name)",
        "Meldestatus",
        "Umsetzungsstatus",
        "Ampel",
        "Fortschritt (%)",
        "Sachstand",
        "eingereicht am",
        "verspätet",
    )
    for x in a.eintraege:
        e.zeile(
            x.gebiete_text,
            x.nummer,
            x.art,
            x.titel,
            x.bereich,
            x.bereich_name,
            x.meldestatus_text,
            x.umsetzungsstatus_text,
            x.ampel_text,
            x.fortschritt,
            x.sachstand,
            x.eingereicht_am,
            "ja" if x.verspaetet else "nein",
        )

    f = _Blatt(wb, "Fehlend und verspätet", [12, 50, 10, 30, 16, 16, 12, 14], kopf_fixieren=True)
    f.kopf(
        "Nr.",
        "Titel",
        "Bereich",
        "Bereich (Name)",
        "Meldestatus",
        "eingereicht am",
        "Befund",
        "Tage nach Frist",
    )
    for x in [*a.fehlend, *a.verspaetet]:
        tage = (timezone.localdate(x.eingereicht_am) - a.frist).days if x.verspaetet else None
        f.zeile(
            x.nummer,
            x.titel,
            x.bereich,
            x.bereich_name,
            x.meldestatus_text,
            x.eingereicht_am,
            "verspätet" if x.verspaetet else "fehlt",
            tage,
        )

    b = _Blatt(wb, "Befristet", [50, 10, 30, 24, 14, 60, 16], kopf_fixieren=True)
    b.kopf(
        "Titel",
        "Bereich",
        "Bereich (Name)",
        "Sozialräume",
        "Laufzeit bis",
        "Finanzierung",
        "Meldestatus",
    )
    for x in a.befristet:
        b.zeile(
            x.titel,
            x.bereich,
            x.bereich_name,
            x.gebiete_text,
            x.laufzeit_bis,
            x.finanzierung,
            x.meldestatus_text,
        )

    v = _Blatt(wb, "Verlauf", [14, 14, 12, 12, 12, 16, 12], kopf_fixieren=True)
    v.kopf("Periode", "Stichtag", *ampel_texte, "zusammen")
    for p in a.verlauf:
        v.zeile(p.titel, p.stichtag, *p.werte, p.gesamt)

    w = _Blatt(
        wb,
        "Wirkung",
        [12, 40, 10, 36, 22, 24, 20, 12, 10, 14, 10, 14, 12, 14, 14, 16, 60],
        kopf_fixieren=True,
    )
    w.kopf(
        "Nr.",
        "Titel",
        "Bereich",
        "Indikator",
        "Art",
        "Quelle",
        "Gebiet",
        "Einheit",
        "Ausgangsjahr",
        "Ausgangswert",
        "Zieljahr",
        "Zielwert",
        "Ist (Zeitraum)",
        "Istwert",
        "Zielerreichung",
        "Zustand",
        "gegenüber der Stadt (Differenz)",
    )
    for z in a.wirkung:
        w.ws.append(
            [
                w.zelle(z.nummer),
                w.zelle(z.titel),
                w.zelle(z.bereich),
                w.zelle(z.indikator),
                w.zelle(z.art),
                w.zelle(z.quelle),
                w.zelle(z.gebiet),
                w.zelle(z.einheit),
                w.zelle(z.basis_jahr),
                _zahl(w, z.basis_wert),
                w.zelle(z.ziel_jahr),
                _zahl(w, z.ziel_wert),
                w.zelle(z.ist_zeitraum),
                _zahl(w, z.ist_wert),
                _zahl(w, z.grad, "0%"),
                w.zelle(z.zustand),
                _zahl(w, z.gegen_stadt),
            ]
        )
    w.leer()
    from wirkung.rechnen import REGEL

    w.zeile("Regel: " + REGEL)

    puffer = io.BytesIO()
    wb.save(puffer)
    return puffer.getvalue()


def _zahl(blatt: _Blatt, wert, format: str = "#,##0.0###"):
    """A number stays a number (sums and charts in Excel work); none stays empty."""
    c = blatt.zelle(None if wert is None else float(wert))
    if wert is not None:
        c.number_format = format
    return c
