from django.apps import AppConfig


class MassnahmenConfig(AppConfig):
    """Everything about a Maßnahmensteckbrief: the offer, its pages, search and Umsetzungsstand."""

    name = "massnahmen"
    verbose_name = "Maßnahmen"

    def ready(self) -> None:
        from massnahmen import rules  # noqa: F401  (registers the rules)
