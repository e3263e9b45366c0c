import rules

from stammdaten.rules import ist_sozialplanung

# Sozialplanung links council papers and sees their fetch problems.
rules.add_perm("ratsinfo.bearbeiten", ist_sozialplanung)
