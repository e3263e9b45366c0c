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
from reportlab.platypus.doctemplate import LayoutError

from core.auftraege import AuftragFehler
from core.texte import ohne_steuerzeichen

SCHRIFT, FETT, KURSIV = "Vera", "Vera-Bold", "Vera-Italic"

# No stored text, however long, may stop a document or make it slow (reportlab's paragraph
# layout grows faster than the text): what does not fit is shortened, and says so.
KUERZUNG = " […] (gekürzt; vollständig in der Anwendung)"
ABSATZ_ZEICHEN, ABSATZ_ZEILEN = 3_000, 60
ZELLE_ZEICHEN, ZELLE_ZEILEN = 500, 10


class DokumentFehler(AuftragFehler):
    """A document could not be built; the message is German and names what is wrong."""


def gekuerzt(text: str, max_zeichen: int, max_zeilen: int) -> str:
    """At most so many characters and lines; a shortened text ends with KUERZUNG."""
    text = text or ""
    zeilen = text.splitlines()
    kurz = len(zeilen) > max_zeilen or len(text) > max_zeichen
    if not kurz:
        return text
    text = "\n".join(zeilen[:max_zeilen])[:max_zeichen].rstrip()
    return text + KUERZUNG


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


def absatz(
    text: str, stil, *, max_zeichen: int = ABSATZ_ZEICHEN, max_zeilen: int = ABSATZ_ZEILEN
) -> Paragraph:
    """Plain text as a paragraph: escaped (no markup from users), line breaks kept, shortened
    where it would not fit."""
    return Paragraph(_markup(gekuerzt(text or "–", max_zeichen, max_zeilen)), stil)


def beschriftet(beschriftung: str, text: str, stil) -> Paragraph:
    """ "<b>Ziele:</b> …" – a label and a user's text, escaped and shortened."""
    inhalt = _markup(gekuerzt(text, ABSATZ_ZEICHEN, ABSATZ_ZEILEN))
    return Paragraph(f"<b>{escape(beschriftung)}:</b> {inhalt}", stil)


def _markup(text: str) -> str:
    return escape(ohne_steuerzeichen(text)).replace("\n", "<br/>")


def tabelle(zeilen: list[list], breiten: list[float], s: dict[str, ParagraphStyle]) -> Table:
    """A table of plain texts; every cell shortened so that no row outgrows a page."""
    daten = [
        [
            absatz(str(z), s["klein"], max_zeichen=ZELLE_ZEICHEN, max_zeilen=ZELLE_ZEILEN)
            if not isinstance(z, Paragraph)
            else z
            for z in zeile
        ]
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


def bauen(doc: SimpleDocTemplate, inhalt: list, *, mehrfach: bool = False, **optionen) -> None:
    """Build the document; a part that cannot be laid out (it would be taller than a page even
    shortened) ends in a DokumentFehler that names it, never in a traceback."""
    teile = list(inhalt)
    try:
        (doc.multiBuild if mehrfach else doc.build)(inhalt, **optionen)
    except LayoutError as exc:
        name = next((getattr(t, "eintrag", None) for t in teile if _zu_gross(doc, t)), None)
        raise DokumentFehler(
            "Ein Teil des Dokuments passt auch gekürzt nicht auf eine Seite"
            + (f": „{name}“" if name else "")
            + ". Bitte den Text dieses Eintrags kürzen."
        ) from exc


def _zu_gross(doc: SimpleDocTemplate, teil) -> bool:
    try:
        _, hoehe = teil.wrap(doc.width, doc.height)
    except Exception:  # a part that cannot even measure itself is the broken one
        return True
    return hoehe > doc.height


def als_eintrag(name: str, *teile):
    """Mark flowables as belonging to one item, so a layout error can name it."""
    for teil in teile:
        teil.eintrag = name
    return teile
