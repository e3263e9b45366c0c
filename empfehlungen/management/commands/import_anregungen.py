from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from empfehlungen.models import Veranstaltung
from empfehlungen.services import anregungen_importieren
from stammdaten.models import User


class Command(BaseCommand):
    help = (
        "Importiert Anregungen aus XLSX oder CSV (Spalten: Text, Sozialraum, Handlungsfeld, "
        "Zielgruppe, Quelle). Alles oder nichts: bei einem Fehler wird nichts gespeichert."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei", type=Path)
        parser.add_argument("--veranstaltung", type=int, help="ID der Veranstaltung der Karten")
        parser.add_argument(
            "--benutzer",
            default="sozialplanung",
            help="Wer die Anregungen erfasst (Benutzername mit Rolle Sozialplanung)",
        )
        parser.add_argument(
            "--probelauf", action="store_true", help="Nur prüfen, nichts speichern."
        )

    def handle(
        self,
        *args,
        datei: Path,
        veranstaltung: int | None,
        benutzer: str,
        probelauf: bool,
        **options,
    ):
        user = User.objects.filter(username=benutzer, is_active=True).first()
        if user is None or not user.has_perm("empfehlungen.anregung_bearbeiten"):
            raise CommandError(
                f"„{benutzer}“ ist kein aktiver Benutzer mit der Rolle Sozialplanung."
            )
        v = None
        if veranstaltung is not None:
            v = Veranstaltung.objects.filter(pk=veranstaltung).first()
            if v is None:
                raise CommandError(f"Die Veranstaltung {veranstaltung} gibt es nicht.")
        try:
            daten = datei.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"Die Datei „{datei}“ kann nicht gelesen werden: {exc.strerror}."
            ) from exc
        ergebnis = anregungen_importieren(
            daten=daten, dateiname=datei.name, user=user, speichern=not probelauf, veranstaltung=v
        )
        if ergebnis.fehler:
            for fehler in ergebnis.fehler:
                self.stderr.write(f"{datei.name}: {fehler}")
            raise CommandError(
                f"{len(ergebnis.fehler)} Fehler in „{datei.name}“; es wurde nichts gespeichert."
            )
        verb = "geprüft (Probelauf, nichts gespeichert)" if probelauf else "importiert"
        self.stdout.write(self.style.SUCCESS(f"{ergebnis.neu} Anregungen {verb}."))
