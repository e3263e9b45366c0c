from celery import shared_task


@shared_task(name="core.ping", acks_late=False, soft_time_limit=10, time_limit=15)
def ping() -> str:
    """Answered by a worker; /healthz uses the round trip to prove broker and worker."""
    return "pong"


@shared_task(name="core.ablagen_aufraeumen", soft_time_limit=120, time_limit=180)
def ablagen_aufraeumen() -> int:
    """Hourly (beat): import previews nobody confirmed are removed."""
    from core.importing import ablagen_aufraeumen as aufraeumen

    return aufraeumen()
