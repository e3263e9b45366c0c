"""Strict readers for settings from the environment (12-factor).

A value that cannot be read stops start-up with a message naming the variable, instead of
silently falling back to a default that would be wrong in production.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nein", ""}


def load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from a local `.env` file; real environment variables win."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} ist kein Wahrheitswert (erlaubt: 1/0, true/false)."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} ist keine ganze Zahl.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def require(names: list[str]) -> None:
    """Stop start-up when production lacks a setting it cannot run safely without."""
    missing = [name for name in names if not os.environ.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(
            "Fehlende Einstellung(en) für den Produktivbetrieb (DEBUG=0): "
            + ", ".join(missing)
            + ". Bitte als Umgebungsvariable setzen (siehe .env.example)."
        )
