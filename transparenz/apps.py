from django.apps import AppConfig


class TransparenzConfig(AppConfig):
    """The public face: what became of every published recommendation and measure, the
    Strategiepapiere as accessible HTML and PDF, open data and a DCAT-AP.de catalogue."""

    name = "transparenz"
    verbose_name = "Transparenz"

    def ready(self) -> None:
        from core.workflow import NACH_UEBERGANG
        from transparenz import services

        NACH_UEBERGANG.registrieren(services.beim_uebergang)
