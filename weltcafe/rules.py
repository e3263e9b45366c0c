"""Rules of the World-Café: the results of a public Veranstaltung are read by every role;
Sozialplanung enters them."""

import rules

from stammdaten.rules import hat_rolle, ist_sozialplanung

rules.add_perm("weltcafe.ansehen", hat_rolle)
rules.add_perm("weltcafe.bearbeiten", ist_sozialplanung)
