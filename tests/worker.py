"""A real Celery worker process for tests: over Redis when CELERY_BROKER_URL points there (CI),
over the filesystem transport otherwise. It uses the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent


def test_database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    anmeldung = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        anmeldung += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{anmeldung}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    def __init__(self, *extra_args: str, log: Path | None = None, env: dict | None = None):
        self.log = log or Path(settings.VAR_DIR) / f"worker-{uuid.uuid4().hex[:8]}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DATABASE_URL": test_database_url(), "DEBUG": "1", **(env or {})}
        self.prozess = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
                *extra_args,
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def warten_bis_bereit(self, timeout: float = 60) -> None:
        from core.betrieb import worker_antwortet

        if not worker_antwortet(timeout):
            self.stoppen()
            raise RuntimeError(f"Worker antwortet nicht; Protokoll:\n{self.log.read_text()}")

    def stoppen(self) -> None:
        if self.prozess.poll() is None:
            self.prozess.terminate()
            try:
                self.prozess.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.prozess.kill()
                self.prozess.wait()

    def toeten(self) -> None:
        """Kill without warm shutdown, as a crash or OOM kill would."""
        self.prozess.kill()
        self.prozess.wait()


def warteschlange_leeren() -> None:
    from config.celery import app

    app.control.purge()


class Beat:
    """A real `celery beat` process with a test schedule (tests/beat_app.py): `tage` are the
    days its tageslauf runs for, every `sekunden`."""

    def __init__(self, tage: list[str], sekunden: float, ordner: Path):
        ordner.mkdir(parents=True, exist_ok=True)
        self.log = ordner / f"beat-{uuid.uuid4().hex[:8]}.log"
        env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "DEBUG": "1",
            "TEST_BEAT_TAGE": ",".join(tage),
            "TEST_BEAT_SEKUNDEN": str(sekunden),
        }
        self.prozess = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.beat_app",
                "beat",
                "--loglevel=INFO",
                f"--schedule={ordner / f'zeitplan-{uuid.uuid4().hex[:8]}'}",
                "--max-interval=1",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def gesendet(self) -> int:
        """How many tasks this beat has sent so far (from its log)."""
        return self.log.read_text(errors="replace").count("Scheduler: Sending due task")

    def stoppen(self) -> None:
        if self.prozess.poll() is None:
            self.prozess.terminate()
            try:
                self.prozess.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.prozess.kill()
                self.prozess.wait()
