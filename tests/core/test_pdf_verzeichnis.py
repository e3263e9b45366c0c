"""core.pdf's table of contents in one layout pass: headings inside KeepTogether and headings
split over two pages are listed with the page where they begin; title, language and the named
part that cannot be laid out stay as without contents."""

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table

from core import pdf


def _eng(text: str) -> str:
    return " ".join(text.split())


def test_headings_in_keeptogether_and_split_headings_get_their_page():
    pdf.schriften_registrieren()
    s = pdf.stile()
    puffer = io.BytesIO()
    doc = pdf.DokumentMitVerzeichnis(puffer, pagesize=A4, title="Probe", lang="de-DE")
    inhalt = [pdf.Verzeichnis([s["h2"], s["text"]]), PageBreak()]
    for i in range(30):
        inhalt += [
            pdf.ueberschrift(f"Kapitel {i:02d}", s["h2"], 0),
            KeepTogether([pdf.ueberschrift(f"Abschnitt {i:02d}", s["h3"], 1), Spacer(1, 4)]),
            pdf.absatz("Text des Abschnitts. " * (20 + i * 13 % 70), s["text"]),
        ]
    # A heading of many lines that begins at the foot of a page and ends on the next.
    lang = " ".join(f"Wort{i}" for i in range(400))
    inhalt += [PageBreak(), Spacer(1, doc.height - 60), pdf.ueberschrift(lang, s["text"], 0)]

    pdf.bauen(doc, inhalt)

    seiten = [_eng(p.extract_text()) for p in PdfReader(io.BytesIO(puffer.getvalue())).pages]
    erste = int(re.search(r"Kapitel 00[ .]*(\d+)", seiten[0])[1])
    verzeichnis = " ".join(seiten[: erste - 1])
    assert erste > 2  # the contents fill more than one page
    eintraege = [t for i in range(30) for t in (f"Kapitel {i:02d}", f"Abschnitt {i:02d}")]
    for eintrag in eintraege:
        nummer = int(re.search(re.escape(eintrag) + r"[ .]*(\d+)", verzeichnis).group(1))
        assert eintrag in seiten[nummer - 1], (eintrag, nummer)
    # The long heading is listed (shortened) with the page where it begins.
    assert pdf.KUERZUNG.strip()[:5] in verzeichnis
    nummer = int(re.search(r"gekürzt; vollständig in der Anwendung\)[ .]*(\d+)", verzeichnis)[1])
    assert "Wort0 " in seiten[nummer - 1] and "Wort399" not in seiten[nummer - 1]
    assert "Wort399" in seiten[nummer]


def test_title_and_language_are_kept():
    puffer = io.BytesIO()
    doc = pdf.DokumentMitVerzeichnis(puffer, pagesize=A4, title="Probe „1“", lang="de-DE")
    s = pdf.stile()
    pdf.bauen(doc, [pdf.Verzeichnis([s["text"]]), pdf.ueberschrift("Eins", s["h1"], 0)])
    leser = PdfReader(io.BytesIO(puffer.getvalue()))
    assert leser.metadata.title == "Probe „1“"
    assert leser.trailer["/Root"]["/Lang"] == "de-DE"


def test_a_part_taller_than_a_page_is_named_also_with_contents():
    doc = pdf.DokumentMitVerzeichnis(io.BytesIO(), pagesize=A4)
    s = pdf.stile()
    riese = Table([["\n".join(["x"] * 200)]])
    with pytest.raises(pdf.DokumentFehler, match="„OST-07“.*Bitte den Text dieses Eintrags"):
        pdf.bauen(
            doc,
            [
                pdf.Verzeichnis([s["text"]]),
                pdf.ueberschrift("Eins", s["h1"], 0),
                *pdf.als_eintrag("OST-07", riese),
            ],
        )
