"""Reminders through a real Celery worker (Redis in CI, the filesystem transport locally) into
Django's file mail backend: each expected mail exactly once, also when the task runs twice or
the worker is killed in the middle of a pass and restarted."""

import time
from datetime import date

import pytest

from controlling import services
from controlling.models import Berichtsperiode, Erinnerung
from controlling.tasks import tageslauf
from freigabe.models import Freigabestatus
from massnahmen.models import Massnahmensteckbrief
from notifications.models import Benachrichtigung
from stammdaten.models import Bereich, Mitgliedschaft, User
from tests import worker as worker_modul
from tests.notifications.test_mail import _mails
from tests.worker import Worker, warteschlange_leeren

pytestmark = pytest.mark.worker
JAHR = 2031


@pytest.fixture
def postfach(tmp_path):
    return tmp_path / "mail"


def _worker(postfach) -> Worker:
    w = Worker("--pool=solo", env={"EMAIL_FILE_PATH": str(postfach)})
    w.warten_bis_bereit()
    return w


@pytest.fixture
def bereich(transactional_db):
    """A Bereich with a member and a Leitung (both with addresses) and three active offers."""
    b = Bereich.objects.create(code="9-1", name="Testbereich", email="")
    fb = User.objects.create_user("fb-test", email="fb@example.org", first_name="Fritz")
    bl = User.objects.create_user("bl-test", email="bl@example.org", first_name="Berta")
    Mitgliedschaft.objects.create(user=fb, bereich=b, rolle=Mitgliedschaft.Rolle.MITARBEIT)
    Mitgliedschaft.objects.create(user=bl, bereich=b, rolle=Mitgliedschaft.Rolle.LEITUNG)
    for titel in ("Sprachcafé", "Familienbüro", "Stadtteilmütter"):
        s = Massnahmensteckbrief.objects.create(
            titel=titel, beschreibung="…", federfuehrung=b, erstellt_von=bl
        )
        Massnahmensteckbrief.objects.filter(pk=s.pk).update(status=Freigabestatus.VEROEFFENTLICHT)
    return b


def _warten_bis_gesendet(anzahl: int, timeout: float = 45) -> None:
    ende = time.monotonic() + timeout
    while time.monotonic() < ende:
        gesendet = Benachrichtigung.objects.filter(
            mail=Benachrichtigung.Mail.GESENDET, empfaenger__username__in=["fb-test", "bl-test"]
        ).count()
        if gesendet >= anzahl:
            return
        time.sleep(0.2)
    raise AssertionError(
        f"Nach {timeout} s {gesendet} von {anzahl} Mails gesendet: "
        f"{list(Benachrichtigung.objects.values_list('titel', 'mail'))}"
    )


def _betreffe(postfach) -> list[tuple[str, str]]:
    """Mails to this test's people (the demo's Bereiche may be reminded too, when present)."""
    return sorted(
        (m["To"], m["Subject"].strip())
        for m in _mails(postfach)
        if m["To"] in ("fb@example.org", "bl@example.org")
    )


def _marke_abwarten(gesendet_vorher: int) -> None:
    """A marker mail queued after the passes: the solo worker handles tasks in order, so when
    it is sent, every pass before it is done."""
    from django.db import transaction

    from notifications.services import benachrichtigen

    with transaction.atomic():
        benachrichtigen(
            empfaenger=User.objects.filter(username="fb-test"),
            art="hinweis",
            titel="Marke",
            text="–",
            link="/",
            schluessel=f"test:marke:{gesendet_vorher}",
        )
    _warten_bis_gesendet(gesendet_vorher + 1)


def test_reminders_and_escalation_are_mailed_exactly_once(bereich, postfach, settings):
    services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=1, heute=date(JAHR, 4, 1))
    warteschlange_leeren()
    Benachrichtigung.objects.all().delete()  # the opening notices are not this test's subject
    worker = _worker(postfach)
    try:
        for _ in range(2):  # beat fires twice (or a redelivery): nothing more is sent
            tageslauf.delay(f"{JAHR}-04-16")
        _marke_abwarten(2)
        tageslauf.delay(f"{JAHR}-05-01")  # after the Frist: the Leitung only
        tageslauf.delay(f"{JAHR}-05-01")
        _marke_abwarten(4)
    finally:
        worker.stoppen()
    vor_frist = f"[Sozialplanung] Erinnerung: 3 Sachstandsmeldungen bis 30.04.{JAHR} (Q1/{JAHR})"
    assert _betreffe(postfach) == [
        ("bl@example.org", vor_frist),
        (
            "bl@example.org",
            f"[Sozialplanung] Frist überschritten: 3 Sachstandsmeldungen fehlen (Q1/{JAHR})",
        ),
        ("fb@example.org", vor_frist),
        ("fb@example.org", "[Sozialplanung] Marke"),
        ("fb@example.org", "[Sozialplanung] Marke"),
    ]
    mail = next(
        m for m in _mails(postfach) if m["To"] == "fb@example.org" and "Erinnerung" in m["Subject"]
    )
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "- Sprachcafé" in text and "- Familienbüro" in text
    assert f'href="{settings.SITE_URL}/benachrichtigungen/' in html
    # 3 Meldungen x 2 people before the Frist, then x the Leitung
    assert Erinnerung.objects.filter(meldung__bereich=bereich).count() == 3 * 2 + 3


def _wartet_auf_sperre(sperre) -> bool:
    """Whether another session is blocked by the test's lock (asked in a fresh transaction
    of its own: PostgreSQL keeps one snapshot of pg_stat_activity per transaction)."""
    import psycopg

    with psycopg.connect(worker_modul.test_database_url(), autocommit=True) as frage:
        zeile = frage.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
            [sperre.info.backend_pid],
        ).fetchone()
    return zeile[0] > 0


def test_a_worker_killed_mid_pass_loses_no_reminder_and_sends_none_twice(
    bereich, postfach, nur_postgres
):
    import psycopg

    # Two periods due on the same day: Q4 (escalation) is done first, then the worker waits
    # for Q1, whose row this test holds locked, and is killed while waiting.
    services.berichtsperiode_eroeffnen(jahr=JAHR - 1, quartal=4, heute=date(JAHR, 1, 1))
    q1, _ = services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=1, heute=date(JAHR, 4, 1))
    warteschlange_leeren()
    Benachrichtigung.objects.all().delete()
    sperre = psycopg.connect(worker_modul.test_database_url())
    sperre.execute("SELECT id FROM controlling_berichtsperiode WHERE id = %s FOR UPDATE", [q1.pk])
    worker = _worker(postfach)
    try:
        tageslauf.delay(f"{JAHR}-04-16")
        ende = time.monotonic() + 30
        while not Erinnerung.objects.filter(art="eskalation").exists():
            assert time.monotonic() < ende, "Der Lauf hat Q4 nicht erreicht."
            time.sleep(0.1)
        # The worker now waits for Q1's row: PostgreSQL shows its session waiting on a lock.
        while not _wartet_auf_sperre(sperre):
            assert time.monotonic() < ende, "Der Worker wartet nicht auf die Sperre von Q1."
            time.sleep(0.05)
        assert not Erinnerung.objects.filter(meldung__periode=q1).exists()
        worker.toeten()
    finally:
        sperre.rollback()
        sperre.close()
        worker.stoppen()
    worker = _worker(postfach)
    try:
        tageslauf.delay(f"{JAHR}-04-16")  # the next hourly run
        _marke_abwarten(3)
    finally:
        worker.stoppen()
    q4 = Berichtsperiode.objects.get(jahr=JAHR - 1, quartal=4)
    assert _betreffe(postfach) == [
        (
            "bl@example.org",
            f"[Sozialplanung] Erinnerung: 3 Sachstandsmeldungen bis 30.04.{JAHR} (Q1/{JAHR})",
        ),
        (
            "bl@example.org",
            f"[Sozialplanung] Frist überschritten: 3 Sachstandsmeldungen fehlen ({q4.kurz})",
        ),
        (
            "fb@example.org",
            f"[Sozialplanung] Erinnerung: 3 Sachstandsmeldungen bis 30.04.{JAHR} (Q1/{JAHR})",
        ),
        ("fb@example.org", "[Sozialplanung] Marke"),
    ]


def test_two_beats_by_mistake_send_nothing_twice(bereich, postfach, tmp_path):
    """A classic: two `celery beat` processes against one broker. Both fire the daily pass for a
    reminder day and for the escalation day, again and again; every mail goes once."""
    from tests.worker import Beat

    services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=1, heute=date(JAHR, 4, 1))
    warteschlange_leeren()
    Benachrichtigung.objects.all().delete()  # the opening notices are not this test's subject
    worker = _worker(postfach)
    tage = [f"{JAHR}-04-16", f"{JAHR}-05-01"]
    beats = [Beat(tage, 0.5, tmp_path / "beat") for _ in range(2)]
    try:
        ende = time.monotonic() + 60
        while not all(b.gesendet() >= 3 * len(tage) for b in beats):
            assert time.monotonic() < ende, [b.log.read_text() for b in beats]
            time.sleep(0.2)
    finally:
        for b in beats:
            b.stoppen()
    try:
        _marke_abwarten(3)  # after every pass the beats sent (the solo worker keeps order)
    finally:
        worker.stoppen()
    vor_frist = f"[Sozialplanung] Erinnerung: 3 Sachstandsmeldungen bis 30.04.{JAHR} (Q1/{JAHR})"
    assert _betreffe(postfach) == [
        ("bl@example.org", vor_frist),
        (
            "bl@example.org",
            f"[Sozialplanung] Frist überschritten: 3 Sachstandsmeldungen fehlen (Q1/{JAHR})",
        ),
        ("fb@example.org", vor_frist),
        ("fb@example.org", "[Sozialplanung] Marke"),
    ]
    assert Erinnerung.objects.filter(meldung__bereich=bereich).count() == 3 * 2 + 3
