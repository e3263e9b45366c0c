import smtplib

from celery import shared_task

from notifications import services


@shared_task(bind=True, acks_late=True, max_retries=6, name="notifications.benachrichtigung_mailen")
def benachrichtigung_mailen(self, benachrichtigung_id: int) -> str:
    """Send one message's mail at most once: claimed first, retried with backoff on failure."""
    if not services.mail_beanspruchen(benachrichtigung_id):
        return "schon beansprucht"
    try:
        services.mail_senden(benachrichtigung_id)
    except (smtplib.SMTPException, OSError) as exc:
        letzter = self.request.retries >= self.max_retries
        services.mail_freigeben(benachrichtigung_id, endgueltig=letzter)
        if letzter:
            return "fehlgeschlagen"
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 900)) from exc
    return "gesendet"


@shared_task(name="notifications.offene_mails_nachsenden")
def offene_mails_nachsenden() -> int:
    """Every few minutes (beat): queue the mails that are still owed. Sending stays
    exactly-once through the claim in `benachrichtigung_mailen`."""
    ids = services.offene_mails()
    for pk in ids:
        benachrichtigung_mailen.delay(pk)
    return len(ids)
