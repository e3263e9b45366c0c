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


# States after publication: readable by every role.
VEROEFFENTLICHT = ("veroeffentlicht", "in_umsetzung", "umgesetzt", "nicht_umsetzbar")


@rules.predicate
def ist_veroeffentlicht(user, obj) -> bool:
    if obj is None:
        return hat_rolle(user)  # every role may read the published items
    return hat_rolle(user) and obj.status in VEROEFFENTLICHT


def _leitet_oder_vertritt(user, bereich_id: int) -> bool:
    from stammdaten.models import Mitgliedschaft

    return (
        user.bereich_rollen.get(bereich_id) == Mitgliedschaft.Rolle.LEITUNG
        or bereich_id in user.vertretungen_heute
    )


@rules.predicate
def darf_freigeben(user, obj) -> bool:
    """The Leitung (or today's Vertretung) of one of the item's Bereiche."""
    if not ist_aktiv(user):
        return False
    if obj is None:
        return leitet_bereich(user, None) or bool(user.vertretungen_heute)
    return any(_leitet_oder_vertritt(user, b.pk) for b in obj.bereiche())


@rules.predicate
def darf_abstimmen(user, obj) -> bool:
    """A member (or the Leitung) of one of the item's Bereiche."""
    if obj is None:
        return hat_bereich(user)
    return ist_aktiv(user) and any(b.pk in user.bereich_rollen for b in obj.bereiche())


@rules.predicate
def gehoert_zur_federfuehrung(user, obj) -> bool:
    if obj is None:
        return hat_bereich(user)
    return ist_aktiv(user) and obj.federfuehrung_id in user.bereich_rollen


@rules.predicate
def ist_veroeffentlichtes_papier(user, papier) -> bool:
    if papier is None:
        return hat_rolle(user)
    return hat_rolle(user) and papier.veroeffentlicht


@rules.predicate
def meldet_fuer_bereich(user, meldung) -> bool:
    """A Sachstandsmeldung addressed to one of the user's Bereiche."""
    if meldung is None:
        return hat_bereich(user)
    return ist_aktiv(user) and meldung.bereich_id in user.bereich_rollen


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
# Published items are read by every role.
rules.add_perm(
    "empfehlungen.empfehlung_ansehen", ist_sozialplanung | bereich_beteiligt | ist_veroeffentlicht
)
rules.add_perm("empfehlungen.empfehlung_bearbeiten", ist_sozialplanung)
rules.add_perm(
    "massnahmen.steckbrief_ansehen", ist_sozialplanung | bereich_beteiligt | ist_veroeffentlicht
)
rules.add_perm("massnahmen.steckbrief_bearbeiten", ist_sozialplanung)

# Abstimmung and Freigabe (Steckbriefe and Empfehlungen alike).
rules.add_perm("freigabe.steuern", ist_sozialplanung)  # send on, new Fassung, withdraw, publish
rules.add_perm("freigabe.abstimmen", darf_abstimmen)  # answer for one's Bereich
rules.add_perm("freigabe.entscheiden", darf_freigeben)  # approve or reject for one's Bereich
rules.add_perm("empfehlung.umsetzung_melden", ist_sozialplanung | gehoert_zur_federfuehrung)
# A Bereichsleitung names her deputy; only for her own Bereich.
rules.add_perm("stammdaten.vertretung_benennen", leitet_bereich)

# Strategiepapiere: Sozialplanung compiles and publishes; published ones every role reads.
rules.add_perm(
    "empfehlungen.strategiepapier_ansehen", ist_sozialplanung | ist_veroeffentlichtes_papier
)
rules.add_perm("empfehlungen.strategiepapier_bearbeiten", ist_sozialplanung)

# World-Café: the results of a public Veranstaltung are read by every role; Sozialplanung enters.
rules.add_perm("empfehlungen.weltcafe_ansehen", hat_rolle)
rules.add_perm("empfehlungen.weltcafe_bearbeiten", ist_sozialplanung)

# Controlling: the figures and reports go to the committees, every role reads them;
# Sozialplanung runs the periods. A Meldung is written by its Bereich only, checked by
# Sozialplanung only; other Bereiche do not see it (404).
rules.add_perm("controlling.ansehen", hat_rolle)
rules.add_perm("controlling.steuern", ist_sozialplanung)
rules.add_perm("controlling.meldung_ansehen", ist_sozialplanung | meldet_fuer_bereich)
rules.add_perm("controlling.meldung_schreiben", meldet_fuer_bereich)
rules.add_perm("controlling.meldung_pruefen", ist_sozialplanung)

# Notifications are personal; the views only ever fetch the user's own.
rules.add_perm("notifications.ansehen", ist_aktiv)


def sichtbar_fuer_beteiligte(user, qs: QuerySet[M]) -> QuerySet[M]:
    """The rule `ist_sozialplanung | bereich_beteiligt | ist_veroeffentlicht` as a query, for
    lists of Steckbriefe and Empfehlungen (tests check both agree)."""
    if ist_sozialplanung(user) or ist_admin(user):
        return qs
    bereiche = list(user.bereich_rollen) if ist_aktiv(user) else []
    return qs.filter(
        Q(federfuehrung__in=bereiche) | Q(beteiligte__in=bereiche) | Q(status__in=VEROEFFENTLICHT)
    ).distinct()


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
