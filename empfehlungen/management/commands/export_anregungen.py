from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from empfehlungen.models import Anregung
from empfehlungen.selectors import anregungen_exportieren


class Command(BaseCommand):
    help = "Exportiert Anregungen als XLSX oder CSV (Formeln unschädlich gemacht)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", type=Path, required=True, help="Zieldatei")
        parser.add_argument("--status", choices=Anregung.Status.values, help="nur dieser Status")
        parser.add_argument("--veranstaltung", type=int, help="nur diese Veranstaltung (ID)")

    def handle(
        self,
        *args,
        format: str,
        output: Path,
        status: str | None,
        veranstaltung: int | None,
        **options,
    ):
        qs = Anregung.objects.all()
        if status:
            qs = qs.filter(status=status)
        if veranstaltung:
            qs = qs.filter(veranstaltung_id=veranstaltung)
        try:
            output.write_bytes(anregungen_exportieren(qs, format))
        except OSError as exc:
            raise CommandError(
                f"„{output}“ kann nicht geschrieben werden: {exc.strerror}."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(f"{qs.count()} Anregungen nach „{output}“ exportiert.")
        )
