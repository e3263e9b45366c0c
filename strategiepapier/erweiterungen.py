"""Extension points of the Strategiepapier: what other rooms add to a paper's page."""

from core.erweiterungen import Seitenabschnitte

# On a paper's page, after its contents (e.g. the council papers that adopted it).
PAPIER_ABSCHNITTE = Seitenabschnitte("strategiepapier.papier_abschnitte")
