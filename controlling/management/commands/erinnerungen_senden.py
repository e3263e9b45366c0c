from datetime import date

from django.core.management.base import BaseCommand, CommandError

from controlling import services


class Command(BaseCommand):
    help = (
        "Führt den Erinnerungslauf aus, wie er an diesem Tag läuft (Standard: heute): "
        "Erinnerungen vor der Frist, Eskalation danach, Wochenübersicht. Was schon gesendet "
        "wurde, geht nicht noch einmal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="Tag des Laufs, JJJJ-MM-TT")

    def handle(self, datum=None, **options):
        try:
            tag = date.fromisoformat(datum) if datum else None
        except ValueError as e:
            raise CommandError(f"Ungültiges Datum „{datum}“; erwartet JJJJ-MM-TT.") from e
        self.stdout.write(str(services.erinnerungen_senden(heute=tag)))
