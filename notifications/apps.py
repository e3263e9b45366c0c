from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications and their mails; told what to send, never reaches up."""

    name = "notifications"
    verbose_name = "Benachrichtigungen"

    def ready(self) -> None:
        from core.aufgaben import AUFGABEN
        from notifications import rules  # noqa: F401  (registers the rules)
        from notifications.aufgaben import versand_aufgaben

        AUFGABEN.registrieren(versand_aufgaben)
