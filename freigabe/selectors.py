"""Reads of the approval engine: the answers and decisions an item page shows."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from freigabe.models import Freigabe, Freigabeobjekt
from freigabe.models import Freigabestatus as F
from freigabe.rules import entscheidet_fuer
from stammdaten.models import Bereich, Mitgliedschaft, User


def entscheidungen_der_fassung(objekt: Freigabeobjekt) -> dict[int, Freigabe]:
    return {
        f.bereich_id: f
        for f in objekt.freigaben.filter(fassung=objekt.fassung).select_related(
            "bereich", "user", "in_vertretung_fuer"
        )
    }


def letzte_ablehnung(objekt: Freigabeobjekt) -> Freigabe | None:
    """Why an item is back in Entwurf: the rejection of the Fassung before."""
    if objekt.status != F.ENTWURF or objekt.fassung < 2:
        return None
    return (
        objekt.freigaben.filter(
            fassung=objekt.fassung - 1, entscheidung=Freigabe.Entscheidung.ABGELEHNT
        )
        .select_related("bereich", "user", "in_vertretung_fuer")
        .first()
    )


def vertretene_leitung(user: User, bereich: Bereich) -> User | None:
    """None when the user is the Leitung herself; the Leitung she stands in for otherwise.
    Raises PermissionDenied when the user may not decide for the Bereich."""
    if not entscheidet_fuer(user, bereich):
        raise PermissionDenied
    if user.bereich_rollen.get(bereich.pk) == Mitgliedschaft.Rolle.LEITUNG:
        return None
    vertretene = user.vertretungen_heute.get(bereich.pk)
    if vertretene is None:
        raise PermissionDenied
    return vertretene


def offene_bereiche(user: User, objekt: Freigabeobjekt) -> list[Bereich]:
    """The item's Bereiche this user may decide for and that have not decided yet."""
    entschieden = set(
        objekt.freigaben.filter(fassung=objekt.fassung).values_list("bereich_id", flat=True)
    )
    return [b for b in objekt.bereiche() if b.pk not in entschieden and entscheidet_fuer(user, b)]
