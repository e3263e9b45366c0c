"""Two Bereichsleitungen approve at the same moment: real parallel requests against PostgreSQL.

Each thread has its own database connection and sends its POST through the whole stack
(middleware, view, service); a barrier releases them together. The row lock in
`freigabe_entscheiden` must make the last missing approval free the item exactly once."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.workflow import verlauf
from freigabe.models import Freigabestatus as F
from notifications.models import Benachrichtigung
from tests import factories
from tests.factories import demo, in_freigabe_zustand

pytestmark = pytest.mark.postgres
RUNDEN = 6


@pytest.fixture
def demo_daten(transactional_db, nur_postgres):
    from start import demo as start_demo

    start_demo.laden()


def _gleichzeitig(auftraege):
    """Run (username, url, data) POSTs in parallel threads; return the status codes."""
    start = threading.Barrier(len(auftraege))
    antworten = [None] * len(auftraege)

    def senden(i, username, url, daten):
        client = Client()
        client.force_login(demo(username))
        start.wait()
        try:
            antworten[i] = client.post(url, daten).status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=senden, args=(i, *auftrag)) for i, auftrag in enumerate(auftraege)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return antworten


def test_two_leitungen_approving_at_once_free_the_item_exactly_once(demo_daten):
    for runde in range(RUNDEN):
        o = in_freigabe_zustand(factories.empfehlung(titel=f"Parallel {runde}"), F.ZUR_FREIGABE)
        jugend, gesundheit = o.bereiche()
        url = reverse("freigabe_entscheiden", args=["empfehlung", o.pk])
        codes = _gleichzeitig(
            [
                (
                    "bl-jugend",
                    url,
                    {"bereich": jugend.pk, "entscheidung": "freigeben", "fassung": 1},
                ),
                (
                    "bl-gesundheit",
                    url,
                    {"bereich": gesundheit.pk, "entscheidung": "freigeben", "fassung": 1},
                ),
            ]
        )
        assert codes == [302, 302], codes
        o.refresh_from_db()
        assert o.status == F.FREIGEGEBEN
        assert verlauf(o).filter(uebergang="freigeben").count() == 1
        assert o.freigaben.filter(entscheidung="freigegeben").count() == 2
        freigegeben = Benachrichtigung.objects.filter(
            schluessel__startswith=f"freigegeben:empfehlung:{o.pk}:"
        )
        empfaenger = list(freigegeben.values_list("empfaenger__username", flat=True))
        assert sorted(empfaenger) == ["bl-gesundheit", "bl-jugend", "sozialplanung"]


def test_a_double_click_records_one_decision(demo_daten):
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    jugend = o.bereiche()[0]
    url = reverse("freigabe_entscheiden", args=["empfehlung", o.pk])
    daten = {"bereich": jugend.pk, "entscheidung": "freigeben", "fassung": 1}
    codes = _gleichzeitig([("bl-jugend", url, daten), ("bl-jugend", url, daten)])
    # One request records the decision (redirect); the other answers with the German message
    # on the decision page, where the Bereich is no longer offered (form error, 200).
    assert sorted(codes) == [200, 302], codes
    assert o.freigaben.filter(bereich=jugend).count() == 1
    o.refresh_from_db()
    assert o.status == F.ZUR_FREIGABE
