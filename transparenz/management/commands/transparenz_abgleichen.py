from django.core.management.base import BaseCommand

from transparenz.services import alles_abgleichen


class Command(BaseCommand):
    help = "Die öffentliche Kopie aller veröffentlichten Einträge neu abgleichen."

    def handle(self, *args, **options):
        zahlen = alles_abgleichen()
        self.stdout.write(
            f"{zahlen['geschrieben']} öffentliche Einträge geschrieben, "
            f"{zahlen['entfernt']} entfernt."
        )
