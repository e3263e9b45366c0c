import json
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.worker import BASE_DIR


@pytest.fixture(autouse=True)
def _frisch():
    cache.clear()  # the worker's answer is kept a few seconds; each test asks anew


@pytest.mark.worker
def test_healthy_with_database_and_worker(client, db, celery_worker):
    antwort = client.get(reverse("healthz"))
    assert antwort.status_code == 200
    daten = antwort.json()
    assert (daten["status"], daten["datenbank"], daten["broker"]) == ("ok", "ok", "ok")
    assert "no-cache" in antwort["Cache-Control"]


def test_503_when_no_worker_answers(client, db, settings):
    # Workers run only inside tests that ask for one, so nobody answers here.
    settings.HEALTHZ_WORKER_TIMEOUT = 0.2
    antwort = client.get(reverse("healthz"))
    assert antwort.status_code == 503
    assert antwort.json()["broker"] == "fehler"
    assert antwort.json()["datenbank"] == "ok"


def test_the_workers_answer_is_kept_a_few_seconds(client, db, settings):
    """Polling /healthz queues one ping per HEALTHZ_CACHE_SEKUNDEN, not one per request; the
    503 stays a 503 while it lasts."""
    import time_machine

    settings.HEALTHZ_WORKER_TIMEOUT, settings.HEALTHZ_CACHE_SEKUNDEN = 0.2, 10
    with time_machine.travel("2026-12-01 10:00:00 +0000", tick=False) as zeit:
        erste = client.get(reverse("healthz"))
        zweite = client.get(reverse("healthz"))
        zeit.shift(11)
        dritte = client.get(reverse("healthz"))
    assert [a.status_code for a in (erste, zweite, dritte)] == [503, 503, 503]
    assert erste.json()["broker_geprueft"] == zweite.json()["broker_geprueft"]
    assert dritte.json()["broker_geprueft"] != erste.json()["broker_geprueft"]


def test_503_when_database_is_down():
    """A real start against a database server that does not answer (port 1)."""
    skript = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='localhost').get('/healthz');"
        "print(json.dumps({'code': r.status_code, **r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/keine",
        "HEALTHZ_WORKER_TIMEOUT": "0.2",
    }
    ausgabe = subprocess.run(
        [sys.executable, "-c", skript],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    ergebnis = json.loads(ausgabe.stdout.strip().splitlines()[-1])
    assert ergebnis["code"] == 503
    assert ergebnis["datenbank"] == "fehler"


def test_healthz_needs_no_login_and_rejects_post(client, db):
    assert client.post(reverse("healthz")).status_code == 405
