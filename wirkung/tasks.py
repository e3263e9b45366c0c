from celery import shared_task

from wirkung import services


@shared_task(
    name="wirkung.an_pruefungen_erinnern",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=600,
    time_limit=660,
)
def an_pruefungen_erinnern(datum: str | None = None) -> int:
    """Daily: remind Sozialplanung of due Wirkungsprüfungen. Idempotent: each reminder has a
    unique key, so a pass delivered twice sends nothing twice."""
    from datetime import date

    return services.an_pruefungen_erinnern(heute=date.fromisoformat(datum) if datum else None)
