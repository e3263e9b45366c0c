from celery import shared_task

from controlling import services


@shared_task(name="controlling.tageslauf")
def tageslauf(datum: str | None = None) -> str:
    """Beat runs this hourly: open the due period, remind, escalate, weekly overview.
    Idempotent: every reminder is logged under a unique key before its mail is queued."""
    from datetime import date

    return str(services.tageslauf(heute=date.fromisoformat(datum) if datum else None))


@shared_task(name="controlling.bericht_erstellen", acks_late=True)
def bericht_erstellen(bericht_id: int) -> bool:
    """Build a requested Controllingbericht. Safe to deliver twice: the service claims the
    row first and builds only once."""
    from controlling import bericht

    return bericht.controllingbericht_erstellen(bericht_id=bericht_id)
