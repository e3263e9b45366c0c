"""The Wirkung section of the quarterly Controllingbericht: every goal of the items asked
about, with baseline, target, latest actual, Zielerreichung and the change against the city –
as text in the PDF and as numbers in the XLSX."""

import io
import re
from decimal import Decimal as D

from openpyxl import load_workbook
from pypdf import PdfReader

from controlling import auswertung, bericht_pdf, bericht_xlsx
from tests import factories
from tests.controlling.test_bericht import meldung, periode
from tests.wirkung.conftest import wert
from wirkung import services
from wirkung.models import Istwert


def test_the_report_lists_every_goal_with_its_figures(sp, kinderarmut, ost):
    empfehlung = factories.empfehlung(titel="Kita-Lotsen Ost")
    services.ziel_speichern(
        user=sp,
        gegenstand=empfehlung,
        quelle="kennzahl",
        kennzahl=kinderarmut,
        sozialraum=ost,
        basis_jahr=2019,
        ziel_jahr=2026,
        ziel_wert=wert(kinderarmut, 2019, ost) - 2,
    )
    eigenes = services.ziel_speichern(
        user=sp,
        gegenstand=empfehlung,
        quelle="eigen",
        art="leistung",
        bezeichnung="Begleitete Familien",
        einheit="Familien",
        richtung="steigen",
        basis_jahr=2023,
        basis_wert=D(10),
        ziel_jahr=2025,
        ziel_wert=D(50),
    )
    Istwert.objects.create(ziel=eigenes, jahr=2024, wert=D(30))
    p = periode(2002, 1)
    meldung(p, empfehlung, status="eingereicht", nummer="OST-99")
    a = auswertung.auswerten(p)
    assert [(w.nummer, w.indikator, w.zustand) for w in a.wirkung] == [
        ("OST-99", "Begleitete Familien", "auf Kurs"),
        ("OST-99", "Kinderarmut", a.wirkung[1].zustand),
    ]
    familien = a.wirkung[0]
    assert (familien.prozent, familien.ist_text) == ("50 %", "30,0 (2024)")

    text = re.sub(
        r"\s+",
        " ",
        " ".join(
            s.extract_text()
            for s in PdfReader(io.BytesIO(bericht_pdf.erzeugen(a, auswertung.diagramme(a)))).pages
        ),
    )
    assert "6 Wirkungsziele" in text and "2 Wirkungsziele:" in text
    assert "Begleitete Familien" in text and f"Kinderarmut ({ost.name})" in text
    assert "Zielerreichung = (Istwert − Ausgangswert)" in text

    blatt = load_workbook(io.BytesIO(bericht_xlsx.erzeugen(a)))["Wirkung"]
    zeilen = list(blatt.iter_rows(values_only=True))
    assert zeilen[0][:4] == ("Nr.", "Titel", "Bereich", "Indikator")
    familie = next(z for z in zeilen[1:] if z[3] == "Begleitete Familien")
    assert familie[9] == 10 and familie[11] == 50 and familie[13] == 30
    assert familie[14] == 0.5 and familie[15] == "auf Kurs"
    kinder = next(z for z in zeilen[1:] if z[3] == "Kinderarmut")
    assert isinstance(kinder[16], float)  # the difference against the city, as a number


def test_a_period_without_goals_says_so(db):
    a = auswertung.auswerten(periode(2003, 2))
    text = " ".join(
        s.extract_text()
        for s in PdfReader(io.BytesIO(bericht_pdf.erzeugen(a, auswertung.diagramme(a)))).pages
    )
    assert "keine Wirkungsziele" in text
