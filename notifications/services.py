"""Messages to people: stored for the app, mailed once by a Celery task after commit.

Every message has an event key; creating the same event again returns the existing message and
queues nothing, so a service or task that runs twice never mails twice. Every claim of a mail
is an attempt; any failure releases the claim with its reason, and after MAIL_MAX_VERSUCHE
attempts the mail is marked failed (Sozialplanung sees it under "Mailversand")."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator

from core.rechte import erzwingen
from core.workflow import WorkflowError
from notifications.models import Benachrichtigung

# A worker that died while sending leaves its claim; after this lease another run may retry.
VERSAND_FRIST = timedelta(minutes=10)
NACHSENDEN_NACH = timedelta(minutes=1)
# A failed attempt is retried by its task (backoff up to 15 minutes); after this long without
# another attempt, the retry is taken as lost and the periodic pass queues the mail again.
WIEDERHOLUNG_VERLOREN = timedelta(minutes=30)

logger = logging.getLogger(__name__)


def benachrichtigen(
    *, empfaenger: Iterable, art: str, titel: str, text: str, link: str, schluessel: str
) -> list[Benachrichtigung]:
    """One message per recipient for one event; new ones are mailed after the commit."""
    from notifications.tasks import benachrichtigung_mailen

    titel = betreff(titel)
    neu = []
    for user in {u.pk: u for u in empfaenger if u and u.is_active}.values():
        nachricht, angelegt = Benachrichtigung.objects.get_or_create(
            schluessel=f"{schluessel}:an:{user.pk}",
            defaults={"empfaenger": user, "art": art, "titel": titel, "text": text, "link": link},
        )
        if angelegt:
            neu.append(nachricht)
            if user.email:
                # robust: a broker outage must not turn the committed step into an error page;
                # the periodic pass sends what was not queued.
                transaction.on_commit(
                    lambda pk=nachricht.pk: benachrichtigung_mailen.delay(pk), robust=True
                )
            else:
                Benachrichtigung.objects.filter(pk=nachricht.pk).update(
                    mail=Benachrichtigung.Mail.FEHLGESCHLAGEN
                )
    return neu


def betreff(titel: str) -> str:
    """One line (a line break in a header is refused by the mail library) that fits the
    column; titles name items, whose own titles may already be long."""
    einzeilig = " ".join(str(titel).split())
    return Truncator(einzeilig).chars(Benachrichtigung._meta.get_field("titel").max_length)


def mail_beanspruchen(benachrichtigung_id: int, *, jetzt: datetime | None = None) -> bool:
    """Claim the one mail of a message: only one run gets True (a conditional UPDATE). Each
    claim is an attempt; once all attempts are used, the mail is marked failed instead."""
    jetzt = jetzt or timezone.now()
    frei = Benachrichtigung.objects.filter(pk=benachrichtigung_id).filter(
        _offen_oder_verwaist(jetzt)
    )
    if (
        frei.filter(mail_versuche__lt=settings.MAIL_MAX_VERSUCHE).update(
            mail=Benachrichtigung.Mail.IN_VERSAND,
            mail_beansprucht_am=jetzt,
            mail_versucht_am=jetzt,
            mail_versuche=F("mail_versuche") + 1,
        )
        == 1
    ):
        return True
    frei.update(
        mail=Benachrichtigung.Mail.FEHLGESCHLAGEN,
        mail_fehler=Concat(
            F("mail_fehler"),
            Value(f" – aufgegeben nach {settings.MAIL_MAX_VERSUCHE} Versuchen"),
        ),
    )
    return False


def _offen_oder_verwaist(jetzt) -> Q:
    return Q(mail=Benachrichtigung.Mail.OFFEN) | Q(
        mail=Benachrichtigung.Mail.IN_VERSAND, mail_beansprucht_am__lt=jetzt - VERSAND_FRIST
    )


def offene_mails(*, jetzt: datetime | None = None) -> list[int]:
    """Mails still owed: never handed to a worker (broker down at commit time), claimed by a
    worker that died, or failed once and whose retry was lost with its worker. A minute's
    grace leaves fresh ones to their own task; a failed attempt to its own retry for a while."""
    jetzt = jetzt or timezone.now()
    nie_versucht = Q(mail=Benachrichtigung.Mail.OFFEN, mail_versuche=0)
    verwaist = Q(
        mail=Benachrichtigung.Mail.IN_VERSAND, mail_beansprucht_am__lt=jetzt - VERSAND_FRIST
    )
    liegen_geblieben = Q(
        mail=Benachrichtigung.Mail.OFFEN,
        mail_versuche__gt=0,
        mail_versucht_am__lt=jetzt - WIEDERHOLUNG_VERLOREN,
    )
    return list(
        Benachrichtigung.objects.filter(nie_versucht | verwaist | liegen_geblieben)
        .filter(erstellt_am__lt=jetzt - NACHSENDEN_NACH)
        .exclude(empfaenger__email="")
        .values_list("pk", flat=True)[:1000]
    )


def mail_senden(benachrichtigung_id: int) -> bool:
    """Send a claimed message's mail (German, text and HTML, with a direct link)."""
    nachricht = Benachrichtigung.objects.select_related("empfaenger").get(pk=benachrichtigung_id)
    kontext = {
        "n": nachricht,
        "url": f"{settings.SITE_URL}/benachrichtigungen/{nachricht.pk}/",
        "stadt": settings.STADT_NAME,
    }
    mail = EmailMultiAlternatives(
        subject=f"[Sozialplanung] {betreff(nachricht.titel)}",
        body=render_to_string("notifications/mail/benachrichtigung.txt", kontext),
        to=[nachricht.empfaenger.email],
    )
    mail.attach_alternative(
        render_to_string("notifications/mail/benachrichtigung.html", kontext), "text/html"
    )
    mail.send()
    Benachrichtigung.objects.filter(pk=nachricht.pk).update(
        mail=Benachrichtigung.Mail.GESENDET, mail_gesendet_am=timezone.now()
    )
    return True


def mail_zustellen(benachrichtigung_id: int) -> str:
    """One attempt: claim, send, record. "gesendet", "schon beansprucht" (another run has it,
    or it is done), "erneut" (failed; try again later) or "fehlgeschlagen" (the last attempt).
    Any error counts: a broken header, a refused connection, a bug."""
    if not mail_beanspruchen(benachrichtigung_id):
        return "schon beansprucht"
    try:
        mail_senden(benachrichtigung_id)
    except Exception as exc:  # every failure is recorded and retried, none is lost
        logger.warning("Mail %s nicht gesendet: %r", benachrichtigung_id, exc)
        return _fehlschlag(benachrichtigung_id, exc)
    return "gesendet"


def _fehlschlag(benachrichtigung_id: int, exc: BaseException) -> str:
    """Give the claim back with the reason, or give up after the last attempt."""
    grund = Truncator(f"{type(exc).__name__}: {exc}").chars(500)
    qs = Benachrichtigung.objects.filter(
        pk=benachrichtigung_id, mail=Benachrichtigung.Mail.IN_VERSAND
    )
    if qs.filter(mail_versuche__gte=settings.MAIL_MAX_VERSUCHE).update(
        mail=Benachrichtigung.Mail.FEHLGESCHLAGEN, mail_fehler=grund
    ):
        return "fehlgeschlagen"
    qs.update(mail=Benachrichtigung.Mail.OFFEN, mail_fehler=grund)
    return "erneut"


@transaction.atomic
def mail_erneut_senden(*, benachrichtigung: Benachrichtigung, user) -> Benachrichtigung:
    """Sozialplanung tries a failed mail again (after the address or the server was fixed)."""
    from notifications.tasks import benachrichtigung_mailen

    erzwingen(user, "notifications.versand_pruefen")
    if not benachrichtigung.empfaenger.email:
        raise WorkflowError(f"{benachrichtigung.empfaenger} hat keine E-Mail-Adresse.")
    n = Benachrichtigung.objects.filter(
        pk=benachrichtigung.pk, mail=Benachrichtigung.Mail.FEHLGESCHLAGEN
    ).update(mail=Benachrichtigung.Mail.OFFEN, mail_versuche=0, mail_fehler="")
    if n != 1:
        raise WorkflowError("Diese Mail ist nicht (mehr) fehlgeschlagen.")
    transaction.on_commit(lambda: benachrichtigung_mailen.delay(benachrichtigung.pk), robust=True)
    benachrichtigung.refresh_from_db()
    return benachrichtigung


def benachrichtigungen_gelesen(
    *, user: AbstractBaseUser, nachricht: Benachrichtigung | None = None
) -> int:
    """Mark one message (or all of the user's) as read."""
    qs = Benachrichtigung.objects.filter(empfaenger=user, gelesen_am__isnull=True)
    if nachricht is not None:
        qs = qs.filter(pk=nachricht.pk)
    return qs.update(gelesen_am=timezone.now())
