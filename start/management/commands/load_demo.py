from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from start import demo


class Command(BaseCommand):
    help = "Lädt die Oberhausener Demo-Daten (Beispieldaten) und Demo-Benutzer*innen (Passwort „demo“)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo legt Benutzer*innen mit dem Passwort „demo“ an und ist deshalb nur in "
                "der Entwicklung (DEBUG=1) erlaubt."
            )
        demo.laden(stdout=self.stdout)
