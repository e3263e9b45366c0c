from django.apps import AppConfig


class FreigabeConfig(AppConfig):
    """The approval engine both item kinds share: transition table, Abstimmung, Freigabe,
    Vertretung decisions, versions and diff, stale-edit guard, and their pages."""

    name = "freigabe"
    verbose_name = "Abstimmung und Freigabe"

    def ready(self) -> None:
        from core.aufgaben import AUFGABEN
        from freigabe import rules  # noqa: F401  (registers the rules)
        from freigabe.aufgaben import freigabe_aufgaben

        AUFGABEN.registrieren(freigabe_aufgaben)
