"""Two planners create the same Strategiepapier at the same moment (real parallel requests
against PostgreSQL): one is created, the other is told so in German, never a 500."""

import pytest
from django.urls import reverse

from stammdaten.models import Sozialraum
from strategiepapier.models import Strategiepapier
from tests.parallel import gleichzeitig

pytestmark = pytest.mark.postgres


@pytest.fixture
def demo_daten(transactional_db, nur_postgres):
    from start import demo

    demo.laden()


def test_the_same_edition_created_twice_at_once_exists_once(demo_daten):
    ost = Sozialraum.objects.get(kurzname="OST")
    url = reverse("strategiepapier_neu")
    for ausgabe in range(2080, 2085):
        daten = {"sozialraum": ost.pk, "ausgabe": ausgabe}
        codes = gleichzeitig([("sozialplanung", url, daten), ("sozialplanung", url, daten)])
        assert sorted(codes) == [200, 302], codes  # the second sees the form with the message
        assert Strategiepapier.objects.filter(sozialraum=ost, ausgabe=ausgabe).count() == 1
