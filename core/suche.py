"""Full-text search over a model's SUCHFELDER, the same call on PostgreSQL and SQLite."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q, QuerySet


def ist_postgres() -> bool:
    return connection.vendor == "postgresql"


def textsuche(qs: QuerySet, suchtext: str, *, praefix: bool = False) -> QuerySet:
    """German full-text search on PostgreSQL (stemming: "Jugendlichen" finds "Jugendliche")
    over the model's SUCHFELDER; elsewhere every word as a substring of one of the fields.

    `praefix`: every word also as the start of a longer one, so "Jugend" finds
    "Jugendarbeit" (German compounds; what people expect from a public search box)."""
    suchtext = (suchtext or "").strip()
    if not suchtext:
        return qs
    if ist_postgres():
        # The stored, trigger-maintained vector of exactly these fields (GIN-indexed).
        if praefix:
            woerter = re.findall(r"\w+", suchtext)[:10]
            if not woerter:
                return qs.none()
            anfrage = " & ".join(f"{w}:*" for w in woerter)  # only word characters: safe
            return qs.filter(suchvektor=SearchQuery(anfrage, config="german", search_type="raw"))
        return qs.filter(suchvektor=SearchQuery(suchtext, config="german", search_type="websearch"))
    for wort in suchtext.split():
        bedingung = Q()
        for feld in qs.model.SUCHFELDER:
            bedingung |= Q(**{f"{feld}__icontains": wort})
        qs = qs.filter(bedingung)
    return qs
