"""On PostgreSQL the full-text search uses the GIN index the migration builds."""

import pytest
from django.db import connection

from empfehlungen import selectors
from empfehlungen.models import Anregung

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def nur_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-Index; läuft in CI gegen PostgreSQL.")


def test_search_plan_uses_the_volltext_index():
    qs, _ = selectors.anregungen_gefiltert(user=None, suche="Jugendliche")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = qs.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "anregung_volltext" in plan


def test_german_stemming_finds_inflected_words(db):
    from tests import factories

    factories.anregung(text="Treffpunkt für Jugendliche am Abend")
    qs, _ = selectors.anregungen_gefiltert(user=None, suche="jugendlichen")
    assert qs.filter(text="Treffpunkt für Jugendliche am Abend").exists()
    assert Anregung.objects.count() > qs.count()
