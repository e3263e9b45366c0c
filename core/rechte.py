"""Asking the rules, one idiom everywhere: `user.has_perm("<app>.<aktion>", obj)`.

Each room declares its rules in its own `rules.py` (django-rules). Asked without an object, a
rule answers whether the user's role may act on objects of that kind at all (403 when not);
asked with an object, whether this object is theirs (404 when not, so another Bereich's objects
stay invisible). These two helpers turn that into the HTTP answer and the service guard."""

from __future__ import annotations

from functools import cache
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


class NurEchteModellrechte:
    """Authentication backend between the rules and ModelBackend. A name the rules denied
    that is no model permission (add/change/delete/view or a Meta permission) cannot be
    granted by ModelBackend either; answering here saves the two permission queries that
    ModelBackend runs on every page whose menu asks a rule the role does not have."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if perm not in _modellrechte():
            # Documented by Django: PermissionDenied from a backend ends the question.
            raise PermissionDenied
        return False


@cache
def _modellrechte() -> frozenset[str]:
    from django.apps import apps

    namen = set()
    for modell in apps.get_models():
        meta = modell._meta
        namen.update(f"{meta.app_label}.{a}_{meta.model_name}" for a in meta.default_permissions)
        namen.update(f"{meta.app_label}.{codename}" for codename, _ in meta.permissions)
    return frozenset(namen)
