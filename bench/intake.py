"""Intake benchmarks on PostgreSQL. Prints the figures the README records.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/intake.py

The given server gets two databases, sozialplanung_bench_2k and sozialplanung_bench_200k
(created and filled on the first run, reused afterwards). Measured, each in its own process:
XLSX import of 10,000 Anregungen (preview and confirmed), the triage queue with filter and
search (median of 25 requests through the full Django stack, queries counted; three rounds
alternating between the sizes, median of the rounds) against the
Django admin changelist with the same filter, and the similarity hints for one Anregung.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
GROESSEN = {"2k": (2_000, 200, 200), "200k": (200_000, 20_000, 20_000)}
WIEDERHOLUNGEN = 25
RUNDEN = 3


def _django(datenbank_url: str):
    os.environ["DATABASE_URL"] = datenbank_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("VAR_DIR", str(BASE / "var" / "bench"))
    import django

    django.setup()


def _median_ms(funktion, n=WIEDERHOLUNGEN) -> float:
    funktion()  # warm-up
    zeiten = []
    for _ in range(n):
        start = time.perf_counter()
        funktion()
        zeiten.append((time.perf_counter() - start) * 1000)
    return statistics.median(zeiten)


def messen(groesse: str, datenbank_url: str, runde: int = 0) -> dict:
    _django(datenbank_url)
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import volumen
    from empfehlungen import aehnlichkeit
    from empfehlungen.models import Anregung
    from stammdaten.models import Sozialraum, User
    from start import demo

    call_command("migrate", verbosity=0)
    anzahl, empf, steck = GROESSEN[groesse]
    if Anregung.objects.count() < anzahl:
        demo.laden()
        start = time.perf_counter()
        volumen.erzeugen(
            anregungen=anzahl - Anregung.objects.count(), empfehlungen=empf, steckbriefe=steck
        )
        print(
            f"  [{groesse}] Daten erzeugt in {time.perf_counter() - start:.0f} s", file=sys.stderr
        )
    ergebnis = {"anregungen": Anregung.objects.count()}

    ost = Sozialraum.objects.get(kurzname="OST")
    filter_app = {"status": "eingegangen", "sozialraum": ost.pk, "suche": "Jugendtreff"}
    filter_admin = {
        "status__exact": "eingegangen",
        "sozialraum__id__exact": ost.pk,
        "q": "Jugendtreff",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="admin"))

    def seite():
        antwort = client.get("/anregungen/", filter_app)
        assert antwort.status_code == 200

    def admin_liste():
        antwort = client.get("/admin/empfehlungen/anregung/", filter_admin)
        assert antwort.status_code == 200

    seite()
    reset_queries()  # each request resets the log; a long log would hide this request's queries
    with CaptureQueriesContext(connection) as abfragen:
        seite()
    ergebnis["queue_abfragen"] = len(abfragen)
    html = client.get("/anregungen/", filter_app).content.decode()
    ergebnis["queue_treffer"] = int(re.search(r'id="treffer-titel">(\d+) Anregung', html).group(1))
    ergebnis["queue_ms"] = _median_ms(seite)
    ergebnis["admin_ms"] = _median_ms(admin_liste)

    beispiel = Anregung.objects.order_by("pk").first()
    ergebnis["aehnlich_ms"] = _median_ms(lambda: list(aehnlichkeit.aehnliche_anregungen(beispiel)))

    if groesse == "200k" and runde == 0:
        # Import through the pages as a planner does it: upload and preview, then confirm.
        from django.core.files.uploadedfile import SimpleUploadedFile

        from empfehlungen.models import Veranstaltung
        from tests import dateien

        zeilen = [["Text", "Sozialraum", "Handlungsfeld", "Zielgruppe", "Quelle"]]
        zeilen += [
            [f"{volumen.ANFANG[i % 8]} Jugendtreff Nummer {i}", "OST", "Jugend", "Jugendliche", ""]
            for i in range(10_000)
        ]
        daten = dateien.xlsx_bytes(zeilen)
        client.force_login(User.objects.get(username="sozialplanung"))
        v = Veranstaltung.objects.first()
        start = time.perf_counter()
        vorschau = client.post(
            "/anregungen/import/",
            {"datei": SimpleUploadedFile("bench.xlsx", daten), "veranstaltung": v.pk},
        )
        ergebnis["import_vorschau_s"] = time.perf_counter() - start
        ablage = re.search(r'name="ablage" value="([^"]+)"', vorschau.content.decode()).group(1)
        start = time.perf_counter()
        bestaetigt = client.post("/anregungen/import/", {"ablage": ablage})
        ergebnis["import_s"] = time.perf_counter() - start
        assert bestaetigt.status_code == 302
        assert Anregung.objects.filter(text__contains="Jugendtreff Nummer").count() == 10_000
        Anregung.objects.filter(text__contains="Jugendtreff Nummer").delete()
    return ergebnis


def _datenbank_anlegen(basis_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(basis_url.replace("postgres://", "postgresql://"), autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')
    return basis_url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    basis = os.environ.get("DATABASE_URL")
    if not basis or not basis.startswith(("postgres://", "postgresql://")):
        sys.exit("Bitte DATABASE_URL auf einen PostgreSQL-Server setzen (siehe Kopf der Datei).")
    urls = {g: _datenbank_anlegen(basis, f"sozialplanung_bench_{g}") for g in GROESSEN}
    # Rounds alternate between the sizes, so a slow minute of a shared machine hits both.
    laeufe: dict[str, list[dict]] = {g: [] for g in GROESSEN}
    for runde in range(RUNDEN):
        for groesse in GROESSEN:
            lauf = subprocess.run(
                [sys.executable, __file__, "--messen", groesse, urls[groesse], str(runde)],
                capture_output=True,
                text=True,
                check=False,
            )
            if lauf.returncode:
                sys.exit(lauf.stderr)
            sys.stderr.write(
                "".join(z for z in lauf.stderr.splitlines(True) if z.startswith("  ["))
            )
            laeufe[groesse].append(json.loads(lauf.stdout.strip().splitlines()[-1]))
    werte = {}
    for groesse, liste in laeufe.items():
        werte[groesse] = {
            **liste[0],
            **{
                schluessel: statistics.median(lauf[schluessel] for lauf in liste)
                for schluessel in ("queue_ms", "admin_ms", "aehnlich_ms")
            },
        }

    k, g = werte["2k"], werte["200k"]
    print(
        f"Maschine: {platform.processor() or platform.machine()}, {os.cpu_count()} Kerne, "
        f"Python {platform.python_version()}, PostgreSQL"
    )
    print(
        f"Import 10.000 Anregungen (XLSX, über die Seiten): Hochladen mit Vorschau "
        f"{g['import_vorschau_s']:.1f} s, Bestätigen {g['import_s']:.1f} s (Ziel < 5 s), "
        f"zusammen {g['import_vorschau_s'] + g['import_s']:.1f} s (Ziel < 10 s)"
    )
    for name, w in [("2.000", k), ("200.000", g)]:
        print(
            f"Arbeitsliste bei {name} Anregungen ({w['anregungen']}), Filter + Suche "
            f"({w['queue_treffer']} Treffer): Median {w['queue_ms']:.1f} ms, "
            f"{w['queue_abfragen']} Abfragen; Admin-Changelist gleicher Filter: "
            f"{w['admin_ms']:.1f} ms; Ähnlichkeit: {w['aehnlich_ms']:.1f} ms"
        )
    print(
        f"Verhältnis 200.000 / 2.000: {g['queue_ms'] / k['queue_ms']:.2f} (Ziel ≤ 1,5); "
        f"Ziele bei 200.000: Median < 100 ms, ≤ 12 Abfragen, schneller als Admin, "
        f"Ähnlichkeit < 150 ms"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--messen":
        print(json.dumps(messen(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    else:
        main()
