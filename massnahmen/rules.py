"""Rules of Maßnahmensteckbriefe."""

import rules

from stammdaten.rules import (
    bereich_beteiligt,
    gehoert_zur_federfuehrung,
    ist_sozialplanung,
    ist_veroeffentlicht,
)

# Drafts: Sozialplanung writes them, the Bereiche involved read them, other Bereiche do not
# see them (404). Published Steckbriefe are read by every role.
rules.add_perm(
    "massnahmen.steckbrief_ansehen", ist_sozialplanung | bereich_beteiligt | ist_veroeffentlicht
)
rules.add_perm("massnahmen.steckbrief_bearbeiten", ist_sozialplanung)
# The responsible Bereich keeps the Umsetzungsstand, Laufzeit and Finanzierung current (in its
# Sachstandsmeldung); Sozialplanung may too.
rules.add_perm("massnahmen.umsetzungsstand_melden", ist_sozialplanung | gehoert_zur_federfuehrung)
