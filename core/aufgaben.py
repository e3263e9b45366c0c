"""Meine Aufgaben: every room contributes what waits for a user; the start page shows them.

A room registers a function `user -> list[Aufgabe]` in `AUFGABEN` in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from core.erweiterungen import Erweiterungspunkt


@dataclass
class Aufgabe:
    gruppe: str
    art: str
    titel: str
    url: str
    seit: datetime
    hinweis: str = ""


AUFGABEN: Erweiterungspunkt[Callable[..., list[Aufgabe]]] = Erweiterungspunkt(
    "aufgaben", "Aufgaben eines Raums für die Startseite (user -> list[Aufgabe])"
)


def meine_aufgaben(user, *, reihenfolge: list[str] = ()) -> list[tuple[str, list[Aufgabe]]]:
    """(heading, tasks oldest first) for each heading with tasks: the headings named in
    `reihenfolge` first, in that order, then any other alphabetically."""
    je_gruppe: dict[str, list[Aufgabe]] = {}
    for quelle in AUFGABEN:
        for aufgabe in quelle(user):
            je_gruppe.setdefault(aufgabe.gruppe, []).append(aufgabe)
    reihenfolge = [*reihenfolge, *sorted(set(je_gruppe) - set(reihenfolge))]
    return [
        (gruppe, sorted(je_gruppe[gruppe], key=lambda a: (a.seit is None, a.seit or 0)))
        for gruppe in reihenfolge
        if je_gruppe.get(gruppe)
    ]
