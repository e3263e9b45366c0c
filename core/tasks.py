from celery import shared_task


@shared_task(name="core.ping", acks_late=False)
def ping() -> str:
    """Answered by a worker; /healthz uses the round trip to prove broker and worker."""
    return "pong"
