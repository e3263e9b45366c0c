"""Kennzahlwerte import: time and peak memory for preview and save, and how fast hostile
files are refused. Usage: python bench/import_kennzahlwerte.py [ZEILEN]"""

import os
import resource
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VAR_DIR", str(BASE / "var" / "bench"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from stammdaten.models import Kennzahl, Kennzahlwert, Sozialquartier  # noqa: E402
from stammdaten.services import kennzahlwerte_importieren  # noqa: E402
from start import demo  # noqa: E402
from tests import dateien  # noqa: E402


def messen(titel, funktion):
    """Wall time of one run, and the process's peak resident memory so far."""
    start = time.perf_counter()
    ergebnis = funktion()
    dauer = time.perf_counter() - start
    spitze = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{titel:<40} {dauer:7.2f} s   Prozess-Spitze {spitze:6.0f} MB")
    return ergebnis


def main(zeilen_soll: int) -> None:
    call_command("migrate", verbosity=0)
    demo.laden()
    kennzahlen = list(Kennzahl.objects.values_list("name", flat=True))
    quartiere = list(Sozialquartier.objects.values_list("name", flat=True))
    zeilen = [["Kennzahl", "Ebene", "Gebiet", "Jahr", "Wert"]]
    jahr = 2040
    while len(zeilen) <= zeilen_soll:
        for k in kennzahlen:
            for q in quartiere:
                zeilen.append([k, "Sozialquartier", q, jahr, "12,5"])
        jahr += 1
    zeilen = zeilen[: zeilen_soll + 1]
    Kennzahlwert.objects.filter(jahr__gte=2040).delete()
    print(f"Datenbank: {django.db.connection.vendor}, {zeilen_soll} Zeilen")

    for name, daten in [("CSV", dateien.csv_bytes(zeilen)), ("XLSX", dateien.xlsx_bytes(zeilen))]:
        print(f"{name}: {len(daten) / 1024:.0f} KB")
        messen(
            f"  Vorschau ({name})",
            lambda d=daten, n=name: kennzahlwerte_importieren(
                daten=d, dateiname=f"b.{n.lower()}", speichern=False
            ),
        )
        e = messen(
            f"  Import, neu ({name})",
            lambda d=daten, n=name: kennzahlwerte_importieren(
                daten=d, dateiname=f"b.{n.lower()}", speichern=True
            ),
        )
        assert e.ok, e.fehler[:3]
        e = messen(
            f"  Import, unverändert ({name})",
            lambda d=daten, n=name: kennzahlwerte_importieren(
                daten=d, dateiname=f"b.{n.lower()}", speichern=True
            ),
        )
        print(f"  -> {e.neu} neu, {e.geaendert} geändert, {e.unveraendert} unverändert")
        Kennzahlwert.objects.filter(jahr__gte=2040).delete()

    print("Feindselige Dateien (Ablehnung):")
    million = b"Kennzahl;Ebene;Gebiet;Jahr;Wert\n" + b"a;b;c;2020;1\n" * 1_000_000
    from django.conf import settings

    settings.IMPORT_MAX_BYTES = 100 * 1_048_576
    for titel, daten, name in [
        ("  1.000.000 CSV-Zeilen", million, "m.csv"),
        ("  XLSX mit Zeile 1.048.576", dateien.sparse_riesenblatt(), "r.xlsx"),
        (
            "  ZIP-Bombe (60 MB entpackt)",
            dateien.zip_ersetzen(
                dateien.xlsx_bytes(zeilen[:2]), {"xl/worksheets/sheet1.xml": b"0" * 60_000_000}
            ),
            "z.xlsx",
        ),
        (
            "  XML-Entity-Bombe",
            dateien.zip_ersetzen(
                dateien.xlsx_bytes(zeilen[:2]), {"xl/worksheets/sheet1.xml": dateien.ENTITY_BOMBE}
            ),
            "e.xlsx",
        ),
    ]:
        e = messen(
            titel,
            lambda d=daten, n=name: kennzahlwerte_importieren(
                daten=d, dateiname=n, speichern=False
            ),
        )
        print(f"    {e.fehler[0]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
