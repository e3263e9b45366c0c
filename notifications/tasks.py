from celery import shared_task
from django.conf import settings

from notifications import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # the attempts are counted on the row (MAIL_MAX_VERSUCHE)
    soft_time_limit=120,
    time_limit=180,
    name="notifications.benachrichtigung_mailen",
)
def benachrichtigung_mailen(self, benachrichtigung_id: int) -> str:
    """Send one message's mail at most once: claimed first, retried with backoff on failure."""
    ergebnis = services.mail_zustellen(benachrichtigung_id)
    if ergebnis == "erneut" and self.request.retries < settings.MAIL_MAX_VERSUCHE:
        raise self.retry(countdown=min(30 * 2**self.request.retries, 900))
    return ergebnis


@shared_task(name="notifications.offene_mails_nachsenden", soft_time_limit=120, time_limit=180)
def offene_mails_nachsenden() -> int:
    """Every few minutes (beat): queue the mails that are still owed. Sending stays
    exactly-once through the claim in `benachrichtigung_mailen`."""
    ids = services.offene_mails()
    for pk in ids:
        benachrichtigung_mailen.delay(pk)
    return len(ids)
