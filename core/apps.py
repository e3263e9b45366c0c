from django.apps import AppConfig


class CoreConfig(AppConfig):
    """No domain knowledge: workflow runner and its history, row locks, charts, the PDF house
    style, spreadsheet import and safe export cells, extension points, shared widgets."""

    name = "core"
    verbose_name = "Grundfunktionen"

    def ready(self) -> None:
        from core import protokoll  # noqa: F401  (sign-ins into the audit log)
