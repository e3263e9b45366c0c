from django.apps import AppConfig


class StammdatenConfig(AppConfig):
    """Sozialräume, Sozialquartiere, Bereiche, people and roles, Kennzahlen, Sozialindex."""

    name = "stammdaten"
    verbose_name = "Stammdaten"

    def ready(self) -> None:
        from stammdaten import protokoll, rules  # noqa: F401  (rules, audit of rights)
