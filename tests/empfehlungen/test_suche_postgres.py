"""On PostgreSQL the full-text search uses the GIN index the migration builds."""

import pytest
from django.db import connection

from empfehlungen import selectors
from empfehlungen.models import Anregung

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres(nur_postgres):
    pass


def test_search_plan_uses_the_volltext_index():
    qs, _ = selectors.anregungen_gefiltert(user=None, suche="Jugendliche")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = qs.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "empfehlungen_anregung_suchvektor_gin" in plan


def test_german_stemming_finds_inflected_words(db):
    from tests import factories

    factories.anregung(text="Treffpunkt für Jugendliche am Abend")
    qs, _ = selectors.anregungen_gefiltert(user=None, suche="jugendlichen")
    assert qs.filter(text="Treffpunkt für Jugendliche am Abend").exists()
    assert Anregung.objects.count() > qs.count()


def test_trigger_keeps_the_vector_current_for_bulk_writes_too(db):
    from tests import factories

    user = factories.sozialplanung()
    Anregung.objects.bulk_create([Anregung(text="Kältebus für Wohnungslose", erfasst_von=user)])
    qs, _ = selectors.anregungen_gefiltert(user=None, suche="kältebus")
    assert qs.count() == 1
    Anregung.objects.filter(text="Kältebus für Wohnungslose").update(text="Wärmestube im Winter")
    assert selectors.anregungen_gefiltert(user=None, suche="Wärmestube")[0].count() == 1
    assert selectors.anregungen_gefiltert(user=None, suche="Kältebus")[0].count() == 0


def test_similarity_hints_find_the_cluster(db):
    from empfehlungen import aehnlichkeit
    from tests import factories

    a = factories.anregung(text="Kältebus mit Nachtfahrten für Wohnungslose fehlt")
    b = factories.anregung(text="Wohnungslose brauchen im Winter einen Kältebus")
    c = factories.anregung(text="Mehr Sitzbänke am Marktplatz")
    treffer = [t.objekt for t in aehnlichkeit.aehnliche_anregungen(a)]
    assert treffer[0] == b
    assert c not in treffer
