"""Rules of Strategiepapiere: Sozialplanung compiles and publishes; published ones every role
reads."""

import rules

from stammdaten.rules import hat_rolle, ist_sozialplanung


@rules.predicate
def ist_veroeffentlichtes_papier(user, papier) -> bool:
    if papier is None:
        return hat_rolle(user)
    return hat_rolle(user) and papier.veroeffentlicht


rules.add_perm("strategiepapier.ansehen", ist_sozialplanung | ist_veroeffentlichtes_papier)
rules.add_perm("strategiepapier.bearbeiten", ist_sozialplanung)
