import contextlib
import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sozialplanung")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_filesystem_folders() -> None:
    """kombu's filesystem transport and the file result backend expect their folders."""
    from django.conf import settings

    folders = list(getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).values())
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        for value in folders:
            if isinstance(value, str):
                Path(value).mkdir(parents=True, exist_ok=True)
    if settings.CELERY_RESULT_BACKEND.startswith("file://"):
        Path(settings.CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(
            parents=True, exist_ok=True
        )


@app.on_after_configure.connect
def _prepare_folders(sender, **kwargs) -> None:
    ensure_filesystem_folders()


@app.task(name="config.ping", acks_late=False)
def ping() -> str:
    """Answered by a worker; /healthz uses the round trip to prove broker and worker."""
    return "pong"


def worker_antwortet(timeout: float) -> bool:
    """Round trip through broker and a worker within `timeout` seconds."""
    try:
        ergebnis = ping.apply_async(retry=False, expires=timeout)
    except Exception:  # broker unreachable
        return False
    try:
        return ergebnis.get(timeout=timeout) == "pong"
    except Exception:  # no worker, or it did not answer in time
        return False
    finally:
        # Leave nothing behind: no stored result, no pending subscription on the backend.
        with contextlib.suppress(Exception):  # the answer above is what counts
            ergebnis.forget()
