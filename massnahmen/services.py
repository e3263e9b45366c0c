"""Writes to Maßnahmensteckbriefe."""

from __future__ import annotations

from django.db import transaction

from massnahmen.models import Massnahmensteckbrief
from stammdaten.permissions import erzwingen

M2M_FELDER = ("beteiligte", "sozialraeume")


def _setzen(steckbrief: Massnahmensteckbrief, felder: dict) -> None:
    m2m = {k: felder.pop(k) for k in M2M_FELDER if k in felder}
    for name, wert in felder.items():
        setattr(steckbrief, name, wert)
    steckbrief.full_clean(exclude=["status"])
    steckbrief.save()
    for name, werte in m2m.items():
        getattr(steckbrief, name).set(werte)


@transaction.atomic
def steckbrief_anlegen(*, user, anregung=None, **felder) -> Massnahmensteckbrief:
    """A new Steckbrief draft; from an Anregung in Recherche it also records that the offer
    exists (the Anregung then counts as decided)."""
    erzwingen(user, "massnahmen.steckbrief_bearbeiten")
    steckbrief = Massnahmensteckbrief(erstellt_von=user)
    _setzen(steckbrief, dict(felder))
    if anregung is not None:
        from empfehlungen.services import anregung_angebot_vorhanden

        anregung_angebot_vorhanden(
            anregung=anregung,
            user=user,
            steckbrief=steckbrief,
            kommentar="Steckbrief aus der Anregung angelegt.",
        )
    return steckbrief


@transaction.atomic
def steckbrief_aendern(*, steckbrief: Massnahmensteckbrief, user, **felder) -> Massnahmensteckbrief:
    erzwingen(user, "massnahmen.steckbrief_bearbeiten", steckbrief)
    steckbrief = Massnahmensteckbrief.objects.select_for_update().get(pk=steckbrief.pk)
    _setzen(steckbrief, dict(felder))
    return steckbrief
