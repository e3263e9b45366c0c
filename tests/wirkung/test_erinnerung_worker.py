"""The reminder to assess through a real Celery worker (Redis in CI, the filesystem transport
locally) into the file mail backend: one mail per due item and person, also when beat fires
the pass twice."""

from datetime import date

import pytest

from freigabe.models import Freigabestatus
from massnahmen.models import Massnahmensteckbrief
from notifications.models import Benachrichtigung
from stammdaten.models import Bereich, User
from tests.controlling.test_erinnerung_worker import _worker
from tests.notifications.test_mail import _mails
from tests.worker import warteschlange_leeren
from wirkung.models import Wirkungsziel
from wirkung.tasks import an_pruefungen_erinnern

pytestmark = pytest.mark.worker


@pytest.fixture
def postfach(tmp_path):
    return tmp_path / "mail"


def test_a_due_assessment_is_mailed_exactly_once(transactional_db, postfach):
    import time

    bereich = Bereich.objects.create(code="9-2", name="Testbereich Wirkung")
    planerin = User.objects.create_user(
        "sp-wirkung", email="sp@example.org", first_name="Paula", ist_sozialplanung=True
    )
    steckbrief = Massnahmensteckbrief.objects.create(
        titel="Quartiersbüro", beschreibung="…", federfuehrung=bereich, erstellt_von=planerin
    )
    Massnahmensteckbrief.objects.filter(pk=steckbrief.pk).update(
        status=Freigabestatus.VEROEFFENTLICHT
    )
    Wirkungsziel.objects.create(
        steckbrief=steckbrief,
        bezeichnung="Nachbarschaft vernetzt",
        quelle="qualitativ",
        beschreibung="…",
        pruefung_am=date(2031, 6, 1),
    )
    warteschlange_leeren()
    worker = _worker(postfach)
    try:
        an_pruefungen_erinnern.delay("2031-05-31")  # not yet due
        an_pruefungen_erinnern.delay("2031-06-01")
        an_pruefungen_erinnern.delay("2031-06-02")  # beat again: nothing more
        ende = time.monotonic() + 45
        while (
            time.monotonic() < ende
            and not Benachrichtigung.objects.filter(
                mail=Benachrichtigung.Mail.GESENDET, titel__contains="Quartiersbüro"
            ).exists()
        ):
            time.sleep(0.2)
        time.sleep(2)  # give a wrong second mail the time to appear
    finally:
        worker.stoppen()
    # (Items of the demo, when loaded, may be due as well; this test counts its own.)
    betreffe = [
        m["Subject"].strip()
        for m in _mails(postfach)
        if m["To"] == "sp@example.org" and "Quartiersbüro" in m["Subject"]
    ]
    assert betreffe == ["[Sozialplanung] Wirkungsprüfung fällig: " + steckbrief.bezeichnung]
    assert (
        Benachrichtigung.objects.filter(
            empfaenger=planerin, titel__contains="Quartiersbüro"
        ).count()
        == 1
    )
