"""Similarity hints on whichever database runs the tests (SQLite: Python, PostgreSQL: index)."""

import pytest

from empfehlungen import aehnlichkeit
from tests import factories

pytestmark = pytest.mark.django_db


def test_words_drop_stopwords_and_short_words():
    assert aehnlichkeit.woerter("Es fehlt ein Treffpunkt für die Jugendlichen im Quartier") == [
        "treffpunkt",
        "jugendlichen",
        "quartier",
    ]


def test_a_cluster_of_cards_is_found_and_unrelated_cards_are_not():
    a = factories.anregung(text="Kältebus mit Nachtfahrten für Wohnungslose fehlt")
    b = factories.anregung(text="Wohnungslose brauchen im Winter einen Kältebus")
    c = factories.anregung(text="Mehr Sitzbänke am Marktplatz")
    treffer = [t.objekt for t in aehnlichkeit.aehnliche_anregungen(a)]
    assert treffer[0] == b
    assert c not in treffer and a not in treffer


def test_similar_steckbrief_and_empfehlung_for_a_text():
    titel = [
        t.objekt.titel for t in aehnlichkeit.aehnliche_steckbriefe("Suchtberatung im Stadtteil")
    ]
    assert "Kompetenzzentrum Suchtberatung" in titel
    assert aehnlichkeit.aehnliche_empfehlungen("") == []


def test_hints_are_ranked_once_and_the_items_read_fresh(django_assert_max_num_queries):
    """The ranking is kept (ids only): a second look costs one query, a renamed item shows
    its new title, a deleted one drops out."""
    a = factories.anregung(text="Kältebus mit Nachtfahrten für Wohnungslose fehlt")
    b = factories.anregung(text="Wohnungslose brauchen im Winter einen Kältebus")
    assert aehnlichkeit.aehnliche_anregungen(a)[0].objekt == b
    with django_assert_max_num_queries(1):
        treffer = aehnlichkeit.aehnliche_anregungen(a)
    assert treffer[0].objekt == b
    type(b).objects.filter(pk=b.pk).update(zielgruppe="Wohnungslose")
    assert aehnlichkeit.aehnliche_anregungen(a)[0].objekt.zielgruppe == "Wohnungslose"
    b.delete()
    assert b.pk not in [t.objekt.pk for t in aehnlichkeit.aehnliche_anregungen(a)]
    # Another card's text is another ranking.
    c = factories.anregung(text="Kältebus für Wohnungslose am Bahnhof")
    assert aehnlichkeit.aehnliche_anregungen(c)[0].objekt == a
