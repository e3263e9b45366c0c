from django.core.management.base import BaseCommand, CommandError

from controlling import services
from core.workflow import WorkflowError


class Command(BaseCommand):
    help = (
        "Eröffnet die Berichtsperiode JAHR QUARTAL und fordert die Sachstandsmeldungen an "
        "(wie der automatische Lauf; ein zweiter Aufruf legt nichts doppelt an)."
    )

    def add_arguments(self, parser):
        parser.add_argument("jahr", type=int)
        parser.add_argument("quartal", type=int, choices=[1, 2, 3, 4])

    def handle(self, jahr, quartal, **options):
        try:
            periode, neu = services.berichtsperiode_eroeffnen(jahr=jahr, quartal=quartal)
        except WorkflowError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"{periode}: {neu} Sachstandsmeldungen neu angefordert, "
            f"{periode.meldungen.count()} insgesamt; Frist {periode.frist:%d.%m.%Y}."
        )
