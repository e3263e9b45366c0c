from django.apps import AppConfig


class ControllingConfig(AppConfig):
    """Berichtsperioden, Sachstandsmeldungen, reminders and escalation, the quarterly report,
    the dashboard."""

    name = "controlling"
    verbose_name = "Controlling"

    def ready(self) -> None:
        from controlling import rules  # noqa: F401  (registers the rules)
        from controlling.aufgaben import sachstand_aufgaben
        from core.aufgaben import AUFGABEN

        AUFGABEN.registrieren(sachstand_aufgaben)
