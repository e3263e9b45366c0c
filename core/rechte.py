"""Asking the rules, one idiom everywhere: `user.has_perm("<app>.<aktion>", obj)`.

Each room declares its rules in its own `rules.py` (django-rules). Asked without an object, a
rule answers whether the user's role may act on objects of that kind at all (403 when not);
asked with an object, whether this object is theirs (404 when not, so another Bereich's objects
stay invisible). These two helpers turn that into the HTTP answer and the service guard."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)


def objekt_fuer(user, regel: str, queryset: QuerySet[M] | type[M], **lookup) -> M:
    """Fetch an object for an action: 403 if the role may not, 404 if it is not theirs."""
    if not user.has_perm(regel):
        raise PermissionDenied
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(regel, obj):
        raise Http404
    return obj


def erzwingen(user, regel: str, obj: Model | None = None) -> None:
    """For services: refuse an action the user may not take (views usually check earlier)."""
    if not user.has_perm(regel, obj):
        raise PermissionDenied
