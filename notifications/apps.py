from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications and their mails; told what to send, never reaches up."""

    name = "notifications"
    verbose_name = "Benachrichtigungen"

    def ready(self) -> None:
        from notifications import rules  # noqa: F401  (registers the rules)
