"""Shared fixtures: the demo roles (loaded once per session into the test database), a user
without any role, and login helpers."""

import pytest
from django.test import Client

from stammdaten.models import User
from start import demo

DEMO_ROLLEN = [
    "sozialplanung",
    "fb-jugend",
    "bl-jugend",
    "fb-gesundheit",
    "bl-gesundheit",
    "lesend",
    "admin",
]


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Uploaded and generated files (Strategiepapier PDFs) go to a temporary folder."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _leerer_cache():
    """Each test starts with an empty cache, as the database starts from the same data: a
    page or a counter cached by an earlier test must not answer for this one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(_media_root, django_db_setup, django_db_blocker):
    # Non-transactional tests share the demo data; pytest-django runs transactional tests
    # (live server, worker) after them, and those load what they need themselves.
    with django_db_blocker.unblock():
        demo.laden()


@pytest.fixture
def benutzer(db) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=DEMO_ROLLEN)}


@pytest.fixture
def ohne_rolle(db) -> User:
    return User.objects.create_user(
        "ohne-rolle", password="demo-passwort-1", first_name="Ohne", last_name="Rolle"
    )


@pytest.fixture
def client_als(benutzer, ohne_rolle):
    """client_als("fb-jugend") -> a test client signed in as that demo role."""

    def _client(rolle: str | None) -> Client:
        client = Client()
        if rolle == "ohne-rolle":
            client.force_login(ohne_rolle)
        elif rolle is not None and rolle != "anonym":
            client.force_login(benutzer[rolle])
        return client

    return _client


@pytest.fixture
def celery_worker(django_db_setup, django_db_blocker):
    """A real worker process for one test (pool solo: one task at a time). Tests without this
    fixture run with no worker at all."""
    from tests.worker import Worker, warteschlange_leeren

    with django_db_blocker.unblock():
        warteschlange_leeren()
        worker = Worker("--pool=solo")
    worker.warten_bis_bereit()
    yield worker
    worker.stoppen()


@pytest.fixture
def nur_postgres():
    """Row locking and full-text indexes need PostgreSQL: skipped on SQLite, but a failure when
    POSTGRES_REQUIRED=1 (CI), so a misconfigured run cannot pass by skipping."""
    import os

    from django.db import connection

    if connection.vendor != "postgresql":
        meldung = "Braucht PostgreSQL; läuft in CI (.ci/run) gegen PostgreSQL."
        if os.environ.get("POSTGRES_REQUIRED") == "1":
            pytest.fail(meldung)
        pytest.skip(meldung)
