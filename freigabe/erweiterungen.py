"""Extension points of the approval engine: steps that only one item kind has (the Umsetzung
of an Empfehlung after publication) are contributed by its room and run through the same
step URL and view as the shared steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.erweiterungen import Erweiterungspunkt


@dataclass(frozen=True)
class Schritt:
    typ: str  # the item kind (Freigabeobjekt.TYP)
    aktion: str  # the URL segment, e.g. "umsetzung-beginnen"
    regel: str  # asked with the item; without it the answer is 403
    ausfuehren: Callable[..., object]  # (objekt=, user=, kommentar=) -> the item
    erfolg: str  # the German success message


WEITERE_SCHRITTE: Erweiterungspunkt[Schritt] = Erweiterungspunkt(
    "freigabe.weitere_schritte", "Schritte einer Art von Vorgang über den gemeinsamen hinaus"
)


def weiterer_schritt(typ: str, aktion: str) -> Schritt | None:
    return next((s for s in WEITERE_SCHRITTE if s.typ == typ and s.aktion == aktion), None)
