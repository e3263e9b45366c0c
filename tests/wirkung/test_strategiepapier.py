"""The Strategiepapier names what each item should change: its Wirkungsziele with baseline and
target, in the PDF and in the accessible HTML edition."""

import io
import re
from decimal import Decimal as D

from pypdf import PdfReader

from stammdaten.models import Sozialraum
from strategiepapier import ausgabe, services
from strategiepapier.models import Strategiepapier
from tests import factories
from wirkung import services as wirkung


def test_both_editions_show_the_targets(sp):
    empfehlung = factories.empfehlung(titel="Sprachförderung in Kitas")
    wirkung.ziel_speichern(
        user=sp,
        gegenstand=empfehlung,
        quelle="eigen",
        art="leistung",
        bezeichnung="Kinder in Sprachgruppen",
        richtung="steigen",
        basis_jahr=2024,
        basis_wert=D(120),
        ziel_jahr=2028,
        ziel_wert=D(200),
    )
    papier = Strategiepapier.objects.create(
        sozialraum=Sozialraum.objects.get(kurzname="OST"), ausgabe=2097, erstellt_von=sp
    )
    papier.empfehlungen.add(empfehlung)
    grundlage = services._grundlage(papier)
    html = ausgabe.erzeugen(papier, **grundlage)
    assert "<caption>Wirkungsziele</caption>" in html
    assert "Kinder in Sprachgruppen" in html and "200,0 (2028)" in html
    pdf = services.strategiepapier_pdf(papier=papier, vorschau=True)
    text = re.sub(r"\s+", " ", " ".join(s.extract_text() for s in PdfReader(io.BytesIO(pdf)).pages))
    assert "Kinder in Sprachgruppen" in text and "120,0 (2024)" in text
