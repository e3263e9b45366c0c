from celery import shared_task


@shared_task(
    name="transparenz.abgleichen",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=1800,
    time_limit=1900,
)
def abgleichen() -> dict:
    """Nightly (beat): the public copy checked against every item; repairs a commit hook that
    was lost and master-data renames. Idempotent."""
    from transparenz.services import alles_abgleichen

    return alles_abgleichen()


@shared_task(
    name="transparenz.eintraege_abgleichen",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=1800,
    time_limit=1900,
)
def eintraege_abgleichen(ziele: list) -> int:
    """The public copy of many items at once (a published paper), after the commit."""
    from transparenz.services import alle_abgleichen

    return alle_abgleichen([(art, pk) for art, pk in ziele])
