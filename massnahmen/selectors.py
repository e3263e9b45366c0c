"""Reads of Maßnahmensteckbriefe: lists, search, pages."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from core.suche import textsuche
from massnahmen.models import Massnahmensteckbrief
from stammdaten.rules import sichtbar_fuer_beteiligte


def steckbriefe_fuer(user, *, suche: str = "") -> QuerySet[Massnahmensteckbrief]:
    """The list: what the user may read, searched, with what the rows show."""
    qs = sichtbar_fuer_beteiligte(user, Massnahmensteckbrief.objects.all())
    return (
        textsuche(qs, suche)
        .select_related("federfuehrung", "handlungsfeld")
        .prefetch_related("sozialraeume")
    )


def steckbrief_fuer_seite() -> QuerySet[Massnahmensteckbrief]:
    return Massnahmensteckbrief.objects.select_related(
        "federfuehrung", "handlungsfeld", "erstellt_von"
    ).prefetch_related("sozialraeume", "beteiligte")


def steckbriefe_suchen(*, suche="", sozialraum=None, handlungsfeld=None) -> QuerySet:
    """Research: offers of a Sozialraum (and the city-wide ones) by text and Handlungsfeld."""
    qs = Massnahmensteckbrief.objects.select_related("federfuehrung", "handlungsfeld")
    if sozialraum is not None:
        qs = qs.filter(Q(stadtweit=True) | Q(sozialraeume=sozialraum)).distinct()
    if handlungsfeld is not None:
        qs = qs.filter(handlungsfeld=handlungsfeld)
    return textsuche(qs, suche)


def lesbare_steckbrief_ids(user, ids: Iterable[int]) -> set[int]:
    """Which of these Steckbriefe the user may open (drafts only for those involved), in one
    query: pages of other rooms name the others without a link."""
    return set(
        sichtbar_fuer_beteiligte(
            user, Massnahmensteckbrief.objects.filter(pk__in=set(ids))
        ).values_list("pk", flat=True)
    )
