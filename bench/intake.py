"""Intake benchmarks on PostgreSQL. Prints the figures the README records.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/intake.py

The given server gets two databases, sozialplanung_bench_2k and sozialplanung_bench_200k
(created and filled on the first run, reused afterwards). Measured, each in its own process:
the triage queue with filter and search (median of 25 requests through the full Django stack,
queries counted; three rounds alternating between the sizes, median of the rounds) against the
Django admin changelist with the same filter in the same process, and the similarity hints for
one Anregung. The import has its own bench (bench/import_anregungen.py).

    … bench/intake.py --klein     # smoke run (CI): 200, then 2,000 cards in one fresh database
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
KLEIN = "--klein" in sys.argv
GROESSEN = (
    {"2k": (200, 20, 20), "200k": (2_000, 200, 200)}
    if KLEIN
    else {"2k": (2_000, 200, 200), "200k": (200_000, 20_000, 20_000)}
)
WIEDERHOLUNGEN = 3 if KLEIN else 25
RUNDEN = 1 if KLEIN else 3


def _django(datenbank_url: str):
    os.environ["DATABASE_URL"] = datenbank_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "1"
    os.environ["AEHNLICHKEIT_CACHE_SEKUNDEN"] = "0"  # measure the ranking, not the cache
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

    return ergebnis


def _datenbank_anlegen(basis_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(basis_url.replace("postgres://", "postgresql://"), autocommit=True) as c:
        if KLEIN:  # the smoke run proves the bench on a fresh database
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')
    return basis_url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    basis = os.environ.get("DATABASE_URL")
    if not basis or not basis.startswith(("postgres://", "postgresql://")):
        sys.exit("Bitte DATABASE_URL auf einen PostgreSQL-Server setzen (siehe Kopf der Datei).")
    if KLEIN:  # one fresh database that grows from the small to the large size: one migrate
        url = _datenbank_anlegen(basis, "sozialplanung_rauch_intake")
        urls = dict.fromkeys(GROESSEN, url)
    else:
        urls = {g: _datenbank_anlegen(basis, f"sozialplanung_bench_{g}") for g in GROESSEN}
    # Rounds alternate between the sizes, so a slow minute of a shared machine hits both.
    laeufe: dict[str, list[dict]] = {g: [] for g in GROESSEN}
    for runde in range(RUNDEN):
        for groesse in GROESSEN:
            lauf = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--messen",
                    groesse,
                    urls[groesse],
                    str(runde),
                    *(["--klein"] if KLEIN else []),
                ],
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
    for w in (k, g):
        print(
            f"Arbeitsliste bei {_zahl(w['anregungen'])} Anregungen, Filter + Suche "
            f"({w['queue_treffer']} Treffer): Median {w['queue_ms']:.1f} ms, "
            f"{w['queue_abfragen']} Abfragen; Admin-Changelist gleicher Filter, gleicher Lauf: "
            f"{w['admin_ms']:.1f} ms (Faktor {w['admin_ms'] / w['queue_ms']:.1f}); "
            f"Ähnlichkeit: {w['aehnlich_ms']:.1f} ms"
        )
    print(
        f"Ziele bei {_zahl(g['anregungen'])}: Median {g['queue_ms']:.0f} ms (≤ 60 ms), "
        f"Admin/Arbeitsliste {g['admin_ms'] / g['queue_ms']:.1f} (≥ 2), "
        f"{g['queue_abfragen']} Abfragen (≤ 12), Wachstum {_zahl(k['anregungen'])} → "
        f"{_zahl(g['anregungen'])}: {g['queue_ms'] / k['queue_ms']:.2f} (≤ 1,5), "
        f"Ähnlichkeit {g['aehnlich_ms']:.0f} ms (< 150 ms)"
    )


def _zahl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "--messen":
        print(json.dumps(messen(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    else:
        main()
