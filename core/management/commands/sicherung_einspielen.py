from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.sicherung import SicherungsFehler, einspielen, pruefen


class Command(BaseCommand):
    help = (
        "Eine Sicherung in die eingestellte, leere Datenbank und den leeren Medienordner "
        "einspielen und prüfen (Zeilen je Tabelle, Prüfsummen der eingefrorenen PDFs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("quelle", type=Path)
        parser.add_argument(
            "--nur-pruefen", action="store_true", help="nur die Prüfsummen der Sicherung prüfen"
        )

    def handle(self, *args, quelle: Path, nur_pruefen: bool, **options):
        try:
            if nur_pruefen:
                manifest = pruefen(quelle)
                self.stdout.write(
                    f"Sicherung vom {manifest['erstellt']} ist vollständig und unversehrt."
                )
                return
            bericht = einspielen(quelle)
        except SicherungsFehler as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Eingespielt und geprüft: {bericht.tabellen} Tabellen, {bericht.zeilen} Zeilen wie "
            f"gesichert, {bericht.dateien} Dateien, {bericht.pdf_geprueft} eingefrorene PDFs "
            "mit unveränderter Prüfsumme."
        )
