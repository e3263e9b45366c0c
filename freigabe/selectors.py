"""Reads of the approval engine: the answers and decisions an item page shows."""

from __future__ import annotations

from freigabe.models import Freigabe, Freigabeobjekt
from freigabe.models import Freigabestatus as F


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
