"""The PDF house style every document shares (reportlab): embedded Bitstream Vera (shipped
with reportlab, so umlauts, ß and German quotes print everywhere), paragraph styles, escaped
text, simple tables, German numbers, and headings that feed a table of contents laid out in
the same single pass as the rest (`Verzeichnis`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
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


class Absatz(Paragraph):
    """A paragraph that breaks its lines once per width. Tables (measuring, then drawing),
    KeepTogether and the frame each wrap it again with the same width; line breaking is the
    largest part of laying out a page."""

    _gewickelt: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth, availHeight):
        # split() drops blPara when nothing fits: then the lines are broken anew.
        if (
            self._gewickelt is None
            or self._gewickelt[0] != availWidth
            or not hasattr(self, "blPara")
        ):
            self._gewickelt = (availWidth, super().wrap(availWidth, availHeight))
        return self._gewickelt[1]


class Ueberschrift(Absatz):
    """A heading that the table of contents (`Verzeichnis`) lists; made by `ueberschrift()`."""

    toc_ebene: int | None = None
    verzeichnis_text = ""
    verzeichnis_eintrag: _Eintrag | None = None

    def split(self, availWidth, availHeight):
        teile = super().split(availWidth, availHeight)
        if teile:  # the page of a heading split over two pages is where it begins
            teile[0].verzeichnis_eintrag = self.verzeichnis_eintrag
        return teile


def ueberschrift(text: str, stil: ParagraphStyle, ebene: int) -> Ueberschrift:
    p = Ueberschrift(escape(text), stil)
    p.toc_ebene, p.verzeichnis_text = ebene, text
    return p


class Verzeichnis(Flowable):
    """The table of contents of the headings made by `ueberschrift()`, in ONE layout pass
    (reportlab's TableOfContents needs multiBuild, three passes over the whole document).

    `DokumentMitVerzeichnis` collects the headings before the pass and puts one line per
    heading here. A line's height depends only on its text: the page numbers have a column of
    their own, so the contents take their final pages at once. Each number is a form
    (`canvas.doForm`) that the line draws before it is known; the canvas defines the forms
    when the pass has found every heading's page, just before it saves."""

    def __init__(self, stile: list[ParagraphStyle], *, punkte_ab_ebene: int = 1):
        super().__init__()
        self.stile, self.punkte_ab_ebene = stile, punkte_ab_ebene

    def zeilen(self, eintraege: list[_Eintrag]) -> list[Flowable]:
        return [
            _VerzeichnisZeile(e, self.stile[min(e.ebene, len(self.stile) - 1)], self)
            for e in eintraege
        ]

    def wrap(self, availWidth, availHeight):
        raise TypeError("Ein Verzeichnis wird nur von DokumentMitVerzeichnis gesetzt.")


ZAHLENBREITE = 1.2 * cm
PUNKTE = " . "


class _Eintrag:
    def __init__(self, nummer: int, text: str, ebene: int):
        self.form, self.text, self.ebene = f"verzeichnis{nummer}", text, ebene
        self.seite: int | None = None
        self.stil: ParagraphStyle | None = None

    def zahl_definieren(self, canvas) -> None:
        stil = self.stil
        canvas.beginForm(self.form, -ZAHLENBREITE, -stil.leading, 0, stil.leading)
        canvas.setFont(stil.fontName, stil.fontSize)
        canvas.setFillColor(stil.textColor)
        canvas.drawRightString(0, 0, str(self.seite) if self.seite else "–")
        canvas.endForm()


class _VerzeichnisZeile(Flowable):
    """Text (escaped, shortened), dots where the level has them, and the page-number form."""

    def __init__(self, eintrag: _Eintrag, stil: ParagraphStyle, verzeichnis: Verzeichnis):
        super().__init__()
        eintrag.stil = stil
        self.eintrag, self.punkte = eintrag, eintrag.ebene >= verzeichnis.punkte_ab_ebene
        text = _markup(gekuerzt(eintrag.text, ZELLE_ZEICHEN, ZELLE_ZEILEN))
        # The end of the text tells where the dots start (zero width, read while drawing).
        self.absatz = Absatz(f'{text}<onDraw name="verzeichnis_ende" label="x"/>', stil)
        self.ende: tuple[float, float] | None = None

    def wrap(self, availWidth, availHeight):
        _, hoehe = self.absatz.wrap(availWidth - ZAHLENBREITE, availHeight)
        self.width, self.height = availWidth, hoehe
        return self.width, self.height

    def getSpaceBefore(self):
        return self.absatz.getSpaceBefore()

    def getSpaceAfter(self):
        return self.absatz.getSpaceAfter()

    def _ende_merken(self, canvas, art, label):
        info = canvas._curr_tx_info
        self.ende = (info["cur_x"], info["cur_y"])

    def draw(self):
        canvas, stil = self.canv, self.eintrag.stil
        canvas.setNamedCB("verzeichnis_ende", self._ende_merken)
        self.absatz.drawOn(canvas, 0, 0)
        x, y = self.ende or (0, 0)
        # Drawn after the text, so that text extraction reads "Titel . . . 12".
        spalte = self.width - ZAHLENBREITE
        if (
            self.punkte
            and (anzahl := int((spalte - x) / stringWidth(PUNKTE, stil.fontName, stil.fontSize)))
            > 0
        ):
            canvas.setFont(stil.fontName, stil.fontSize)
            canvas.setFillColor(stil.textColor)
            canvas.drawRightString(spalte, y, PUNKTE * anzahl)
        canvas.saveState()
        canvas.translate(self.width, y)
        canvas.doForm(self.eintrag.form)
        canvas.restoreState()


class _Leinwand(Canvas):
    """Defines the page-number forms of the table of contents right before saving."""

    def __init__(self, *args, eintraege: list[_Eintrag] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.eintraege = eintraege

    def save(self):
        for e in self.eintraege:
            if e.stil is not None:  # listed by a Verzeichnis
                e.zahl_definieren(self)
        super().save()


def _ueberschriften(teile) -> Iterator[Ueberschrift]:
    for teil in teile:
        if getattr(teil, "toc_ebene", None) is not None:
            yield teil
        inneres = getattr(teil, "_content", None)  # KeepTogether and its kin
        if isinstance(inneres, list | tuple):
            yield from _ueberschriften(inneres)


class DokumentMitVerzeichnis(SimpleDocTemplate):
    """A document whose story may hold a `Verzeichnis`; laid out in one pass (see there)."""

    def build(self, flowables, **optionen):
        teile, eintraege = list(flowables), []
        if any(isinstance(t, Verzeichnis) for t in teile):
            for nummer, u in enumerate(_ueberschriften(teile)):
                text = getattr(u, "verzeichnis_text", "") or u.getPlainText()
                u.verzeichnis_eintrag = _Eintrag(nummer, text, u.toc_ebene)
                eintraege.append(u.verzeichnis_eintrag)
            teile = [
                z
                for t in teile
                for z in (t.zeilen(eintraege) if isinstance(t, Verzeichnis) else [t])
            ]
        optionen.setdefault("canvasmaker", partial(_Leinwand, eintraege=eintraege))
        super().build(teile, **optionen)

    def afterFlowable(self, flowable):
        eintrag = getattr(flowable, "verzeichnis_eintrag", None)
        if eintrag is not None and eintrag.seite is None:
            eintrag.seite = self.page


def absatz(
    text: str, stil, *, max_zeichen: int = ABSATZ_ZEICHEN, max_zeilen: int = ABSATZ_ZEILEN
) -> Paragraph:
    """Plain text as a paragraph: escaped (no markup from users), line breaks kept, shortened
    where it would not fit."""
    return Absatz(_markup(gekuerzt(text or "–", max_zeichen, max_zeilen)), stil)


def beschriftet(beschriftung: str, text: str, stil) -> Paragraph:
    """ "<b>Ziele:</b> …" – a label and a user's text, escaped and shortened."""
    inhalt = _markup(gekuerzt(text, ABSATZ_ZEICHEN, ABSATZ_ZEILEN))
    return Absatz(f"<b>{escape(beschriftung)}:</b> {inhalt}", stil)


def _markup(text: str) -> str:
    return escape(ohne_steuerzeichen(text)).replace("\n", "<br/>")


def tabelle(zeilen: list[list], breiten: list[float], s: dict[str, ParagraphStyle]) -> Table:
    """A table of plain texts; every cell shortened so that no row outgrows a page."""
    stil = s["klein"]
    daten = [
        [
            z if isinstance(z, Flowable) else _zelle(str(z), b, stil)
            for z, b in zip(zeile, breiten, strict=True)
        ]
        for zeile in zeilen
    ]
    t = Table(daten, colWidths=breiten, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), stil.fontName, stil.fontSize, stil.leading),
                ("TEXTCOLOR", (0, 0), (-1, -1), stil.textColor),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa5b1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


ZELLENRAND = 6  # reportlab's default left and right padding of a table cell


def _zelle(text: str, breite: float, stil: ParagraphStyle) -> str | Paragraph:
    """Most cells are a short line: as a string the table draws it like the paragraph would
    (same font, leading and first baseline) without parsing markup or breaking lines, which
    made up most of a table's cost. A text that needs breaking stays a paragraph."""
    text = ohne_steuerzeichen(gekuerzt(text or "–", ZELLE_ZEICHEN, ZELLE_ZEILEN))
    platz = breite - 2 * ZELLENRAND
    if all(stringWidth(z, stil.fontName, stil.fontSize) <= platz for z in text.split("\n")):
        return text
    return Absatz(_markup(text), stil)


def zahl(wert, stellen: int) -> str:
    """German number format: 1.234,5."""
    if wert is None:
        return "–"
    return f"{wert:,.{stellen}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def bauen(doc: SimpleDocTemplate, inhalt: list, **optionen) -> None:
    """Build the document in one pass (with a table of contents too: `Verzeichnis`); a part that
    cannot be laid out (it would be taller than a page even shortened) ends in a DokumentFehler
    that names it, never in a traceback."""
    teile = list(inhalt)
    try:
        doc.build(inhalt, **optionen)
    except LayoutError as exc:
        name = next((t.eintrag for t in teile if _benannt(t) and _zu_gross(doc, t)), None)
        raise DokumentFehler(
            "Ein Teil des Dokuments passt auch gekürzt nicht auf eine Seite"
            + (f": „{name}“" if name else "")
            + ". Bitte den Text dieses Eintrags kürzen."
        ) from exc


def _benannt(teil) -> bool:
    return isinstance(getattr(teil, "eintrag", None), str)


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
