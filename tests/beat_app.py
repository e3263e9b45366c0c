"""The project's Celery app with a test schedule for `celery beat` (tests/worker.py, Beat):
the daily pass for the days in TEST_BEAT_TAGE, every TEST_BEAT_SEKUNDEN seconds."""

import os

from config.celery import app

app.conf.beat_schedule = {
    f"tageslauf-{tag}": {
        "task": "controlling.tageslauf",
        "schedule": float(os.environ["TEST_BEAT_SEKUNDEN"]),
        "args": [tag],
    }
    for tag in os.environ["TEST_BEAT_TAGE"].split(",")
}
