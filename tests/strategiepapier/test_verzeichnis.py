"""The Strategiepapier's table of contents: laid out in one pass, and every page number it
names is the page where the heading stands, also when the contents fill more than one page and
titles carry markup characters or run over several lines."""

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.platypus.doctemplate import BaseDocTemplate

from freigabe.models import Freigabestatus as F
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Handlungsfeld, Sozialraum
from strategiepapier import selectors
from strategiepapier import services as strategiepapier
from tests import factories

pytestmark = pytest.mark.django_db

FREMD = 'Gruppe <b> & "Co" \'s <onDraw name="x"/>'
LANG = "Sehr langer Titel eines Steckbriefs, " * 5 + "Ende"


def _eng(text: str) -> str:
    return " ".join(text.split())


def _verzeichnis(seiten: list[str], eintraege: list[str]) -> tuple[dict[str, int], int]:
    """Page named for each entry (in the order of the contents), and the first page after the
    contents (which start on page 2, after the title page, with the first chapter)."""
    erste_seite = int(re.search(r"1 Sozialraumanalyse[ .]*(\d+)", _eng(seiten[1])).group(1))
    verzeichnis = _eng(" ".join(seiten[1 : erste_seite - 1]))
    seite_von, position = {}, 0
    for eintrag in eintraege:
        treffer = re.compile(re.escape(_eng(eintrag)) + r"[ .]*(\d+)").search(verzeichnis, position)
        assert treffer, f"not in the contents: {eintrag}"
        seite_von[eintrag], position = int(treffer.group(1)), treffer.end()
    return seite_von, erste_seite


def test_each_heading_stands_on_the_page_the_contents_name(monkeypatch):
    ost = Sozialraum.objects.get(kurzname="OST")
    sp = factories.sozialplanung()
    titel = [f"Steckbrief {i:02d}: Stadtteilmütter" for i in range(60)] + [FREMD, LANG]
    steckbriefe = [
        # Descriptions of different lengths: the headings spread unevenly over the pages.
        factories.steckbrief(titel=t, beschreibung="Beratung und Begleitung. " * (10 + i * 7 % 60))
        for i, t in enumerate(titel)
    ]
    felder = [Handlungsfeld.objects.get(name=n) for n in ("Gesundheit", "Leben im Alter")]
    empfehlungen = [
        factories.empfehlung(titel=f"Empfehlung {i}", handlungsfeld=felder[i % 2]) for i in range(4)
    ]
    for objekte in (steckbriefe, empfehlungen):
        type(objekte[0]).objects.filter(pk__in=[o.pk for o in objekte]).update(status=F.FREIGEGEBEN)
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2051)
    papier = strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier,
        user=sp,
        empfehlung_ids=[e.pk for e in empfehlungen],
        steckbrief_ids=[s.pk for s in steckbriefe],
    )
    durchlaeufe = []
    bauen = BaseDocTemplate.build
    monkeypatch.setattr(
        BaseDocTemplate, "build", lambda doc, *a, **k: durchlaeufe.append(1) or bauen(doc, *a, **k)
    )

    inhalt = strategiepapier.strategiepapier_pdf(papier=papier, vorschau=True)

    assert len(durchlaeufe) == 1  # one layout pass, not reportlab's multiBuild
    seiten = [s.extract_text() for s in PdfReader(io.BytesIO(inhalt)).pages]
    in_reihenfolge = [s.titel for s in selectors.inhalt(papier)[1]]
    eintraege = [
        "1 Sozialraumanalyse",
        "Sozialindex der Sozialquartiere",
        "2 Maßnahmensteckbriefe",
        *in_reihenfolge,
        "3 Handlungsempfehlungen",
        "Gesundheit",
        "Leben im Alter",
        "Anhang: Anregungen hinter den Empfehlungen",
    ]
    seite_von, erste_seite = _verzeichnis(seiten, eintraege)
    assert erste_seite >= 4, "the contents fill more than one page"
    assert seite_von["1 Sozialraumanalyse"] == erste_seite
    for eintrag, nummer in seite_von.items():
        assert _eng(eintrag) in _eng(seiten[nummer - 1]), (eintrag, nummer)
        assert f"Seite {nummer}" in seiten[nummer - 1]  # the footer agrees
    for t in titel:  # a Steckbrief's title stands nowhere else after the contents
        woanders = [
            n
            for n, text in enumerate(seiten[erste_seite - 1 :], erste_seite)
            if _eng(t) in _eng(text) and n != seite_von[t]
        ]
        assert not woanders, (t, seite_von[t], woanders)
    assert len(set(seite_von.values())) > 20


def test_the_contents_of_a_paper_with_few_items_fit_one_page():
    ost = Sozialraum.objects.get(kurzname="OST")
    sp = factories.sozialplanung()
    s = factories.steckbrief(titel=FREMD)
    Massnahmensteckbrief.objects.filter(pk=s.pk).update(status=F.FREIGEGEBEN)
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2052)
    papier = strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier, user=sp, empfehlung_ids=[], steckbrief_ids=[s.pk]
    )
    seiten = [
        s.extract_text()
        for s in PdfReader(
            io.BytesIO(strategiepapier.strategiepapier_pdf(papier=papier, vorschau=True))
        ).pages
    ]
    seite_von, erste_seite = _verzeichnis(
        seiten, ["1 Sozialraumanalyse", "2 Maßnahmensteckbriefe", FREMD, "3 Handlungsempfehlungen"]
    )
    assert erste_seite == 3
    assert FREMD in seiten[seite_von[FREMD] - 1]
