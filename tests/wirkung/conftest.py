import pytest

from stammdaten.models import Kennzahl, Kennzahlwert, Sozialraum
from tests import factories


@pytest.fixture
def sp(benutzer):
    return benutzer["sozialplanung"]


@pytest.fixture
def entwurf(db):
    """An Empfehlung of OST in Entwurf, led by 3-1 with 3-4 involved."""
    return factories.empfehlung(titel="Familienzentrum Ost stärken")


@pytest.fixture
def kinderarmut(db) -> Kennzahl:
    return Kennzahl.objects.get(name="Kinderarmut")


@pytest.fixture
def ost(db) -> Sozialraum:
    return Sozialraum.objects.get(kurzname="OST")


def wert(kennzahl, jahr, sozialraum=None):
    return Kennzahlwert.objects.get(
        kennzahl=kennzahl, jahr=jahr, sozialraum=sozialraum, sozialquartier=None
    ).wert
