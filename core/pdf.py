"""The PDF house style every document shares (reportlab): embedded Bitstream Vera (shipped
with reportlab, so umlauts, ß and German quotes print everywhere), paragraph styles, escaped
text, simple tables, German numbers, and headings that feed a table of contents."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

SCHRIFT, FETT, KURSIV = "Vera", "Vera-Bold", "Vera-Italic"


def schriften_registrieren() -> None:
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


def stile() -> dict[str, ParagraphStyle]:
    basis = getSampleStyleSheet()
    return {
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


class DokumentMitVerzeichnis(SimpleDocTemplate):
    """Reports headings made by `ueberschrift()` to a TableOfContents (build with multiBuild)."""

    def afterFlowable(self, flowable):
        if isinstance(flowable, Paragraph) and getattr(flowable, "toc_ebene", None) is not None:
            # The table of contents parses its entries as markup again: escape the plain text.
            eintrag = escape(flowable.getPlainText())
            self.notify("TOCEntry", (flowable.toc_ebene, eintrag, self.page))


def ueberschrift(text: str, stil: ParagraphStyle, ebene: int) -> Paragraph:
    p = Paragraph(escape(text), stil)
    p.toc_ebene = ebene
    return p


def absatz(text: str, stil) -> Paragraph:
    """Plain text as a paragraph: escaped (no markup from users), line breaks kept."""
    return Paragraph(escape(text or "–").replace("\n", "<br/>"), stil)


def tabelle(zeilen: list[list], breiten: list[float], s: dict[str, ParagraphStyle]) -> Table:
    daten = [
        [absatz(str(z), s["klein"]) if not isinstance(z, Paragraph) else z for z in zeile]
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


def zahl(wert, stellen: int) -> str:
    """German number format: 1.234,5."""
    if wert is None:
        return "–"
    return f"{wert:,.{stellen}f}".replace(",", "X").replace(".", ",").replace("X", ".")
