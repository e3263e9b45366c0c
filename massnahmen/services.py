"""Writes to Maßnahmensteckbriefe."""

from __future__ import annotations

from django.db import transaction

from massnahmen.models import Massnahmensteckbrief
from stammdaten.permissions import erzwingen

M2M_FELDER = ("beteiligte", "sozialraeume")


def _setzen(steckbrief: Massnahmensteckbrief, felder: dict, user) -> None:
    m2m = {k: felder.pop(k) for k in M2M_FELDER if k in felder}
    if felder.get("stadtweit") and "sozialraeume" in m2m:
        m2m["sozialraeume"] = []  # stadtweit: for the whole city
    for name, wert in felder.items():
        setattr(steckbrief, name, wert)
    steckbrief.full_clean(exclude=["status"])
    steckbrief._history_user = user  # the version history names who changed what
    steckbrief.save()
    for name, werte in m2m.items():
        getattr(steckbrief, name).set(werte)


@transaction.atomic
def steckbrief_anlegen(*, user, anregung=None, **felder) -> Massnahmensteckbrief:
    """A new Steckbrief draft; from an Anregung in Recherche it also records that the offer
    exists (the Anregung then counts as decided)."""
    erzwingen(user, "massnahmen.steckbrief_bearbeiten")
    steckbrief = Massnahmensteckbrief(erstellt_von=user)
    _setzen(steckbrief, dict(felder), user)
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
def steckbrief_aendern(
    *, steckbrief: Massnahmensteckbrief, user, stand: int | None = None, **felder
) -> Massnahmensteckbrief:
    """Change a draft's content; `stand` guards against overwriting someone else's change."""
    from empfehlungen import freigabe

    erzwingen(user, "massnahmen.steckbrief_bearbeiten", steckbrief)
    steckbrief = Massnahmensteckbrief.objects.select_for_update().get(pk=steckbrief.pk)
    freigabe.inhalt_pruefen(steckbrief, stand)
    if freigabe.unveraendert(steckbrief, felder):
        return steckbrief
    war_befristet = steckbrief.befristet
    steckbrief.stand += 1
    _setzen(steckbrief, dict(felder), user)
    if war_befristet and not steckbrief.befristet:
        # The offer is now permanent: the cards waiting for a Verlängerung are answered by it.
        from empfehlungen.models import Anregung
        from stammdaten.workflow import uebergang

        for anregung in steckbrief.anregungen.select_for_update().filter(
            status=Anregung.Status.ANGEBOT_VORHANDEN
        ):
            uebergang(
                anregung,
                "verknuepfen",
                user=user,
                kommentar=f"Das Angebot „{steckbrief.titel}“ ist jetzt unbefristet.",
            )
    freigabe.nach_aenderung(steckbrief, user)
    return steckbrief
