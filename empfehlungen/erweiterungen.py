"""Extension points of the intake room: what other rooms add to the pages of a Veranstaltung
and of an Anregung. Filled in their AppConfig.ready()."""

from core.erweiterungen import Seitenabschnitte

# Below a Veranstaltung's facts (e.g. the World-Café's pages and documentation).
VERANSTALTUNG_ABSCHNITTE = Seitenabschnitte("empfehlungen.veranstaltung_abschnitte")

# Inside "Herkunft" of an Anregung, after its Veranstaltung or source (e.g. the card it was).
ANREGUNG_HERKUNFT = Seitenabschnitte("empfehlungen.anregung_herkunft")

# On an Empfehlung's page, before approval and history (e.g. its council papers).
EMPFEHLUNG_ABSCHNITTE = Seitenabschnitte("empfehlungen.empfehlung_abschnitte")
