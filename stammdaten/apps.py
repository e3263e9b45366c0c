from django.apps import AppConfig


class StammdatenConfig(AppConfig):
    name = "stammdaten"
    verbose_name = "Stammdaten"

    def ready(self) -> None:
        from stammdaten import permissions  # noqa: F401  (registers the rules)
