"""Two Bereichsleitungen approve at the same moment: real parallel requests against PostgreSQL
(tests/parallel.py). The row lock in `freigabe_entscheiden` must make the last missing approval
free the item exactly once."""

import pytest
from django.urls import reverse

from core.workflow import verlauf
from freigabe.models import Freigabestatus as F
from notifications.models import Benachrichtigung
from tests import factories
from tests.factories import in_freigabe_zustand
from tests.parallel import gleichzeitig

pytestmark = pytest.mark.postgres
RUNDEN = 6


@pytest.fixture
def demo_daten(transactional_db, nur_postgres):
    from start import demo as start_demo

    start_demo.laden()


def test_two_leitungen_approving_at_once_free_the_item_exactly_once(demo_daten):
    for runde in range(RUNDEN):
        o = in_freigabe_zustand(factories.empfehlung(titel=f"Parallel {runde}"), F.ZUR_FREIGABE)
        jugend, gesundheit = o.bereiche()
        url = reverse("freigabe_entscheiden", args=["empfehlung", o.pk])
        codes = gleichzeitig(
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
    codes = gleichzeitig([("bl-jugend", url, daten), ("bl-jugend", url, daten)])
    # One request records the decision (redirect); the other answers with the German message
    # on the decision page, where the Bereich is no longer offered (form error, 200).
    assert sorted(codes) == [200, 302], codes
    assert o.freigaben.filter(bereich=jugend).count() == 1
    o.refresh_from_db()
    assert o.status == F.ZUR_FREIGABE
