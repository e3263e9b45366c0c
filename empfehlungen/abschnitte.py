"""What the intake room adds to other rooms' pages (registered in apps.py)."""

from __future__ import annotations

from stammdaten.rules import sichtbar_fuer_beteiligte


def zum_angebot(request, steckbrief) -> dict | None:
    """On a Steckbrief's page: the Empfehlungen about the offer (those the user may read) and,
    for Sozialplanung, the Anregungen that found it."""
    user = request.user
    anregungen = None
    if user.has_perm("empfehlungen.anregung_ansehen"):
        anregungen = list(steckbrief.anregungen.select_related("sozialraum"))
    empfehlungen = list(sichtbar_fuer_beteiligte(user, steckbrief.empfehlungen.all()))
    if anregungen is None and not empfehlungen:
        return None
    return {"empfehlungen": empfehlungen, "anregungen": anregungen}
