"""The Strategiepapier as PDF (reportlab): title page, contents, Sozialraumanalyse with chart,
Steckbriefe, Empfehlungen by Handlungsfeld, and an appendix of the Anregungen behind each
Empfehlung. Bitstream Vera (shipped with reportlab) is embedded: umlauts, ß and German quotes
print everywhere."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.conf import settings
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from stammdaten import charts, selectors, sozialindex

SCHRIFT, FETT, KURSIV = "Vera", "Vera-Bold", "Vera-Italic"


def _schriften() -> None:
    if SCHRIFT in pdfmetrics.getRegisteredFontNames():
        return
    ordner = Path(reportlab.__file__).parent / "fonts"
    for name, datei in [
        (SCHRIFT, "Vera.ttf"),
        (FETT, "VeraBd.ttf"),
        (KURSIV, "VeraIt.ttf"),
        ("Vera-BoldItalic", "VeraBI.ttf"),
    ]:
        pdfmetrics.registerFont(TTFont(name, str(ordner / datei)))
    pdfmetrics.registerFontFamily(
        SCHRIFT, normal=SCHRIFT, bold=FETT, italic=KURSIV, boldItalic="Vera-BoldItalic"
    )


def _stile() -> dict[str, ParagraphStyle]:
    basis = getSampleStyleSheet()
    s = {
        "text": ParagraphStyle(
            "text", parent=basis["BodyText"], fontName=SCHRIFT, fontSize=9.5, leading=13
        ),
        "klein": ParagraphStyle(
            "klein", parent=basis["BodyText"], fontName=SCHRIFT, fontSize=8, leading=10
        ),
        "h1": ParagraphStyle(
            "h1", parent=basis["Heading1"], fontName=FETT, fontSize=16, spaceBefore=6, spaceAfter=10
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=basis["Heading2"],
            fontName=FETT,
            fontSize=12.5,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=basis["Heading3"],
            fontName=FETT,
            fontSize=10.5,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "titel": ParagraphStyle(
            "titel", fontName=FETT, fontSize=26, leading=32, alignment=TA_CENTER, spaceAfter=18
        ),
        "untertitel": ParagraphStyle(
            "untertitel", fontName=SCHRIFT, fontSize=14, leading=20, alignment=TA_CENTER
        ),
    }
    return s


class _Dokument(SimpleDocTemplate):
    """Reports headings to the table of contents (two passes, multiBuild)."""

    def afterFlowable(self, flowable):
        if isinstance(flowable, Paragraph) and getattr(flowable, "toc_ebene", None) is not None:
            # The table of contents parses its entries as markup again: escape the plain text.
            eintrag = escape(flowable.getPlainText())
            self.notify("TOCEntry", (flowable.toc_ebene, eintrag, self.page))


def _ueberschrift(text: str, stil: ParagraphStyle, ebene: int) -> Paragraph:
    p = Paragraph(escape(text), stil)
    p.toc_ebene = ebene
    return p


def _p(text: str, stil) -> Paragraph:
    return Paragraph(escape(text or "–").replace("\n", "<br/>"), stil)


def _tabelle(zeilen: list[list], breiten: list[float], stile) -> Table:
    daten = [
        [_p(str(z), stile["klein"]) if not isinstance(z, Paragraph) else z for z in zeile]
        for zeile in zeilen
    ]
    t = Table(daten, colWidths=breiten, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa5b1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def _zahl(wert, stellen: int) -> str:
    if wert is None:
        return "–"
    return f"{wert:,.{stellen}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def erzeugen(
    papier, *, empfehlungen, steckbriefe, anzahl_anregungen: dict[int, int], vorschau: bool = False
) -> bytes:
    """The PDF as bytes. `anzahl_anregungen`: Empfehlung id -> Anregungen behind it."""
    _schriften()
    s = _stile()
    stadt = settings.STADT_NAME
    puffer = io.BytesIO()
    fusszeile = f"Strategiepapier {papier.sozialraum.name} – Ausgabe {papier.ausgabe}"
    if vorschau:
        fusszeile += " – VORSCHAU, nicht veröffentlicht"

    def seite(canvas, doc):
        canvas.saveState()
        canvas.setFont(SCHRIFT, 8)
        canvas.setFillColor(colors.HexColor("#4b5563"))
        canvas.drawString(2 * cm, 1.2 * cm, fusszeile)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Seite {doc.page}")
        canvas.restoreState()

    doc = _Dokument(
        puffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=fusszeile,
        author=f"Sozialplanung {stadt}".strip(),
        lang="de-DE",
    )
    breite = A4[0] - 4 * cm
    inhalt = [
        Spacer(1, 5 * cm),
        Paragraph("Strategiepapier", s["titel"]),
        Paragraph(f"Sozialraum {escape(papier.sozialraum.name)}", s["untertitel"]),
        Spacer(1, 0.4 * cm),
        Paragraph(f"Ausgabe {papier.ausgabe}", s["untertitel"]),
        Spacer(1, 2 * cm),
        Paragraph(f"Strategische Sozialplanung {escape(stadt)}".strip(), s["untertitel"]),
        Paragraph(
            ("Vorschau vom " if vorschau else "Veröffentlicht am ")
            + timezone.localdate().strftime("%d.%m.%Y"),
            s["untertitel"],
        ),
        PageBreak(),
        Paragraph("Inhalt", s["h1"]),
    ]
    verzeichnis = TableOfContents()
    verzeichnis.levelStyles = [
        ParagraphStyle("toc1", fontName=FETT, fontSize=10.5, leading=15),
        ParagraphStyle("toc2", fontName=SCHRIFT, fontSize=9.5, leading=13, leftIndent=14),
    ]
    inhalt += [verzeichnis, PageBreak()]

    # 1 Sozialraumanalyse
    inhalt.append(_ueberschrift("1 Sozialraumanalyse", s["h1"], 0))
    jahr = selectors.neuestes_jahr()
    if jahr:
        vergleich = selectors.kennzahlen_vergleich(papier.sozialraum, jahr)
        inhalt.append(
            _p(
                f"Kennzahlen {jahr} des Sozialraums {papier.sozialraum.name} im "
                "Vergleich zur Stadt; Rang 1 = größter Unterstützungsbedarf unter den "
                "Sozialräumen.",
                s["text"],
            )
        )
        if selectors.beispieldaten_im_jahr(jahr):
            inhalt.append(_p("Beispieldaten: Die Werte sind für die Demo erfunden.", s["klein"]))
        zeilen = [["Kennzahl", papier.sozialraum.kurzname, "Stadt", "Rang", "auffällig"]]
        for z in vergleich:
            n = z.kennzahl.nachkommastellen
            zeilen.append(
                [
                    f"{z.kennzahl.name} ({z.kennzahl.einheit})",
                    _zahl(z.wert, n),
                    _zahl(z.stadt, n),
                    f"{z.rang} von {z.anzahl}" if z.rang else "–",
                    "ja" if z.auffaellig else "nein",
                ]
            )
        inhalt += [
            Spacer(1, 6),
            _tabelle(zeilen, [7 * cm, 2.4 * cm, 2.4 * cm, 2.2 * cm, 3 * cm], s),
            Spacer(1, 10),
            charts.abweichung_diagramm(vergleich),
        ]
        index = sozialindex.berechnen(jahr=jahr, sozialraum=papier.sozialraum)
        inhalt.append(_ueberschrift("Sozialindex der Sozialquartiere", s["h2"], 1))
        zeilen = [
            ["Sozialquartier", "Status", "Klasse", f"Dynamik seit {index.basisjahr}", "Entwicklung"]
        ]
        for z in index.zeilen:
            zeilen.append(
                [
                    z.gebiet.name,
                    _zahl(z.status, 2),
                    z.status_klasse,
                    _zahl(z.dynamik, 2),
                    z.dynamik_klasse,
                ]
            )
        inhalt.append(_tabelle(zeilen, [6 * cm, 2.4 * cm, 2.8 * cm, 2.8 * cm, 3 * cm], s))
    else:
        inhalt.append(_p("Für diese Ausgabe liegen keine Kennzahlwerte vor.", s["text"]))

    # 2 Maßnahmensteckbriefe
    inhalt += [PageBreak(), _ueberschrift("2 Maßnahmensteckbriefe", s["h1"], 0)]
    if not steckbriefe:
        inhalt.append(_p("Keine Steckbriefe in dieser Ausgabe.", s["text"]))
    for sb in steckbriefe:
        laufzeit = "unbefristet"
        if sb.befristet:
            laufzeit = f"befristet bis {sb.laufzeit_bis:%d.%m.%Y}"
        teile = [
            _ueberschrift(sb.titel, s["h2"], 1),
            _tabelle(
                [
                    ["verantwortlich", "Zielgruppe", "Laufzeit", "Kontakt"],
                    [sb.verantwortlich, sb.zielgruppe or "–", laufzeit, sb.kontakt or "–"],
                ],
                [4.5 * cm, 4 * cm, 3.5 * cm, 5 * cm],
                s,
            ),
            Spacer(1, 4),
            _p(sb.beschreibung, s["text"]),
        ]
        if sb.ziele:
            teile += [Paragraph("<b>Ziele:</b> " + escape(sb.ziele), s["text"])]
        if sb.finanzierung:
            teile += [Paragraph("<b>Finanzierung:</b> " + escape(sb.finanzierung), s["text"])]
        if sb.umsetzungsstand:
            teile += [Paragraph("<b>Umsetzungsstand:</b> " + escape(sb.umsetzungsstand), s["text"])]
        inhalt.append(KeepTogether(teile[:3]))
        inhalt += teile[3:]

    # 3 Handlungsempfehlungen, grouped by Handlungsfeld
    inhalt += [PageBreak(), _ueberschrift("3 Handlungsempfehlungen", s["h1"], 0)]
    gruppen: dict[str, list] = defaultdict(list)
    for e in empfehlungen:
        gruppen[e.handlungsfeld.name if e.handlungsfeld_id else "Ohne Handlungsfeld"].append(e)
    if not gruppen:
        inhalt.append(_p("Keine Empfehlungen in dieser Ausgabe.", s["text"]))
    for feld in sorted(gruppen):
        inhalt.append(_ueberschrift(feld, s["h2"], 1))
        for e in gruppen[feld]:
            beteiligt = ", ".join(b.code for b in e.beteiligte.all()) or "–"
            kopf = [
                Paragraph(f"{escape(e.nummer)} {escape(e.titel)}", s["h3"]),
                _tabelle(
                    [
                        ["Art", "Priorität", "Zeithorizont", "federführend", "beteiligt"],
                        [
                            e.get_art_display(),
                            e.get_prioritaet_display(),
                            e.get_zeithorizont_display(),
                            str(e.federfuehrung) if e.federfuehrung_id else "–",
                            beteiligt,
                        ],
                    ],
                    [2.8 * cm, 2.2 * cm, 3.6 * cm, 5 * cm, 3.4 * cm],
                    s,
                ),
                Spacer(1, 4),
                _p(e.text, s["text"]),
            ]
            inhalt.append(KeepTogether(kopf))
            if e.begruendung:
                inhalt.append(Paragraph("<b>Begründung:</b> " + escape(e.begruendung), s["text"]))

    # Anhang
    inhalt += [
        PageBreak(),
        _ueberschrift("Anhang: Anregungen hinter den Empfehlungen", s["h1"], 0),
        _p(
            "Zahl der Anregungen aus den Expert*innendialogen und anderen Quellen, die in "
            "die jeweilige Empfehlung eingeflossen sind (Dubletten mitgezählt).",
            s["text"],
        ),
        Spacer(1, 6),
    ]
    zeilen = [["Nr.", "Empfehlung", "Anregungen"]]
    for e in empfehlungen:
        zeilen.append([e.nummer, e.titel, str(anzahl_anregungen.get(e.pk, 0))])
    inhalt.append(_tabelle(zeilen, [2.5 * cm, breite - 5.5 * cm, 3 * cm], s))

    doc.multiBuild(inhalt, onFirstPage=seite, onLaterPages=seite)
    return puffer.getvalue()
