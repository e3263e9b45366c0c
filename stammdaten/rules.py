"""Who is the user? The role predicates every room's rules are built from, and the rules of
master data (django-rules).

Each room names its actions in its own `rules.py` as `<app>.<aktion>`; views, templates,
transitions and services ask them with `user.has_perm(...)` (see `core.rechte`), so the URL ×
role matrix test sees every decision. Predicates take the object the rule is asked about; None
means "objects of this kind at all".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from stammdaten.models import Bereich


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


@rules.predicate
def vertritt_bereich(user, bereich: Bereich | None) -> bool:
    """Today's Vertretung of the Bereich's Leitung."""
    if not ist_aktiv(user):
        return False
    if bereich is None:
        return bool(user.vertretungen_heute)
    return bereich.pk in user.vertretungen_heute


hat_rolle = ist_sozialplanung | ist_lesend | hat_bereich | ist_admin


# Items (Steckbriefe, Empfehlungen) name a lead Bereich (`federfuehrung`) and involved ones
# (`beteiligte`); these predicates read both.
@rules.predicate
def bereich_beteiligt(user, obj) -> bool:
    """An item whose lead or involved Bereiche include one of the user's."""
    if obj is None:
        return hat_bereich(user)
    if not ist_aktiv(user) or not user.bereich_rollen:
        return False
    if obj.federfuehrung_id in user.bereich_rollen:
        return True
    return any(b.pk in user.bereich_rollen for b in obj.beteiligte.all())


@rules.predicate
def gehoert_zur_federfuehrung(user, obj) -> bool:
    if obj is None:
        return hat_bereich(user)
    return ist_aktiv(user) and obj.federfuehrung_id in user.bereich_rollen


# States after publication: readable by every role.
VEROEFFENTLICHT = ("veroeffentlicht", "in_umsetzung", "umgesetzt", "nicht_umsetzbar")


@rules.predicate
def ist_veroeffentlicht(user, obj) -> bool:
    if obj is None:
        return hat_rolle(user)  # every role may read the published items
    return hat_rolle(user) and obj.status in VEROEFFENTLICHT


def sichtbar_fuer_beteiligte(user, qs: QuerySet) -> QuerySet:
    """`ist_sozialplanung | bereich_beteiligt | ist_veroeffentlicht` as a query, for lists of
    items (tests check both agree)."""
    if ist_sozialplanung(user) or ist_admin(user):
        return qs
    bereiche = list(user.bereich_rollen) if ist_aktiv(user) else []
    return qs.filter(
        Q(federfuehrung__in=bereiche) | Q(beteiligte__in=bereiche) | Q(status__in=VEROEFFENTLICHT)
    ).distinct()


# --- Rules of master data -----------------------------------------------------------------------
# Master data and statistics are the common ground every role works with.
rules.add_perm("stammdaten.ansehen", hat_rolle)
# Who belongs to a Bereich (names, addresses) is visible to that Bereich and Sozialplanung.
rules.add_perm("stammdaten.mitglieder_ansehen", ist_sozialplanung | gehoert_zum_bereich)
# Statistics upkeep (Kennzahlwerte import) is Sozialplanung's job.
rules.add_perm("stammdaten.kennzahlwerte_importieren", ist_sozialplanung | ist_admin)
# A Bereichsleitung names her deputy; only for her own Bereich.
rules.add_perm("stammdaten.vertretung_benennen", leitet_bereich)
