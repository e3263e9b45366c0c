"""Long stored texts do not break a page: a word of thousands of letters wraps instead of
pushing the page sideways, on a phone's width too."""

import pytest

from empfehlungen.models import Anregung
from massnahmen.models import Massnahmensteckbrief
from tests import factories
from tests.e2e.conftest import anmelden

WORT = "Sozialraumorientierungsverbund" * 160  # 4.800 letters without a break
# What reaches past the window's right edge, to name it when the page scrolls sideways.
ZU_BREIT = """[...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""))
  .slice(0, 10)"""


@pytest.mark.parametrize("breite", [1280, 375])
def test_a_word_of_thousands_of_letters_wraps(seite, breite):
    anregung = factories.anregung(text=WORT)
    steckbrief = factories.steckbrief(titel="Titel" + "x" * 190)
    Massnahmensteckbrief.objects.filter(pk=steckbrief.pk).update(beschreibung=WORT, ziele=WORT)
    seite.set_viewport_size({"width": breite, "height": 900})
    anmelden(seite, "sozialplanung")
    for adresse in (
        f"/anregungen/{anregung.pk}/",
        f"/anregungen/?suche={WORT[:40]}",
        f"/steckbriefe/{steckbrief.pk}/",
        "/steckbriefe/",
    ):
        seite.goto(adresse)
        breiter = seite.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert breiter <= 1, f"{adresse}: {breiter} px zu breit: {seite.evaluate(ZU_BREIT)}"
    assert Anregung.objects.filter(text=WORT).count() == 1
