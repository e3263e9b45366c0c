from celery import shared_task
from django.conf import settings

from controlling import services


# Idempotent passes: a task whose worker died is delivered again (acks_late,
# reject_on_worker_lost) and does what is left; a time limit ends one that hangs.
@shared_task(
    name="controlling.tageslauf",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=1800,
    time_limit=1900,
)
def tageslauf(datum: str | None = None) -> str:
    """Beat runs this hourly: open the due period, remind, escalate, weekly overview.
    Idempotent: every reminder is logged under a unique key before its mail is queued."""
    from datetime import date

    return str(services.tageslauf(heute=date.fromisoformat(datum) if datum else None))


@shared_task(
    name="controlling.bericht_erstellen",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.BERICHT_ZEITLIMIT,
    time_limit=settings.BERICHT_ZEITLIMIT + 60,
)
def bericht_erstellen(bericht_id: int) -> bool:
    """Build a requested Controllingbericht. Safe to deliver twice: the service claims the
    row first and builds only once."""
    from controlling import bericht

    return bericht.controllingbericht_erstellen(bericht_id=bericht_id)
