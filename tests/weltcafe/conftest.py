import pytest

from empfehlungen.models import Veranstaltung
from stammdaten.models import Bereich
from tests import factories
from weltcafe import services as weltcafe


@pytest.fixture
def sp(benutzer):
    return benutzer["sozialplanung"]


@pytest.fixture
def cafe(db) -> Veranstaltung:
    return factories.veranstaltung(
        titel="Test-Café", format=Veranstaltung.Format.WORLD_CAFE, runde=7
    )


@pytest.fixture
def insel(cafe, sp):
    """A Themeninsel with two offers: one known Steckbrief and one new draft."""
    return weltcafe.themeninsel_speichern(
        user=sp,
        veranstaltung=cafe,
        titel="Testinsel Jugend",
        bereiche=[Bereich.objects.get(code="3-1")],
        steckbriefe=[factories.steckbrief(titel="Testangebot Streetwork")],
        neue_angebote=["Testangebot Mädchenmobil"],
    )
