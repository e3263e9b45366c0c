"""Rules of Veranstaltungen, Anregungen and Handlungsempfehlungen."""

import rules

from stammdaten.rules import (
    bereich_beteiligt,
    gehoert_zur_federfuehrung,
    hat_rolle,
    ist_sozialplanung,
    ist_veroeffentlicht,
)

# Veranstaltungen are public events; every role may see them, Sozialplanung records them.
rules.add_perm("empfehlungen.veranstaltung_ansehen", hat_rolle)
rules.add_perm("empfehlungen.veranstaltung_bearbeiten", ist_sozialplanung)
# Anregungen are Sozialplanung's working material: entry, import, triage, research, checks.
rules.add_perm("empfehlungen.anregung_ansehen", ist_sozialplanung)
rules.add_perm("empfehlungen.anregung_bearbeiten", ist_sozialplanung)
# Drafts: Sozialplanung writes them, the Bereiche involved read them, other Bereiche do not
# see them (404). Published Empfehlungen are read by every role.
rules.add_perm(
    "empfehlungen.empfehlung_ansehen", ist_sozialplanung | bereich_beteiligt | ist_veroeffentlicht
)
rules.add_perm("empfehlungen.empfehlung_bearbeiten", ist_sozialplanung)
# After publication: Umsetzung beginnt, umgesetzt, nicht umsetzbar.
rules.add_perm("empfehlungen.umsetzung_melden", ist_sozialplanung | gehoert_zur_federfuehrung)
