"""Two planners enter feedback words of one event at the same moment (real parallel requests
against PostgreSQL): "Toll" and "toll" end as one word counted twice, never as a 500."""

import pytest
from django.urls import reverse

from tests import factories
from tests.parallel import gleichzeitig
from weltcafe.models import Rueckmeldewort

pytestmark = pytest.mark.postgres


@pytest.fixture
def demo_daten(transactional_db, nur_postgres):
    from start import demo

    demo.laden()


def test_the_same_word_in_two_cases_at_once_is_one_word_counted_twice(demo_daten):
    for runde in range(5):
        veranstaltung = factories.veranstaltung(titel=f"Parallel {runde}")
        url = reverse("weltcafe_woerter", args=[veranstaltung.pk])
        codes = gleichzeitig(
            [
                ("sozialplanung", url, {"woerter": "Toll\nlebendig"}),
                ("sozialplanung", url, {"woerter": "toll"}),
            ]
        )
        assert codes == [302, 302], codes
        woerter = {w.wort.casefold(): w.anzahl for w in veranstaltung.rueckmeldewoerter.all()}
        assert woerter == {"toll": 2, "lebendig": 1}


def test_the_database_refuses_a_second_spelling_of_a_word(demo_daten):
    from django.db import IntegrityError, transaction

    veranstaltung = factories.veranstaltung(titel="Eindeutig")
    Rueckmeldewort.objects.create(veranstaltung=veranstaltung, wort="Toll")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rueckmeldewort.objects.create(veranstaltung=veranstaltung, wort="TOLL")
