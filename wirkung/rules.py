"""Rules of Wirkung: Sozialplanung defines goals and assesses; the lead Bereich reports the
actual values of the measure's own indicators; who reads the item reads its goals."""

import rules

from stammdaten.rules import gehoert_zur_federfuehrung, hat_bereich, ist_sozialplanung

rules.add_perm("wirkung.ziele_bearbeiten", ist_sozialplanung)
rules.add_perm("wirkung.istwerte_melden", ist_sozialplanung | gehoert_zur_federfuehrung)
rules.add_perm("wirkung.pruefen", ist_sozialplanung)
# The import page: whoever may report for some item (each row is checked for its item).
rules.add_perm("wirkung.importieren", ist_sozialplanung | hat_bereich)
