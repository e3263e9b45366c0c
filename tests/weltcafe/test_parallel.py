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


def _telefone_gleichzeitig(url: str, cookies: list[str], texte: list[str]) -> list[int | None]:
    """Phones answering at the same moment: each thread its own client, cookie and database
    connection; a barrier releases the POSTs together."""
    import threading

    from django.db import connection
    from django.test import Client

    from weltcafe.views_live import COOKIE

    start = threading.Barrier(len(cookies))
    codes: list[int | None] = [None] * len(cookies)

    def senden(i):
        client = Client()
        client.cookies[COOKIE] = cookies[i]
        start.wait()
        try:
            codes[i] = client.post(url, {"text": texte[i]}).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=senden, args=(i,)) for i in range(len(cookies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return codes


def test_a_room_answering_at_once_is_counted_exactly_once(demo_daten):
    """Twelve phones send the same word in different cases at the same moment, and one phone
    taps twice at once: every answer counts once, the double tap once, no 500."""
    from django.urls import reverse

    from tests.factories import sozialplanung
    from weltcafe import live

    veranstaltung = factories.veranstaltung(titel="Live parallel")
    runde = live.runde_oeffnen(user=sozialplanung(), veranstaltung=veranstaltung, art="woerter")
    url = reverse("live_teilnehmen", args=[runde.kurzcode])
    cookies = [f"telefon-{i:04d}" for i in range(12)] + ["doppelt-tippt", "doppelt-tippt"]
    texte = [("Toll", "toll", "TOLL")[i % 3] for i in range(12)] + ["super", "super"]
    codes = _telefone_gleichzeitig(url, cookies, texte)
    assert sorted(codes) == [302] * 13 + [409], codes
    woerter = {w.wort.casefold(): w.anzahl for w in veranstaltung.rueckmeldewoerter.all()}
    assert woerter == {"toll": 12, "super": 1}
    assert runde.antworten.count() == 13
