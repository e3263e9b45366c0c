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
