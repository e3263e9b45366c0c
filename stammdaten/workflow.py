"""Running django-fsm transitions the same way everywhere: German refusals, permission through
the rules module, and a Statuswechsel row for every change.

Models declare transitions with `conditions=[bedingung(...)]` and `permission=regel(...)`;
services lock the row, call `uebergang()` and save. Nothing else writes a state field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from stammdaten.models import Statuswechsel


class WorkflowError(Exception):
    """A step that is not possible now; the message is German and meant for the user."""


def bedingung(meldung: str) -> Callable[[Callable[[Any], bool]], Callable[[Any], bool]]:
    """Mark a transition condition with the German message shown when it is not met."""

    def markieren(pruefung: Callable[[Any], bool]) -> Callable[[Any], bool]:
        pruefung.meldung = meldung
        return pruefung

    return markieren


def regel(name: str) -> Callable[[Any, Any], bool]:
    """A transition permission answered by the rules module, always with the object."""

    def darf(instance, user) -> bool:
        return user.has_perm(name, instance)

    darf.regel = name
    return darf


def moegliche_uebergaenge(obj: Model, user) -> list[str]:
    """Names of the transitions this user may run on the object now (state and permission;
    conditions are checked when the step is taken, so the user learns what is missing)."""
    namen = []
    for methode_name in getattr(type(obj), "UEBERGAENGE", {}):
        meta = getattr(obj, methode_name)._django_fsm
        zustand = meta.field.get_state(obj)
        if meta.has_transition(zustand) and meta.has_transition_perm(obj, zustand, user):
            namen.append(methode_name)
    return namen


def uebergang(
    obj: Model, methode_name: str, *, user, kommentar: str = "", **kwargs
) -> Statuswechsel:
    """Run one transition on a locked object, then save it and record the change."""
    methode = getattr(obj, methode_name)
    meta = methode._django_fsm
    feld = meta.field
    von = feld.get_state(obj)
    titel = type(obj).UEBERGAENGE.get(methode_name, methode_name)
    transition = meta.get_transition(von)
    if transition is None:
        raise WorkflowError(f"„{titel}“ ist im Zustand „{_anzeige(obj, feld, von)}“ nicht möglich.")
    if not transition.has_perm(obj, user):
        raise WorkflowError(f"Sie dürfen „{titel}“ hier nicht ausführen.")
    fehlend = [
        getattr(c, "meldung", "Eine Voraussetzung fehlt.")
        for c in transition.conditions
        if not c(obj)
    ]
    if fehlend:
        raise WorkflowError(" ".join(fehlend))
    methode(**kwargs)
    # A state change is no content version (models with django-simple-history); the
    # Statuswechsel below records it.
    obj.skip_history_when_saving = True
    try:
        obj.save()
    finally:
        del obj.skip_history_when_saving
    return Statuswechsel.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        uebergang=methode_name,
        von=von,
        nach=feld.get_state(obj),
        user=user,
        kommentar=kommentar,
    )


def _anzeige(obj: Model, feld, wert: str) -> str:
    return dict(feld.flatchoices).get(wert, wert)


def verlauf(obj: Model):
    return Statuswechsel.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
    ).select_related("user", "content_type")
