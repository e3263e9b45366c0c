"""No stored text breaks a document: data written before the limits (or straight into the
database) is shortened with a marker, markup stays text, and a part that cannot be laid out
ends in a German DokumentFehler naming it, never in a traceback."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from controlling import auswertung, bericht_pdf
from controlling.models import Sachstandsmeldung
from core import pdf
from empfehlungen.models import Handlungsempfehlung, Veranstaltung
from freigabe.models import Freigabestatus as F
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Sozialraum
from strategiepapier import services as strategiepapier
from tests import factories
from tests.controlling.hilfen import eroeffnet, nur_diese, veroeffentlicht
from tests.factories import in_freigabe_zustand
from weltcafe import pdf as weltcafe_pdf
from weltcafe.models import Karte

pytestmark = pytest.mark.django_db

RIESIG = "Ein sehr langer Sachstand ohne Ende. " * 8_000  # 296.000 characters
VIELE_ZEILEN = "\n".join(f"Zeile {i}" for i in range(2_000))


def text_von(inhalt: bytes) -> str:
    return " ".join(s.extract_text() for s in PdfReader(io.BytesIO(inhalt)).pages)


def test_shortening_keeps_short_texts_and_marks_long_ones():
    assert pdf.gekuerzt("kurz", 10, 2) == "kurz"
    assert pdf.gekuerzt("a\nb\nc", 100, 2) == "a\nb" + pdf.KUERZUNG
    assert pdf.gekuerzt("x" * 20, 10, 5) == "x" * 10 + pdf.KUERZUNG


def test_strategiepapier_with_huge_stored_texts_is_published_shortened():
    ost = Sozialraum.objects.get(kurzname="OST")
    sp = factories.sozialplanung()
    s = in_freigabe_zustand(
        factories.steckbrief(titel="Riesensteckbrief", stadtweit=True), F.FREIGEGEBEN
    )
    e = in_freigabe_zustand(factories.empfehlung(titel="Riesenempfehlung"), F.FREIGEGEBEN)
    # Written past the validators, as older data or a database import could be.
    Massnahmensteckbrief.objects.filter(pk=s.pk).update(
        beschreibung=RIESIG,
        umsetzungsstand=VIELE_ZEILEN,
        ziele=RIESIG,
        kontakt="Frau Muster\nTel. 0208 825-0\n\x07",  # CharFields keep their length
        zielgruppe="<script>alert(1)</script> & Co",
    )
    Handlungsempfehlung.objects.filter(pk=e.pk).update(text=RIESIG, begruendung=VIELE_ZEILEN)
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2044)
    strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier, user=sp, empfehlung_ids=[e.pk], steckbrief_ids=[s.pk]
    )
    papier = strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    inhalt = papier.pdf.read()
    text = " ".join(text_von(inhalt).split())
    assert text.count("gekürzt; vollständig in der Anwendung") >= 5
    assert "<script>alert(1)" in text  # markup is text, not layout
    assert "\x07" not in text_von(inhalt)
    assert "Zeile 1999" not in text and len(inhalt) < 2_000_000


def test_worldcafe_pdf_with_a_card_of_many_lines_is_built_shortened():
    cafe = factories.veranstaltung(
        titel="Feindliches Café", format=Veranstaltung.Format.WORLD_CAFE, runde=9
    )
    Karte.objects.create(
        veranstaltung=cafe, art=Karte.Art.SONSTIGES, text="Zeile\n" * 100 + "Ende der Karte"
    )
    Karte.objects.create(veranstaltung=cafe, art=Karte.Art.SONSTIGES, text=RIESIG)
    text = text_von(weltcafe_pdf.erzeugen(cafe))
    assert "gekürzt" in text and "Ende der Karte" not in text


def test_controlling_report_with_a_huge_stored_sachstand_is_built():
    e = veroeffentlicht(Handlungsempfehlung, titel="Bericht mit Riesentext")
    periode = eroeffnet(quartal=3, jahr=2037)
    Sachstandsmeldung.objects.filter(pk=nur_diese(periode, e).get().pk).update(
        status="eingereicht",
        umsetzungsstatus="in_umsetzung",
        ampel="gruen",
        sachstand=RIESIG + VIELE_ZEILEN,
        titel="Titel\n" * 33,
    )
    a = auswertung.auswerten(periode, heute=date(2037, 11, 1))
    inhalt = bericht_pdf.erzeugen(a, auswertung.diagramme(a))
    text = text_von(inhalt)
    assert "Ein sehr langer Sachstand" in text and "Zeile 1999" not in text


def test_a_part_taller_than_a_page_is_named_in_german():
    puffer = io.BytesIO()
    doc = SimpleDocTemplate(puffer, pagesize=A4)
    # A table row cannot be split: 200 lines in one cell are taller than any page.
    riese = Table([["\n".join(["x"] * 200)]])
    with pytest.raises(pdf.DokumentFehler, match="„OST-07“.*Bitte den Text dieses Eintrags"):
        pdf.bauen(doc, [*pdf.als_eintrag("OST-07", riese)])
