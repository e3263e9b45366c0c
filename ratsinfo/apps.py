from django.apps import AppConfig


class RatsinfoConfig(AppConfig):
    """Council papers (Drucksachen) via OParl 1.1, linked to Empfehlungen and Strategiepapiere."""

    name = "ratsinfo"
    verbose_name = "Ratsinformationssystem"

    def ready(self) -> None:
        from core.aufgaben import AUFGABEN
        from core.erweiterungen import Abschnitt
        from empfehlungen.erweiterungen import EMPFEHLUNG_ABSCHNITTE
        from ratsinfo import abschnitte, rules  # noqa: F401  (rules: registers them)
        from ratsinfo.aufgaben import abrufprobleme
        from strategiepapier.erweiterungen import PAPIER_ABSCHNITTE

        EMPFEHLUNG_ABSCHNITTE.registrieren(
            Abschnitt("ratsinfo/partials/ratsvorlagen.html", abschnitte.ratsvorlagen, 50)
        )
        PAPIER_ABSCHNITTE.registrieren(
            Abschnitt("ratsinfo/partials/ratsvorlagen.html", abschnitte.ratsvorlagen, 50)
        )
        AUFGABEN.registrieren(abrufprobleme)
