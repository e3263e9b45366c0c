"""Messages to people: stored for the app, mailed once by a Celery task after commit.

Every message has an event key; creating the same event again returns the existing message and
queues nothing, so a service or task that runs twice never mails twice."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator

from notifications.models import Benachrichtigung

# A worker that died while sending leaves its claim; after this lease another run may retry.
VERSAND_FRIST = timedelta(minutes=10)
NACHSENDEN_NACH = timedelta(minutes=1)


def benachrichtigen(
    *, empfaenger: Iterable, art: str, titel: str, text: str, link: str, schluessel: str
) -> list[Benachrichtigung]:
    """One message per recipient for one event; new ones are mailed after the commit."""
    from notifications.tasks import benachrichtigung_mailen

    # Titles name the item, whose own title may already fill the column.
    titel = Truncator(titel).chars(Benachrichtigung._meta.get_field("titel").max_length)
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


def mail_beanspruchen(benachrichtigung_id: int, *, jetzt: datetime | None = None) -> bool:
    """Claim the one mail of a message: only one run gets True (a conditional UPDATE)."""
    jetzt = jetzt or timezone.now()
    frei = Benachrichtigung.objects.filter(pk=benachrichtigung_id).filter(
        _offen_oder_verwaist(jetzt)
    )
    return frei.update(mail=Benachrichtigung.Mail.IN_VERSAND, mail_beansprucht_am=jetzt) == 1


def _offen_oder_verwaist(jetzt) -> Q:
    return Q(mail=Benachrichtigung.Mail.OFFEN) | Q(
        mail=Benachrichtigung.Mail.IN_VERSAND, mail_beansprucht_am__lt=jetzt - VERSAND_FRIST
    )


def offene_mails(*, jetzt: datetime | None = None) -> list[int]:
    """Mails still owed: never handed to a worker (broker down at commit time) or claimed by a
    worker that died. A minute's grace leaves fresh ones to their own task; failed attempts
    (mail_versuche > 0) stay with their task's retries."""
    jetzt = jetzt or timezone.now()
    nie_versucht = Q(mail=Benachrichtigung.Mail.OFFEN, mail_versuche=0)
    verwaist = Q(
        mail=Benachrichtigung.Mail.IN_VERSAND, mail_beansprucht_am__lt=jetzt - VERSAND_FRIST
    )
    return list(
        Benachrichtigung.objects.filter(nie_versucht | verwaist)
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
        subject=f"[Sozialplanung] {nachricht.titel}",
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


def mail_freigeben(benachrichtigung_id: int, *, endgueltig: bool) -> None:
    """A failed attempt gives the claim back (or gives up after the last retry)."""
    Benachrichtigung.objects.filter(
        pk=benachrichtigung_id, mail=Benachrichtigung.Mail.IN_VERSAND
    ).update(
        mail=Benachrichtigung.Mail.FEHLGESCHLAGEN if endgueltig else Benachrichtigung.Mail.OFFEN,
        mail_versuche=F("mail_versuche") + 1,
    )


def benachrichtigungen_gelesen(
    *, user: AbstractBaseUser, nachricht: Benachrichtigung | None = None
) -> int:
    """Mark one message (or all of the user's) as read."""
    qs = Benachrichtigung.objects.filter(empfaenger=user, gelesen_am__isnull=True)
    if nachricht is not None:
        qs = qs.filter(pk=nachricht.pk)
    return qs.update(gelesen_am=timezone.now())
