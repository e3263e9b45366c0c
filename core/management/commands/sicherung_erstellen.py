from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.sicherung import SicherungsFehler, erstellen


class Command(BaseCommand):
    help = "Sicherung: Datenbank (pg_dump) und Mediendateien mit Prüfsummen in einen leeren Ordner."

    def add_arguments(self, parser):
        parser.add_argument("ziel", type=Path, help="leerer oder neuer Ordner")

    def handle(self, *args, ziel: Path, **options):
        try:
            manifest = erstellen(ziel)
        except SicherungsFehler as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Sicherung in {ziel}: {len(manifest['zeilen'])} Tabellen, "
            f"{sum(manifest['zeilen'].values())} Zeilen, {len(manifest['dateien'])} Dateien."
        )
