"""Notification mails through a real Celery worker (Redis in CI, the filesystem transport
locally), written by Django's file backend into a folder of this test."""

import email
import time
from email import policy

import pytest
from django.db import transaction

from notifications.models import Benachrichtigung
from notifications.services import benachrichtigen
from notifications.tasks import benachrichtigung_mailen
from stammdaten.models import User
from tests.worker import Worker, warteschlange_leeren

pytestmark = pytest.mark.worker


@pytest.fixture
def postfach(tmp_path):
    return tmp_path / "mail"


@pytest.fixture
def worker(transactional_db, postfach):
    warteschlange_leeren()
    w = Worker("--pool=solo", env={"EMAIL_FILE_PATH": str(postfach)})
    w.warten_bis_bereit()
    yield w
    w.stoppen()


def _warten(pk: int, zustand: str, timeout: float = 30) -> Benachrichtigung:
    ende = time.monotonic() + timeout
    while time.monotonic() < ende:
        n = Benachrichtigung.objects.get(pk=pk)
        if n.mail == zustand:
            return n
        time.sleep(0.2)
    raise AssertionError(f"Mail {pk} nach {timeout} s nicht „{zustand}“: {n.mail}")


def _mails(postfach) -> list[email.message.EmailMessage]:
    ergebnis = []
    for datei in sorted(postfach.glob("*.log")) if postfach.exists() else []:
        # The file backend writes each message followed by a line of dashes.
        for teil in datei.read_bytes().split(b"-" * 79):
            if teil.strip():
                ergebnis.append(email.message_from_bytes(teil.strip(), policy=policy.default))
    return ergebnis


def _nachricht(user, schluessel: str) -> Benachrichtigung:
    with transaction.atomic():  # the mail task is queued when this commits
        return benachrichtigen(
            empfaenger=[user],
            art=Benachrichtigung.Art.FREIGABE,
            titel="Freigabe erbeten: Handlungsempfehlung OST-01 „Straßensozialarbeit“",
            text="Bitte geben Sie für den Bereich 3-1 frei.",
            link="/freigabe/empfehlung/1/",
            schluessel=schluessel,
        )[0]


def test_mail_is_sent_once_even_when_the_task_runs_twice(worker, postfach, settings):
    user = User.objects.create_user(
        "bl-test", email="leitung@example.org", first_name="Katrin", last_name="Jansen"
    )
    erste = _nachricht(user, "test:1")
    _warten(erste.pk, Benachrichtigung.Mail.GESENDET)

    # The same task again (a retry after a lost acknowledgement, a second delivery), then a
    # second message as a marker: the solo worker handles them in order.
    benachrichtigung_mailen.delay(erste.pk)
    benachrichtigung_mailen.delay(erste.pk)
    zweite = _nachricht(user, "test:2")
    _warten(zweite.pk, Benachrichtigung.Mail.GESENDET)

    mails = _mails(postfach)
    assert len(mails) == 2, [m["Subject"] for m in mails]
    link = f"{settings.SITE_URL}/benachrichtigungen/{erste.pk}/"
    texte = [m.get_body(preferencelist=("plain",)).get_content() for m in mails]
    assert sum(link in t for t in texte) == 1  # the first message: one mail, not three
    mail = mails[[link in t for t in texte].index(True)]
    assert mail["To"] == "leitung@example.org"
    assert mail["Subject"].strip() == (
        "[Sozialplanung] Freigabe erbeten: Handlungsempfehlung OST-01 „Straßensozialarbeit“"
    )
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert f'href="{link}"' in html
    assert "Bitte geben Sie für den Bereich 3-1 frei." in text
    assert '<html lang="de">' in html


def test_periodic_pass_sends_what_was_never_queued_or_left_half_sent(worker, postfach):
    from datetime import timedelta

    from django.utils import timezone

    from notifications.tasks import offene_mails_nachsenden

    user = User.objects.create_user("bl-nach", email="nach@example.org")
    vorher = timezone.now() - timedelta(minutes=15)
    # Broker down at commit time: the row exists, its task never did.
    nie = Benachrichtigung.objects.create(
        empfaenger=user,
        art="hinweis",
        titel="Nie eingereiht",
        text="x",
        link="/",
        schluessel="test:nie",
        erstellt_am=vorher,
    )
    # A worker claimed it and died before sending (claim older than the lease).
    halb = Benachrichtigung.objects.create(
        empfaenger=user,
        art="hinweis",
        titel="Halb gesendet",
        text="x",
        link="/",
        schluessel="test:halb",
        erstellt_am=vorher,
        mail=Benachrichtigung.Mail.IN_VERSAND,
        mail_beansprucht_am=vorher,
    )
    offene_mails_nachsenden.delay()
    offene_mails_nachsenden.delay()  # twice: still one mail each
    _warten(nie.pk, Benachrichtigung.Mail.GESENDET)
    _warten(halb.pk, Benachrichtigung.Mail.GESENDET)
    marke = _nachricht(user, "test:marke")  # processed after both passes (solo worker)
    _warten(marke.pk, Benachrichtigung.Mail.GESENDET)
    betreffe = sorted(m["Subject"].strip() for m in _mails(postfach))
    assert betreffe == [
        "[Sozialplanung] Freigabe erbeten: Handlungsempfehlung OST-01 „Straßensozialarbeit“",
        "[Sozialplanung] Halb gesendet",
        "[Sozialplanung] Nie eingereiht",
    ]


def test_user_without_address_gets_no_mail_but_the_in_app_message(db):
    user = User.objects.create_user("ohne-mail", first_name="Ohne", last_name="Mail")
    n = _nachricht(user, "test:3")
    assert Benachrichtigung.objects.get(pk=n.pk).mail == Benachrichtigung.Mail.FEHLGESCHLAGEN
    assert Benachrichtigung.objects.filter(empfaenger=user, gelesen_am__isnull=True).count() == 1
