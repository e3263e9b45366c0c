from celery import shared_task
from django.conf import settings

from ratsinfo import oparl


@shared_task(
    bind=True,
    name="ratsinfo.abrufen",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    soft_time_limit=120,
    time_limit=150,
)
def abrufen(self, vorlage_id: int) -> str:
    """Fetch one council paper; a slow or failing server is tried again with growing pauses
    (1, 2, 4, 8, 16 minutes × OPARL_WIEDERHOLUNG_SEKUNDEN/60), its last data kept meanwhile."""
    from ratsinfo.services import ratsvorlage_abrufen

    try:
        vorlage = ratsvorlage_abrufen(vorlage_id)
    except oparl.VorlaeufigerFehler as exc:
        if self.request.retries >= self.max_retries:
            return f"aufgegeben: {exc}"
        raise self.retry(
            countdown=settings.OPARL_WIEDERHOLUNG_SEKUNDEN * 2**self.request.retries
        ) from exc
    return vorlage.warnung or "ok"


@shared_task(name="ratsinfo.alle_abrufen", soft_time_limit=300, time_limit=360)
def alle_abrufen() -> int:
    """Daily (beat): every linked OParl paper fetched again, each in its own task."""
    from ratsinfo.models import Ratsvorlage

    ids = list(Ratsvorlage.objects.exclude(oparl_id=None).values_list("pk", flat=True))
    for pk in ids:
        abrufen.delay(pk)
    return len(ids)
