"""The quarterly Controllingbericht as PDF (reportlab, landscape A4): title page, figures, the
three charts each with its table, the items per Sozialraum, missing and late Meldungen, and the
befristete Maßnahmen ending soon.

Built for thousands of items: the long tables hold plain strings wrapped by `simpleSplit`
(a Paragraph per cell costs about ten times as much), are LongTables with repeated header rows,
and the document is built in one pass (no table of contents)."""

from __future__ import annotations

import io
import re
from datetime import datetime
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import LongTable

from controlling.auswertung import Auswertung, Diagramm, Eintrag
from controlling.models import AMPEL_REGEL
from core.pdf import FETT, SCHRIFT, bauen, schriften_registrieren, stile

SEITE = landscape(A4)
RAND = 1.8 * cm
BREITE = SEITE[0] - 2 * RAND
SACHSTAND_ZEICHEN = 300
KLEIN, ZEILE = 7.5, 9
KOPFGRUND = colors.HexColor("#e5e7eb")
LINIE = colors.HexColor("#9aa5b1")
AMPEL_GRUND = {
    "gruen": colors.HexColor("#d4ecd9"),
    "gelb": colors.HexColor("#fdf0c4"),
    "rot": colors.HexColor("#f6c9b5"),
}


def _datum(wert) -> str:
    if not wert:
        return "–"
    if isinstance(wert, datetime):
        wert = timezone.localdate(wert)
    return wert.strftime("%d.%m.%Y")


def _prozent(wert: float | None) -> str:
    return "–" if wert is None else f"{wert:.0f} %".replace(".", ",")


def _gekuerzt(text: str, zeichen: int) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= zeichen:
        return text
    return text[:zeichen].rsplit(" ", 1)[0].rstrip(" ,;.") + " …"


def _umbrochen(text: str, breite: float, *, zeilen: int | None = None) -> str:
    """Plain-string wrapping for table cells; `zeilen` caps very long titles."""
    teile = simpleSplit(text or "–", SCHRIFT, KLEIN, breite - 6)
    if zeilen and len(teile) > zeilen:
        teile = teile[:zeilen]
        teile[-1] = teile[-1].rstrip() + " …"
    return "\n".join(teile)


def _stil_tabelle(zusatz: list | None = None) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), SCHRIFT, KLEIN, ZEILE),
            ("FONT", (0, 0), (-1, 0), FETT, KLEIN, ZEILE),
            ("BACKGROUND", (0, 0), (-1, 0), KOPFGRUND),
            ("GRID", (0, 0), (-1, -1), 0.25, LINIE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *(zusatz or []),
        ]
    )


def _tabelle(zeilen: list[list], breiten: list[float], *, zahlen_ab: int | None = None, lang=False):
    """A table of plain strings; columns from `zahlen_ab` on are right-aligned figures."""
    zusatz = []
    if zahlen_ab is not None:
        zusatz.append(("ALIGN", (zahlen_ab, 0), (-1, -1), "RIGHT"))
    klasse = LongTable if lang else Table
    t = klasse(zeilen, colWidths=breiten, repeatRows=1)
    t.setStyle(_stil_tabelle(zusatz))
    return t


def _zahlentabelle(
    kopf: list[str], zeilen: list[tuple[str, list[int]]], erste: float, *, summe: bool = True
) -> Table:
    """Label column plus one column per category and a row total; `summe` adds a total row
    (not for the trend, where adding periods up means nothing)."""
    rest = (BREITE - erste) / (len(kopf) - 1)
    daten = [kopf]
    summen = [0] * (len(kopf) - 2)
    for name, werte in zeilen:
        daten.append([_umbrochen(name, erste), *map(str, werte), str(sum(werte))])
        summen = [a + b for a, b in zip(summen, werte, strict=True)]
    if summe:
        daten.append(["zusammen", *map(str, summen), str(sum(summen))])
    t = _tabelle(daten, [erste] + [rest] * (len(kopf) - 1), zahlen_ab=1)
    if summe:
        t.setStyle(TableStyle([("FONT", (0, -1), (-1, -1), FETT, KLEIN, ZEILE)]))
    return t


def _diagramm_mit_tabelle(d: Diagramm, tabelle, s) -> list:
    return [
        CondPageBreak(d.zeichnung.height + 60),
        Paragraph(escape(d.titel), s["h2"]),
        d.zeichnung,
        Spacer(1, 6),
        tabelle,
    ]


SPALTEN = [
    ("Nr.", 2.2 * cm),
    ("Titel", 5.9 * cm),
    ("Bereich", 1.5 * cm),
    ("Meldung", 2.5 * cm),
    ("Umsetzung", 2.5 * cm),
    ("Ampel", 2.3 * cm),
    ("Fortschritt", 2.0 * cm),
]
SACHSTAND_BREITE = BREITE - sum(b for _, b in SPALTEN)


def _eintragstabelle(eintraege: list[Eintrag]) -> Table:
    titel_breite = SPALTEN[1][1]
    zeilen = [[k for k, _ in SPALTEN] + ["Sachstand"]]
    zusatz = [("ALIGN", (6, 0), (6, -1), "RIGHT")]
    for i, e in enumerate(eintraege, start=1):
        sachstand = e.sachstand if e.vorgelegt else "(noch nicht gemeldet)"
        zeilen.append(
            [
                _umbrochen(e.nummer or "Steckbrief", SPALTEN[0][1]),
                _umbrochen(e.titel, titel_breite, zeilen=4),
                _umbrochen(e.bereich, SPALTEN[2][1]),
                _umbrochen(e.meldestatus_text, SPALTEN[3][1]),
                _umbrochen(e.umsetzungsstatus_text, SPALTEN[4][1]),
                _umbrochen(e.ampel_text, SPALTEN[5][1]),
                "–" if e.fortschritt is None else f"{e.fortschritt} %",
                _umbrochen(_gekuerzt(sachstand, SACHSTAND_ZEICHEN), SACHSTAND_BREITE),
            ]
        )
        if e.ampel in AMPEL_GRUND:
            zusatz.append(("BACKGROUND", (5, i), (5, i), AMPEL_GRUND[e.ampel]))
    t = LongTable(zeilen, colWidths=[b for _, b in SPALTEN] + [SACHSTAND_BREITE], repeatRows=1)
    t.setStyle(_stil_tabelle(zusatz))
    return t


def erzeugen(
    a: Auswertung, diagramme: list[Diagramm], *, erstellt: datetime | None = None
) -> bytes:
    """The report as PDF bytes."""
    schriften_registrieren()
    s = stile()
    stadt = settings.STADT_NAME
    erstellt = timezone.localtime(erstellt or timezone.now())
    titel = f"Controllingbericht {a.titel}"
    fusszeile = f"{titel}{' – ' + stadt if stadt else ''} – Stichtag {_datum(a.stichtag)}"
    puffer = io.BytesIO()

    def seite(canvas, doc):
        canvas.saveState()
        canvas.setFont(SCHRIFT, 8)
        canvas.setFillColor(colors.HexColor("#4b5563"))
        canvas.drawString(RAND, 1.1 * cm, fusszeile)
        canvas.drawRightString(SEITE[0] - RAND, 1.1 * cm, f"Seite {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        puffer,
        pagesize=SEITE,
        leftMargin=RAND,
        rightMargin=RAND,
        topMargin=1.6 * cm,
        bottomMargin=1.8 * cm,
        title=titel,
        author=f"Sozialplanung {stadt}".strip(),
        lang="de-DE",
    )
    k = a.kennzahlen
    inhalt: list = [
        Spacer(1, 3.5 * cm),
        Paragraph(
            escape(f"Stadt {stadt}" if stadt else "Strategische Sozialplanung"), s["untertitel"]
        ),
        Spacer(1, 0.6 * cm),
        Paragraph(escape(titel), s["titel"]),
        Paragraph("Sachstand der Maßnahmen und Handlungsempfehlungen", s["untertitel"]),
        Spacer(1, 1.2 * cm),
        Paragraph(f"Stichtag: {_datum(a.stichtag)}", s["untertitel"]),
        Paragraph(f"Frist für die Meldungen: {_datum(a.frist)}", s["untertitel"]),
        Paragraph(f"Erstellt am {erstellt:%d.%m.%Y, %H:%M} Uhr", s["untertitel"]),
        PageBreak(),
    ]

    # 1 Überblick
    inhalt += [
        Paragraph("1 Überblick", s["h1"]),
        Paragraph(
            escape(
                f"Für das {a.titel} wurden {k.gesamt} Sachstandsmeldungen angefordert; "
                f"{k.vorgelegt} liegen vor (eingereicht oder geprüft). Ampel und "
                "Umsetzungsstatus zählen nur vorgelegte Meldungen; was noch beim Bereich liegt, "
                "steht unter „keine Meldung“."
            ),
            s["text"],
        ),
        Spacer(1, 6),
    ]
    fehlend_text = (
        "fehlend (Frist abgelaufen)" if a.frist_abgelaufen else "fehlend (Frist läuft noch)"
    )
    zahlen = [
        ["Kennzahl", "Anzahl"],
        ["Meldungen insgesamt", str(k.gesamt)],
        ["vorgelegt (eingereicht oder geprüft)", str(k.vorgelegt)],
        ["  davon eingereicht", str(k.eingereicht)],
        ["  davon geprüft", str(k.geprueft)],
        ["offen (beim Bereich)", str(k.offen)],
        ["verspätet eingereicht (nach der Frist)", str(k.verspaetet)],
        [fehlend_text, str(k.fehlend)],
        [
            f"mittlerer Fortschritt ({k.fortschritt_anzahl} Meldungen mit Angabe)",
            _prozent(k.fortschritt_mittel),
        ],
    ]
    ampel = [["Ampel", "Anzahl"]] + [[t, str(n)] for _, t, n in k.ampel_zeilen]
    umsetzung = [["Umsetzungsstatus", "Anzahl"]] + [[t, str(n)] for _, t, n in k.umsetzung_zeilen]
    breit, schmal = 10 * cm, (BREITE - 10 * cm) / 2
    inhalt.append(
        Table(
            [
                [
                    _tabelle(zahlen, [breit - 3 * cm, 2 * cm], zahlen_ab=1),
                    _tabelle(ampel, [schmal - 3 * cm, 2 * cm], zahlen_ab=1),
                    _tabelle(umsetzung, [schmal - 3 * cm, 2 * cm], zahlen_ab=1),
                ]
            ],
            colWidths=[breit, schmal, schmal],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        )
    )
    inhalt += [Spacer(1, 8), Paragraph(escape("Ampelregel: " + AMPEL_REGEL), s["klein"])]

    # 2–4 Charts, each with its figures
    umsetzung_d, ampel_d, verlauf_d = diagramme
    kopf_u = ["Sozialraum", *(t for _, t in a.umsetzung), "zusammen"]
    kopf_a = ["Bereich", *(t for _, t in a.ampeln), "zusammen"]
    inhalt += [PageBreak(), Paragraph("2 Umsetzungsstand, Ampel und Verlauf", s["h1"])]
    inhalt += _diagramm_mit_tabelle(
        umsetzung_d, _zahlentabelle(kopf_u, [(g.name, g.werte) for g in a.gebiete], 5 * cm), s
    )
    inhalt.append(
        Paragraph(
            "Einträge mit mehreren Sozialräumen zählen in jedem; stadtweite stehen unter "
            "„stadtweit“.",
            s["klein"],
        )
    )
    inhalt += _diagramm_mit_tabelle(
        ampel_d,
        _zahlentabelle(kopf_a, [(f"{b.code} {b.name}", b.werte) for b in a.bereiche], 9 * cm),
        s,
    )
    inhalt += _diagramm_mit_tabelle(
        verlauf_d,
        _zahlentabelle(
            ["Periode", *(t for _, t in a.ampeln), "zusammen"],
            [(p.titel, p.werte) for p in a.verlauf],
            5 * cm,
            summe=False,
        ),
        s,
    )

    # 5 Items per Sozialraum
    inhalt += [PageBreak(), Paragraph("3 Einträge je Sozialraum", s["h1"])]
    inhalt.append(
        Paragraph(
            f"Sachstand gekürzt auf {SACHSTAND_ZEICHEN} Zeichen; den vollständigen Text enthält "
            "die XLSX-Datei.",
            s["klein"],
        )
    )
    for g in a.gebiete:
        inhalt += [
            CondPageBreak(4 * cm),
            Paragraph(escape(f"{g.name} ({g.gesamt} Einträge)"), s["h2"]),
            _eintragstabelle(g.eintraege),
        ]
    if not a.gebiete:
        inhalt.append(Paragraph("In dieser Periode wurden keine Meldungen angefordert.", s["text"]))

    # 6 Missing and late
    inhalt += [PageBreak(), Paragraph("4 Fehlende und verspätete Meldungen", s["h1"])]
    if not a.frist_abgelaufen:
        inhalt.append(
            Paragraph(
                escape(
                    f"Die Frist läuft bis {_datum(a.frist)}; noch offene Meldungen "
                    f"({k.offen}) gelten erst danach als fehlend."
                ),
                s["text"],
            )
        )
    zeilen = [["Nr.", "Titel", "Bereich", "Meldestatus", "eingereicht am", "Befund"]]
    breiten = [2.3 * cm, 10.5 * cm, 6 * cm, 2.8 * cm, 2.6 * cm]
    breiten.append(BREITE - sum(breiten))
    for e in [*a.fehlend, *a.verspaetet]:
        tage = ""
        if e.verspaetet:
            tage = f" ({(timezone.localdate(e.eingereicht_am) - a.frist).days} Tage)"
        zeilen.append(
            [
                e.nummer or "Steckbrief",
                _umbrochen(e.titel, breiten[1], zeilen=3),
                _umbrochen(f"{e.bereich} {e.bereich_name}", breiten[2], zeilen=2),
                e.meldestatus_text,
                _datum(e.eingereicht_am),
                ("verspätet" + tage) if e.verspaetet else "fehlt",
            ]
        )
    if len(zeilen) > 1:
        inhalt.append(_tabelle(zeilen, breiten, lang=True))
    else:
        inhalt.append(Paragraph("Keine fehlenden oder verspäteten Meldungen.", s["text"]))

    # 7 Befristete Maßnahmen
    inhalt += [
        CondPageBreak(5 * cm),
        Paragraph("5 Befristete Maßnahmen mit baldigem Laufzeitende", s["h1"]),
        Paragraph(
            escape(
                f"Maßnahmensteckbriefe, deren Laufzeit laut Meldung nach dem Stichtag und bis "
                f"{_datum(a.befristet_bis)} endet: Kandidaten für eine Empfehlung zur "
                "Verlängerung oder Verstetigung."
            ),
            s["text"],
        ),
        Spacer(1, 4),
    ]
    zeilen = [["Titel", "Bereich", "Sozialräume", "Laufzeit bis", "Finanzierung", "Meldestatus"]]
    breiten = [8 * cm, 5 * cm, 4 * cm, 2.4 * cm]
    breiten += [BREITE - sum(breiten) - 2.6 * cm, 2.6 * cm]
    for e in a.befristet:
        zeilen.append(
            [
                _umbrochen(e.titel, breiten[0], zeilen=3),
                _umbrochen(f"{e.bereich} {e.bereich_name}", breiten[1], zeilen=2),
                _umbrochen(e.gebiete_text, breiten[2], zeilen=3),
                _datum(e.laufzeit_bis),
                _umbrochen(_gekuerzt(e.finanzierung, 200) or "–", breiten[4]),
                e.meldestatus_text,
            ]
        )
    if len(zeilen) > 1:
        inhalt.append(_tabelle(zeilen, breiten, lang=True))
    else:
        inhalt.append(Paragraph("Keine befristeten Maßnahmen enden in diesem Zeitraum.", s["text"]))

    inhalt += _wirkung(a, s)
    bauen(doc, inhalt, onFirstPage=seite, onLaterPages=seite)
    return puffer.getvalue()


def _wirkung(a: Auswertung, s) -> list:
    """6 Wirkungsziele: every goal of the items asked about, with its figures now."""
    from wirkung.rechnen import REGEL, REGEL_STADT, Zustand

    teile = [CondPageBreak(5 * cm), Paragraph("6 Wirkungsziele", s["h1"])]
    if not a.wirkung:
        return [
            *teile,
            Paragraph(
                "Für die Einträge dieses Quartals sind keine Wirkungsziele festgelegt.", s["text"]
            ),
        ]
    zaehler = dict.fromkeys(Zustand.ALLE, 0)
    for w in a.wirkung:
        zaehler[w.zustand] += 1
    teile += [
        Paragraph(
            escape(
                f"{len(a.wirkung)} Wirkungsziele: "
                + ", ".join(f"{n} {z}" for z, n in zaehler.items() if n)
                + "."
            ),
            s["text"],
        ),
        Paragraph(escape(REGEL), s["klein"]),
        Paragraph(escape(REGEL_STADT), s["klein"]),
        Spacer(1, 4),
    ]
    kopf = ["Nr.", "Titel", "Indikator", "Ausgang", "Ziel", "Ist", "Zielerreichung", "ggü. Stadt"]
    breiten = [2.2 * cm, 6.5 * cm, 6 * cm, 2.6 * cm, 2.6 * cm, 2.8 * cm, 3.4 * cm]
    breiten.append(BREITE - sum(breiten))
    zeilen, vorher = [], None
    for w in a.wirkung:
        # An item's title once, above its goals: a third of the text to set for 3 goals each.
        neu = (w.nummer, w.titel) != vorher
        vorher = (w.nummer, w.titel)
        indikator = w.indikator + (f" ({w.gebiet})" if w.gebiet else "")
        zeilen.append(
            [
                (w.nummer or "Steckbrief") if neu else "",
                _umbrochen(w.titel, breiten[1], zeilen=2) if neu else "",
                _umbrochen(indikator, breiten[2], zeilen=2),
                w.ausgang_text,
                w.ziel_text,
                w.ist_text,
                f"{w.prozent} {w.zustand}" if w.grad is not None else w.zustand,
                w.gegen_stadt_kurz,
            ]
        )
    # Tables of a page's length: one long table is split again and again (quadratic).
    for start in range(0, len(zeilen), WIRKUNG_JE_TABELLE):
        teile.append(_tabelle([kopf, *zeilen[start : start + WIRKUNG_JE_TABELLE]], breiten))
    return teile


WIRKUNG_JE_TABELLE = 40
