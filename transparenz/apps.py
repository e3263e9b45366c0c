from django.apps import AppConfig


class TransparenzConfig(AppConfig):
    """The public face: what became of every published recommendation and measure, the
    Strategiepapiere as accessible HTML and PDF, open data and a DCAT-AP.de catalogue."""

    name = "transparenz"
    verbose_name = "Transparenz"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from core.workflow import NACH_UEBERGANG
        from ratsinfo.models import Ratsvorlage
        from strategiepapier.models import Strategiepapier
        from transparenz import selectors, services
        from transparenz.models import OeffentlicherEintrag

        NACH_UEBERGANG.registrieren(services.beim_uebergang)
        # What the public pages show changed: their ETag (and cached pages) with it.
        for modell in (OeffentlicherEintrag, Strategiepapier, Ratsvorlage):
            for signal in (post_save, post_delete):
                signal.connect(selectors.stand_vergessen, sender=modell, weak=False)
