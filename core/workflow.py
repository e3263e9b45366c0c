"""Running django-fsm transitions the same way everywhere: German refusals, permission through
the rules, and a Statuswechsel row for every change.

Models declare transitions with `conditions=[bedingung(...)]` and `permission=regel(...)`;
services lock the row (`gesperrt`), call `uebergang()`, and nothing else writes a state field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.utils import timezone

from core.erweiterungen import Erweiterungspunkt
from core.models import Statuswechsel
from core.texte import TEXT, text_fehler

M = TypeVar("M", bound=Model)

# Rooms above follow state changes here (e.g. the public pages keep their copy current):
# called as beitrag(objekt, statuswechsel) inside the transaction of the step.
NACH_UEBERGANG: Erweiterungspunkt[Callable[[Model, Statuswechsel], None]] = Erweiterungspunkt(
    "nach_uebergang", "Nach jedem Statuswechsel (im selben Vorgang)."
)


class WorkflowError(Exception):
    """A step that is not possible now; the message is German and meant for the user.

    `felder` names the form fields the refusal is about (field name -> message), so a form can
    show it beside the field; services raise it alike for forms, imports and the API."""

    def __init__(self, meldung: str = "", *, felder: dict[str, str] | None = None):
        self.felder = dict(felder or {})
        super().__init__(meldung or " ".join(self.felder.values()))


def gueltig(objekt, **optionen) -> None:
    """`full_clean()` for services: the model's refusal (lengths, control characters, choices)
    becomes a WorkflowError naming its fields, so every way in shows it in German instead of
    answering 500. Options as for full_clean (exclude=…)."""
    try:
        objekt.full_clean(**optionen)
    except ValidationError as exc:
        felder = {
            name: " ".join(meldungen)
            for name, meldungen in getattr(exc, "message_dict", {}).items()
        }
        teile = []
        for name, meldung in felder.items():
            try:
                teile.append(f"{objekt._meta.get_field(name).verbose_name}: {meldung}")
            except FieldDoesNotExist:
                teile.append(meldung)
        raise WorkflowError(" ".join(teile) or " ".join(exc.messages), felder=felder) from exc


def bedingung(meldung: str) -> Callable[[Callable[[Any], bool]], Callable[[Any], bool]]:
    """Mark a transition condition with the German message shown when it is not met."""

    def markieren(pruefung: Callable[[Any], bool]) -> Callable[[Any], bool]:
        pruefung.meldung = meldung
        return pruefung

    return markieren


def regel(name: str) -> Callable[[Any, Any], bool]:
    """A transition permission answered by the rules, always with the object."""

    def darf(instance, user) -> bool:
        return user.has_perm(name, instance)

    darf.regel = name
    return darf


def gesperrt(objekt: M, queryset: QuerySet[M] | None = None) -> M:
    """The object's row, read again and locked until the transaction ends (callers are
    `@transaction.atomic`): parallel steps on one item queue up instead of racing."""
    qs = queryset if queryset is not None else type(objekt).objects.all()
    return qs.select_for_update().get(pk=objekt.pk)


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
    obj: Model,
    methode_name: str,
    *,
    user,
    kommentar: str = "",
    felder: Iterable[str] = (),
    **kwargs,
) -> Statuswechsel:
    """Run one transition on a locked object, save what changed, and record the step.

    Saved are the state field, the fields the transition method set, the `felder` the caller
    set for this step (e.g. the Steckbrief an Anregung now points to) and `auto_now` stamps;
    nothing else, so a step never writes back stale values of other fields."""
    von, zu_speichern = _ausfuehren(obj, methode_name, user, kommentar, kwargs)
    zu_speichern |= set(felder)
    # A state change is no content version (models with django-simple-history); the
    # Statuswechsel below records it.
    obj.skip_history_when_saving = True
    try:
        obj.save(update_fields=sorted(zu_speichern))
    finally:
        del obj.skip_history_when_saving
    wechsel = Statuswechsel.objects.create(**_schritt(obj, methode_name, von, user, kommentar))
    for beitrag in NACH_UEBERGANG:
        beitrag(obj, wechsel)
    return wechsel


def uebergaenge(
    objekte: Sequence[M], methode_name: str, *, user, kommentar: str = ""
) -> list[Statuswechsel]:
    """`uebergang` for many locked objects of one model (publishing a paper moves hundreds):
    each is checked and moved as there, then all are saved with one UPDATE per set of changed
    fields and their steps recorded with one INSERT. A refusal raises before anything is saved
    (callers are atomic, so nothing is half done either way)."""
    if not objekte:
        return []
    if len({type(o) for o in objekte}) > 1:
        raise TypeError("uebergaenge() nimmt Objekte nur eines Modells.")
    modell = type(objekte[0])
    schritte, gruppen = [], defaultdict(list)
    for obj in objekte:
        von, zu_speichern = _ausfuehren(obj, methode_name, user, kommentar, {})
        schritte.append(_schritt(obj, methode_name, von, user, kommentar))
        gruppen[tuple(sorted(zu_speichern))].append(obj)
    # Neither update() nor bulk_update() calls pre_save: the stamps save() would set are set
    # here, once for all.
    jetzt = timezone.now()
    for felder, gruppe in gruppen.items():
        attnamen = [modell._meta.get_field(name).attname for name in felder]
        stempel = [n for n in felder if getattr(modell._meta.get_field(n), "auto_now", False)]
        for obj in gruppe:
            for name in stempel:
                setattr(obj, name, jetzt)
        werte = [[getattr(obj, a) for a in attnamen] for obj in gruppe]
        if all(w == werte[0] for w in werte):
            # The usual case (same target state, same stamp): one plain UPDATE; bulk_update's
            # CASE per row and field cost 0.2 s for 200 items.
            modell._default_manager.filter(pk__in=[o.pk for o in gruppe]).update(
                **dict(zip(attnamen, werte[0], strict=True))
            )
        else:
            modell._default_manager.bulk_update(gruppe, list(felder))
    wechsel = Statuswechsel.objects.bulk_create([Statuswechsel(**s) for s in schritte])
    for obj, w in zip(objekte, wechsel, strict=True):
        for beitrag in NACH_UEBERGANG:
            beitrag(obj, w)
    return wechsel


def _ausfuehren(obj: Model, methode_name: str, user, kommentar: str, kwargs) -> tuple[str, set]:
    """Check the step (state, permission, conditions, comment) and run the method in memory.
    Returns the state before and the fields to save: the state field, those the method
    changed and the `auto_now` stamps."""
    methode = getattr(obj, methode_name)
    meta = methode._django_fsm
    feld = meta.field
    von = feld.get_state(obj)
    titel = type(obj).UEBERGAENGE.get(methode_name, methode_name)
    if fehler := text_fehler(kommentar, TEXT, "kommentar"):
        raise WorkflowError(f"Kommentar: {fehler['kommentar']}", felder=fehler)
    transition = meta.get_transition(von)
    if transition is None:
        raise WorkflowError(f"„{titel}“ ist im Zustand „{_anzeige(feld, von)}“ nicht möglich.")
    if not transition.has_perm(obj, user):
        raise WorkflowError(f"Sie dürfen „{titel}“ hier nicht ausführen.")
    fehlend = [
        getattr(c, "meldung", "Eine Voraussetzung fehlt.")
        for c in transition.conditions
        if not c(obj)
    ]
    if fehlend:
        raise WorkflowError(" ".join(fehlend))
    vorher = _werte(obj)
    methode(**kwargs)
    nachher = _werte(obj)
    zu_speichern = {feld.name}
    zu_speichern |= {name for name, wert in nachher.items() if vorher.get(name, wert) != wert}
    zu_speichern |= {
        f.name
        for f in obj._meta.concrete_fields
        if getattr(f, "auto_now", False) and not f.primary_key
    }
    return von, zu_speichern


def _schritt(obj: Model, methode_name: str, von: str, user, kommentar: str) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=True),
        "object_id": obj.pk,
        "uebergang": methode_name,
        "von": von,
        "nach": getattr(obj, methode_name)._django_fsm.field.get_state(obj),
        "user": user,
        "kommentar": kommentar,
    }


def _werte(obj: Model) -> dict[str, Any]:
    """The loaded field values; a deferred one (the search vector) is not fetched for this."""
    zurueckgestellt = obj.get_deferred_fields()
    return {
        f.name: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.attname not in zurueckgestellt
    }


def _anzeige(feld, wert: str) -> str:
    return dict(feld.flatchoices).get(wert, wert)


def verlauf(obj: Model) -> QuerySet[Statuswechsel]:
    return Statuswechsel.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
    ).select_related("user", "content_type")
