"""Settings come from the environment; production refuses to start without what it needs and
passes Django's deployment checks without a warning."""

import os
import secrets
import subprocess
import sys

import pytest

from config.settings import REQUIRED_IN_PRODUCTION
from tests.worker import BASE_DIR

PRODUKTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "sozialplanung.example.org",
    "DATABASE_URL": "postgres://sozialplanung@db.example.org:5432/sozialplanung",
    "CELERY_BROKER_URL": "redis://redis.example.org:6379/0",
    "EMAIL_HOST": "mail.example.org",
    "DEFAULT_FROM_EMAIL": "sozialplanung@example.org",
    "SITE_URL": "https://sozialplanung.example.org",
}


def manage(*args, **env):
    # A clean environment: nothing from the developer's shell or .env leaks in.
    umgebung = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "VAR_DIR": str(BASE_DIR / "var" / "test" / "settings"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=umgebung,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_passes_check_deploy_without_warnings():
    lauf = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUKTION)
    assert lauf.returncode == 0, lauf.stderr + lauf.stdout
    assert "System check identified no issues" in lauf.stdout


@pytest.mark.parametrize("fehlend", REQUIRED_IN_PRODUCTION)
def test_production_names_a_missing_setting(fehlend):
    env = {k: v for k, v in PRODUKTION.items() if k != fehlend}
    lauf = manage("check", **env)
    assert lauf.returncode != 0
    assert "Fehlende Einstellung(en) für den Produktivbetrieb (DEBUG=0): " + fehlend in lauf.stderr


def test_a_bad_boolean_is_refused_with_its_name():
    lauf = manage("check", **{**PRODUKTION, "DEBUG": "vielleicht"})
    assert lauf.returncode != 0
    assert "DEBUG='vielleicht' ist kein Wahrheitswert" in lauf.stderr


def test_development_defaults_need_no_services():
    lauf = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.EMAIL_BACKEND)",
        DEBUG="1",
    )
    assert lauf.returncode == 0, lauf.stderr
    assert lauf.stdout.split()[-3:] == [
        "django.db.backends.sqlite3",
        "filesystem://localhost//",
        "django.core.mail.backends.filebased.EmailBackend",
    ]


def test_production_cookies_and_headers():
    skript = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_AGE)"
    )
    lauf = manage("shell", "-c", skript, **PRODUKTION)
    assert lauf.returncode == 0, lauf.stderr
    assert lauf.stdout.split()[-7:] == ["True", "True", "True", "Lax", "31536000", "True", "1800"]


@pytest.mark.parametrize(
    ("schluessel", "grund"),
    [
        ("bitte-durch-einen-langen-zufallswert-ersetzen", "Beispielwert"),
        ("nur-fuer-die-entwicklung-" + "x" * 40, "Beispielwert"),
        ("kurz-aber-zufaellig-9f8e7d", "zu kurz"),
        ("a" * 60, "zu gleichförmig"),
    ],
)
def test_production_refuses_a_weak_secret_key(schluessel, grund):
    lauf = manage("check", **{**PRODUKTION, "SECRET_KEY": schluessel})
    assert lauf.returncode != 0
    assert "SECRET_KEY ist" in lauf.stderr and grund in lauf.stderr


def test_compose_publishes_the_web_port_on_this_host_only():
    import yaml

    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    offen = [p for dienst in compose["services"].values() for p in dienst.get("ports", [])]
    assert offen == ["127.0.0.1:8000:8000"]
