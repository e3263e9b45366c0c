"""Writes to Maßnahmensteckbriefe: drafts and their content (through the approval engine's
shared rules), and the Umsetzungsstand the responsible Bereich keeps current."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.rechte import erzwingen
from core.workflow import WorkflowError, gesperrt
from freigabe.models import Freigabestatus
from freigabe.services import felder_setzen, inhalt_speichern, vorgang_inhalt_aendern
from massnahmen.erweiterungen import NACH_ENTFRISTUNG
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import User

# A Steckbrief in these states describes a running offer: its Bereich reports on it.
AKTIV = [Freigabestatus.FREIGEGEBEN, Freigabestatus.VEROEFFENTLICHT]


@transaction.atomic
def steckbrief_anlegen(*, user: User, **felder) -> Massnahmensteckbrief:
    """A new Steckbrief draft."""
    erzwingen(user, "massnahmen.steckbrief_bearbeiten")
    steckbrief = Massnahmensteckbrief(erstellt_von=user)
    m2m = felder_setzen(steckbrief, felder)
    return inhalt_speichern(steckbrief, m2m, user=user)


@transaction.atomic
def steckbrief_aendern(
    *, steckbrief: Massnahmensteckbrief, user: User, stand: int | None = None, **felder
) -> Massnahmensteckbrief:
    """Change a draft's content; `stand` guards against overwriting someone else's change."""
    erzwingen(user, "massnahmen.steckbrief_bearbeiten", steckbrief)
    # As stored, not as the caller's copy has it (a bound form has already set the new value).
    war_befristet = gesperrt(steckbrief).befristet
    steckbrief = vorgang_inhalt_aendern(
        objekt=steckbrief,
        user=user,
        regel="massnahmen.steckbrief_bearbeiten",
        felder=felder,
        stand=stand,
    )
    if war_befristet and not steckbrief.befristet:
        for folge in NACH_ENTFRISTUNG:
            folge(steckbrief=steckbrief, user=user)
    return steckbrief


@transaction.atomic
def steckbrief_umsetzungsstand_melden(
    *,
    steckbrief: Massnahmensteckbrief,
    user: User,
    umsetzungsstand: str,
    aenderungen: dict | None = None,
    kommentar: str = "",
) -> Massnahmensteckbrief:
    """The responsible Bereich reports how far the offer is, and what changed of its
    Laufzeit and Finanzierung (`aenderungen`: only those fields). A running offer's content is
    otherwise locked; this is its Bereich's part, kept as a version with `kommentar`."""
    steckbrief = gesperrt(steckbrief)
    if not user.has_perm("massnahmen.umsetzungsstand_melden", steckbrief):
        raise WorkflowError(
            f"Sie dürfen den Umsetzungsstand von {steckbrief.bezeichnung} nicht melden; das tut "
            f"der verantwortliche Bereich ({steckbrief.verantwortlich}) oder die Sozialplanung."
        )
    if steckbrief.status not in AKTIV:
        raise WorkflowError(
            f"{steckbrief.bezeichnung} ist {steckbrief.get_status_display()}; den "
            "Umsetzungsstand meldet der Bereich für laufende (freigegebene) Angebote."
        )
    erlaubt = {"laufzeit_bis", "befristet", "finanzierung"}
    aenderungen = dict(aenderungen or {})
    if set(aenderungen) - erlaubt:
        raise WorkflowError("Gemeldet werden Umsetzungsstand, Laufzeit und Finanzierung.")
    steckbrief.umsetzungsstand = umsetzungsstand
    for name, wert in aenderungen.items():
        setattr(steckbrief, name, wert)
    try:
        steckbrief.full_clean(exclude=["status"])
    except ValidationError as exc:
        fehler = {k: " ".join(v) for k, v in exc.message_dict.items()}
        raise WorkflowError(" ".join(fehler.values()), felder=fehler) from exc
    steckbrief._history_user = user
    steckbrief._change_reason = kommentar
    steckbrief.save()
    return steckbrief
