"""The one place that answers "may user U do action A (on object O)?".

Views (`permission_required`, `get_object_for`), templates (`perms.<app>.<action>`) and, later,
state transitions ask these rules; nothing checks roles by hand elsewhere, so the URL matrix
test sees every decision.

Convention for object rules: asked without an object, a rule answers whether the user's role
may act on objects of that kind at all (403 when not); asked with an object, whether this
object is theirs (404 when not, so another Bereich's objects stay invisible).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from stammdaten.models import Bereich

M = TypeVar("M", bound=Model)


# --- Predicates: who is the user? ---------------------------------------------------------------
@rules.predicate
def ist_aktiv(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def ist_sozialplanung(user) -> bool:
    return ist_aktiv(user) and user.ist_sozialplanung


@rules.predicate
def ist_lesend(user) -> bool:
    return ist_aktiv(user) and user.ist_lesend


@rules.predicate
def hat_bereich(user) -> bool:
    return ist_aktiv(user) and bool(user.bereich_rollen)


@rules.predicate
def ist_admin(user) -> bool:
    return ist_aktiv(user) and user.is_superuser


@rules.predicate
def gehoert_zum_bereich(user, bereich: Bereich | None) -> bool:
    if bereich is None:
        return hat_bereich(user)
    return ist_aktiv(user) and bereich.pk in user.bereich_rollen


@rules.predicate
def leitet_bereich(user, bereich: Bereich | None) -> bool:
    from stammdaten.models import Mitgliedschaft

    if not ist_aktiv(user):
        return False
    if bereich is None:
        return Mitgliedschaft.Rolle.LEITUNG in user.bereich_rollen.values()
    return user.bereich_rollen.get(bereich.pk) == Mitgliedschaft.Rolle.LEITUNG


hat_rolle = ist_sozialplanung | ist_lesend | hat_bereich | ist_admin


@rules.predicate
def bereich_beteiligt(user, obj) -> bool:
    """A Steckbrief or Empfehlung whose lead or involved Bereiche include one of the user's."""
    if obj is None:
        return hat_bereich(user)
    if not ist_aktiv(user) or not user.bereich_rollen:
        return False
    if obj.federfuehrung_id in user.bereich_rollen:
        return True
    return any(b.pk in user.bereich_rollen for b in obj.beteiligte.all())


# --- Rules: named actions -----------------------------------------------------------------------
# Master data and statistics are the common ground every role works with.
rules.add_perm("stammdaten.ansehen", hat_rolle)
# Who belongs to a Bereich (names, addresses) is visible to that Bereich and Sozialplanung.
rules.add_perm("stammdaten.mitglieder_ansehen", ist_sozialplanung | gehoert_zum_bereich)
# Statistics upkeep (Kennzahlwerte import) is Sozialplanung's job.
rules.add_perm("stammdaten.kennzahlwerte_importieren", ist_sozialplanung | ist_admin)

# Veranstaltungen are public events; every role may see them, Sozialplanung records them.
rules.add_perm("empfehlungen.veranstaltung_ansehen", hat_rolle)
rules.add_perm("empfehlungen.veranstaltung_bearbeiten", ist_sozialplanung)
# Anregungen are Sozialplanung's working material: entry, import, triage, research, checks.
rules.add_perm("empfehlungen.anregung_ansehen", ist_sozialplanung)
rules.add_perm("empfehlungen.anregung_bearbeiten", ist_sozialplanung)
# Drafts of Empfehlungen and Steckbriefe: Sozialplanung writes them; the Bereiche involved
# read them; other Bereiche do not see them (404).
rules.add_perm("empfehlungen.empfehlung_ansehen", ist_sozialplanung | bereich_beteiligt)
rules.add_perm("empfehlungen.empfehlung_bearbeiten", ist_sozialplanung)
rules.add_perm("massnahmen.steckbrief_ansehen", ist_sozialplanung | bereich_beteiligt)
rules.add_perm("massnahmen.steckbrief_bearbeiten", ist_sozialplanung)


def sichtbar_fuer_beteiligte(user, qs: QuerySet[M]) -> QuerySet[M]:
    """The rule `ist_sozialplanung | bereich_beteiligt` as a query, for lists of Steckbriefe and
    Empfehlungen (tests check both agree)."""
    if ist_sozialplanung(user) or ist_admin(user):
        return qs
    bereiche = list(user.bereich_rollen) if ist_aktiv(user) else []
    return qs.filter(Q(federfuehrung__in=bereiche) | Q(beteiligte__in=bereiche)).distinct()


def darf(user, action: str, obj: Model | None = None) -> bool:
    return user.has_perm(action, obj)


def get_object_for(user, action: str, queryset: QuerySet[M] | type[M], **lookup) -> M:
    """Fetch an object for an action: 403 if the role may not, 404 if it is not theirs."""
    if not user.has_perm(action):
        raise PermissionDenied
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(action, obj):
        raise Http404
    return obj


def erzwingen(user, action: str, obj: Model | None = None) -> None:
    """For services: refuse an action the user's role may not take (views check earlier)."""
    if not user.has_perm(action, obj):
        raise PermissionDenied
