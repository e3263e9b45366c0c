"""Notification mails through a real Celery worker (Redis in CI, the filesystem transport
locally), written by Django's file backend into a folder of this test."""

import email
import time
from email import policy

import pytest
from django.db import transaction
from django.urls import reverse

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


# --- Failing mails: every attempt counts, the last marks it failed with its reason ---------------
def _alte_nachricht(user, titel: str, **felder) -> Benachrichtigung:
    """A row as an earlier version wrote it (its title not yet made one line)."""
    return Benachrichtigung.objects.create(
        empfaenger=user, art="hinweis", titel=titel, text="x", link="/", **felder
    )


def _freier_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_title_with_line_breaks_is_sent_as_one_header_line(db, settings, postfach):
    from notifications import services

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(postfach)
    user = User.objects.create_user("zeilen", email="zeilen@example.org")
    n = _alte_nachricht(user, "Freigabe erbeten\r\nBcc: fremd@example.org", schluessel="t:zeile")
    assert services.mail_zustellen(n.pk) == "gesendet"
    (mail,) = _mails(postfach)
    assert mail["Subject"].strip() == "[Sozialplanung] Freigabe erbeten Bcc: fremd@example.org"
    assert mail["Bcc"] is None
    # New messages are stored on one line in the first place.
    from notifications.services import benachrichtigen

    (neu,) = benachrichtigen(
        empfaenger=[user], art="hinweis", titel="a\nb", text="x", link="/", schluessel="t:z2"
    )
    assert neu.titel == "a b"


def test_every_failed_attempt_counts_and_the_last_marks_the_mail_failed(db, settings):
    """A real refused SMTP connection (nothing listens on the port): the reason is kept, the
    attempts counted, and after the last one the mail is given up, not retried forever."""
    from notifications import services

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _freier_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2
    settings.MAIL_MAX_VERSUCHE = 3
    user = User.objects.create_user("kaputt", email="kaputt@example.org")
    n = _alte_nachricht(user, "Erinnerung", schluessel="t:kaputt")
    assert [services.mail_zustellen(n.pk) for _ in range(3)] == [
        "erneut",
        "erneut",
        "fehlgeschlagen",
    ]
    n.refresh_from_db()
    assert (n.mail, n.mail_versuche) == (Benachrichtigung.Mail.FEHLGESCHLAGEN, 3)
    assert "ConnectionRefusedError" in n.mail_fehler
    assert services.mail_zustellen(n.pk) == "schon beansprucht"
    assert n.pk not in services.offene_mails()


def test_a_lost_retry_is_queued_again_by_the_periodic_pass(db):
    from datetime import timedelta

    from django.utils import timezone

    from notifications import services

    user = User.objects.create_user("verloren", email="verloren@example.org")
    vor_einer_stunde = timezone.now() - timedelta(hours=1)
    n = _alte_nachricht(
        user,
        "Einmal gescheitert",
        schluessel="t:verloren",
        erstellt_am=vor_einer_stunde,
        mail_versuche=1,
        mail_versucht_am=vor_einer_stunde,
    )
    frisch = _alte_nachricht(
        user,
        "Eben gescheitert",
        schluessel="t:frisch",
        erstellt_am=vor_einer_stunde,
        mail_versuche=1,
        mail_versucht_am=timezone.now(),
    )
    offen = services.offene_mails()
    assert n.pk in offen and frisch.pk not in offen  # the fresh one waits for its own retry


def test_sozialplanung_sees_undelivered_mails_and_tries_one_again(client_als, postfach):
    user = User.objects.create_user("adresse", email="adresse@example.org")
    n = _alte_nachricht(
        user,
        "Nicht zugestellt",
        schluessel="t:seite",
        mail=Benachrichtigung.Mail.FEHLGESCHLAGEN,
        mail_versuche=6,
        mail_fehler="SMTPRecipientsRefused: adresse@example.org",
    )
    sp = client_als("sozialplanung")
    seite = sp.get(reverse("mailversand")).content.decode()
    assert "Nicht zugestellt" in seite and "SMTPRecipientsRefused" in seite
    assert "E-Mail nicht zugestellt" in sp.get(reverse("start")).content.decode()
    antwort = sp.post(reverse("mail_erneut_senden", args=[n.pk]))
    assert antwort.status_code == 302
    n.refresh_from_db()
    assert (n.mail, n.mail_versuche, n.mail_fehler) == (Benachrichtigung.Mail.OFFEN, 0, "")
    assert client_als("fb-jugend").get(reverse("mailversand")).status_code == 403
