from celery import shared_task
from django.conf import settings


@shared_task(name="core.ping", acks_late=False, soft_time_limit=10, time_limit=15)
def ping() -> str:
    """Answered by a worker; /healthz uses the round trip to prove broker and worker."""
    return "pong"


@shared_task(name="core.ablagen_aufraeumen", soft_time_limit=120, time_limit=180)
def ablagen_aufraeumen() -> int:
    """Hourly (beat): import previews nobody confirmed are removed."""
    from core.importing import ablagen_aufraeumen as aufraeumen

    return aufraeumen()


@shared_task(
    name="core.dokument_erstellen",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.DOKUMENT_ZEITLIMIT,
    time_limit=settings.DOKUMENT_ZEITLIMIT + 60,
)
def dokument_erstellen(auftrag_id: int) -> bool:
    """Build a requested document. Safe to deliver twice: the job is claimed first."""
    from core import dokumente

    return dokumente.erstellen(auftrag_id)


@shared_task(name="core.dokumente_aufraeumen", soft_time_limit=300, time_limit=360)
def dokumente_aufraeumen() -> int:
    """Hourly (beat): previews older than DOKUMENT_AUFBEWAHRUNG_STUNDEN are removed."""
    from core import dokumente

    return dokumente.aufraeumen()


@shared_task(name="core.protokoll_aufraeumen", soft_time_limit=600, time_limit=660)
def protokoll_aufraeumen() -> int:
    """Daily (beat): audit log entries older than PROTOKOLL_AUFBEWAHRUNG_TAGE are removed."""
    from core import protokoll

    return protokoll.aufraeumen()
