from django.apps import AppConfig


class StrategiepapierConfig(AppConfig):
    """Per Sozialraum and Ausgabe: selection, preview, publication, the frozen PDF."""

    name = "strategiepapier"
    verbose_name = "Strategiepapiere"

    def ready(self) -> None:
        from core import dokumente as core_dokumente
        from core.aufgaben import AUFGABEN
        from strategiepapier import (
            dokumente,
            rules,  # noqa: F401  (registers the rules)
        )
        from strategiepapier.aufgaben import veroeffentlichung_aufgaben

        AUFGABEN.registrieren(veroeffentlichung_aufgaben)
        core_dokumente.registrieren(dokumente.VORSCHAU)
        core_dokumente.registrieren(dokumente.VEROEFFENTLICHUNG)
        from core.sicherung import EINGEFRORENE_DATEIEN
        from strategiepapier.selectors import eingefrorene_pdfs

        EINGEFRORENE_DATEIEN.registrieren(eingefrorene_pdfs)
