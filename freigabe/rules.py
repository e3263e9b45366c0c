"""Rules of Abstimmung and Freigabe, for every kind of item alike."""

import rules

from stammdaten.rules import (
    gehoert_zum_bereich,
    hat_bereich,
    ist_aktiv,
    ist_sozialplanung,
    leitet_bereich,
    vertritt_bereich,
)

# Asked with a Bereich: does the user decide for it (its Leitung, or today's Vertretung)?
entscheidet_fuer_bereich = leitet_bereich | vertritt_bereich


@rules.predicate
def darf_freigeben(user, objekt) -> bool:
    """The Leitung (or today's Vertretung) of one of the item's Bereiche."""
    if objekt is None:
        return entscheidet_fuer_bereich(user, None)
    return any(entscheidet_fuer_bereich(user, b) for b in objekt.bereiche())


@rules.predicate
def darf_abstimmen(user, objekt) -> bool:
    """A member (or the Leitung) of one of the item's Bereiche."""
    if objekt is None:
        return hat_bereich(user)
    return ist_aktiv(user) and any(b.pk in user.bereich_rollen for b in objekt.bereiche())


# Sozialplanung steers: send on, new Fassung, withdraw, publish.
rules.add_perm("freigabe.steuern", ist_sozialplanung)
# Asked with an item: may the user answer or decide for one of its Bereiche at all?
rules.add_perm("freigabe.abstimmen", darf_abstimmen)
rules.add_perm("freigabe.entscheiden", darf_freigeben)
# Asked with a Bereich: for which of the item's Bereiche exactly. These are personal acts of
# a member or a Leitung, so they are rules, not permissions: Django grants a superuser every
# permission, but no administrator answers or decides for a Bereich.
rules.add_rule("freigabe.fuer_bereich_abstimmen", gehoert_zum_bereich)
rules.add_rule("freigabe.fuer_bereich_entscheiden", entscheidet_fuer_bereich)


def stimmt_ab_fuer(user, bereich) -> bool:
    return rules.test_rule("freigabe.fuer_bereich_abstimmen", user, bereich)


def entscheidet_fuer(user, bereich) -> bool:
    return rules.test_rule("freigabe.fuer_bereich_entscheiden", user, bereich)
