"""Extension points: how a higher room adds to a lower room's page or work without the lower
room importing it (pretix's named signals, as plain lists).

The lower room owns the point (e.g. `massnahmen.erweiterungen.STECKBRIEF_ABSCHNITTE`); the
higher room fills it in its `AppConfig.ready()`. Contributions run in the order of
INSTALLED_APPS, then of registration."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

B = TypeVar("B")


class Erweiterungspunkt(Generic[B]):
    def __init__(self, name: str, beschreibung: str = ""):
        self.name = name
        self.beschreibung = beschreibung
        self._beitraege: list[B] = []

    def registrieren(self, beitrag: B) -> B:
        """Add a contribution (once; registering again is a no-op). Usable as decorator."""
        if beitrag not in self._beitraege:
            self._beitraege.append(beitrag)
        return beitrag

    def __iter__(self) -> Iterator[B]:
        return iter(list(self._beitraege))

    def __len__(self) -> int:
        return len(self._beitraege)

    def __repr__(self) -> str:
        return f"<Erweiterungspunkt {self.name}: {len(self)} Beiträge>"


@dataclass(frozen=True)
class Abschnitt:
    """A part of a page contributed by another room: its template and its context.

    `kontext(request, objekt)` returns the template context, or None when there is nothing to
    show for this object (or this user)."""

    template: str
    kontext: Callable[[HttpRequest, Any], dict | None]
    reihenfolge: int = 100  # lower first; equal ones in the order of registration


class Seitenabschnitte(Erweiterungspunkt[Abschnitt]):
    def rendern(self, request: HttpRequest, objekt: Any) -> list[SafeString]:
        teile = []
        for abschnitt in sorted(self, key=lambda a: a.reihenfolge):
            kontext = abschnitt.kontext(request, objekt)
            if kontext is not None:
                teile.append(render_to_string(abschnitt.template, kontext, request=request))
        return teile
