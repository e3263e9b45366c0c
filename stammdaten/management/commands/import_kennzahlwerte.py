from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stammdaten.services import kennzahlwerte_importieren


class Command(BaseCommand):
    help = (
        "Importiert Kennzahlwerte aus einer XLSX- oder CSV-Datei (Spalten: Kennzahl, Ebene, "
        "Gebiet, Jahr, Wert). Alles oder nichts: bei einem Fehler wird nichts gespeichert."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei", type=Path, help="Pfad zur XLSX- oder CSV-Datei")
        parser.add_argument(
            "--probelauf", action="store_true", help="Nur prüfen, nichts speichern."
        )

    def handle(self, *args, datei: Path, probelauf: bool, **options):
        try:
            daten = datei.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"Die Datei „{datei}“ kann nicht gelesen werden: {exc.strerror}."
            ) from exc
        ergebnis = kennzahlwerte_importieren(
            daten=daten, dateiname=datei.name, speichern=not probelauf
        )
        if ergebnis.fehler:
            for fehler in ergebnis.fehler:
                self.stderr.write(f"{datei.name}: {fehler}")
            raise CommandError(
                f"{len(ergebnis.fehler)} Fehler in „{datei.name}“; es wurde nichts gespeichert."
            )
        verb = "geprüft (Probelauf, nichts gespeichert)" if probelauf else "importiert"
        self.stdout.write(
            self.style.SUCCESS(
                f"{ergebnis.zeilen} Zeilen {verb}: {ergebnis.neu} neu, {ergebnis.geaendert} geändert, "
                f"{ergebnis.unveraendert} unverändert."
            )
        )
