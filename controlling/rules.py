"""Rules of the controlling: the figures and reports go to the committees, every role reads
them; Sozialplanung runs the periods. A Meldung is written by its Bereich only and checked by
Sozialplanung only; other Bereiche do not see it (404)."""

import rules

from stammdaten.rules import hat_bereich, hat_rolle, ist_aktiv, ist_sozialplanung


@rules.predicate
def meldet_fuer_bereich(user, meldung) -> bool:
    """A Sachstandsmeldung addressed to one of the user's Bereiche."""
    if meldung is None:
        return hat_bereich(user)
    return ist_aktiv(user) and meldung.bereich_id in user.bereich_rollen


rules.add_perm("controlling.ansehen", hat_rolle)
rules.add_perm("controlling.steuern", ist_sozialplanung)
rules.add_perm("controlling.meldung_ansehen", ist_sozialplanung | meldet_fuer_bereich)
rules.add_perm("controlling.meldung_schreiben", meldet_fuer_bereich)
rules.add_perm("controlling.meldung_pruefen", ist_sozialplanung)
