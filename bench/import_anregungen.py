"""XLSX import of Anregungen through the pages, against its floor measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_anregungen.py [N]
    .venv/bin/python bench/import_anregungen.py 50     # smoke run on SQLite

A PostgreSQL server gets its own database sozialplanung_bench_import; without DATABASE_URL
the bench uses the SQLite database the other benches use (var/bench/db.sqlite3), so a smoke
run of all benches migrates and loads the demo once (about 40 s on a fresh database; a run
of 50 rows then takes a few seconds). The bench leaves the database as it found it
(imported cards, the audit and sign-in entries of its login, its session are removed).
Measured in one process, rounds alternating, median of each:

- floor: openpyxl read-only parse of the file and `Anregung.objects.bulk_create` of the same
  rows in one transaction (committed, removed afterwards): what reading the file and storing
  its rows costs at least with the ORM (the import itself writes with COPY on PostgreSQL);
- preview: POST of the file to /anregungen/import/ as "sozialplanung" (Django test client);
- confirmation: POST of the preview's "ablage" token.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
DATENBANK = "sozialplanung_bench_import"
RUNDEN = 5
ZIEL = 3.0


def _django(datenbank_url: str) -> None:
    if datenbank_url:  # else the settings' SQLite under VAR_DIR
        os.environ["DATABASE_URL"] = datenbank_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("VAR_DIR", str(BASE / "var" / "bench"))
    import django

    django.setup()


def _xlsx(anzahl: int, sozialraeume: list[str], handlungsfelder: list[str]) -> bytes:
    from bench import volumen
    from tests import dateien

    zeilen = [["Text", "Sozialraum", "Handlungsfeld", "Zielgruppe", "Quelle"]]
    zeilen += [
        [
            f"{volumen.ANFANG[i % len(volumen.ANFANG)]} Jugendtreff Nummer {i}",
            sozialraeume[i % len(sozialraeume)],
            handlungsfelder[i % len(handlungsfelder)],
            "Jugendliche",
            "",
        ]
        for i in range(anzahl)
    ]
    return dateien.xlsx_bytes(zeilen)


def messen(anzahl: int, datenbank_url: str, runden: int) -> dict:
    _django(datenbank_url)
    import io

    import openpyxl
    from axes.models import AccessLog
    from django.contrib.sessions.models import Session
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Max
    from django.test import Client
    from django.utils import timezone

    from core.models import Protokolleintrag
    from empfehlungen.models import Anregung, Veranstaltung
    from stammdaten.models import Handlungsfeld, Sozialraum, User
    from start import demo

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="sozialplanung").exists():
        demo.laden()

    user = User.objects.get(username="sozialplanung")
    veranstaltung = Veranstaltung.objects.order_by("pk").first()
    raeume = {r.kurzname: r.pk for r in Sozialraum.objects.all()}
    felder = {h.name: h.pk for h in Handlungsfeld.objects.all()}
    daten = _xlsx(anzahl, [*sorted(raeume), "stadtweit"], sorted(felder))
    raeume["stadtweit"] = None

    # Everything the bench writes lies above these ids and is removed at the end.
    anregung_bis = Anregung.objects.aggregate(m=Max("pk"))["m"] or 0
    protokoll_bis = Protokolleintrag.objects.aggregate(m=Max("pk"))["m"] or 0
    anmeldungen_bis = AccessLog.objects.aggregate(m=Max("pk"))["m"] or 0

    def aufraeumen():
        Anregung.objects.filter(pk__gt=anregung_bis).delete()

    def lesen():
        mappe = openpyxl.load_workbook(io.BytesIO(daten), read_only=True, data_only=True)
        zeilen = list(mappe.worksheets[0].iter_rows(min_row=2, values_only=True))
        mappe.close()
        return zeilen

    def einfuegen(zeilen):
        with transaction.atomic():
            Anregung.objects.bulk_create(
                [
                    Anregung(
                        text=text,
                        sozialraum_id=raeume[raum],
                        handlungsfeld_id=felder[feld],
                        zielgruppe=zielgruppe or "",
                        quelle=quelle or "",
                        veranstaltung=veranstaltung,
                        erfasst_von=user,
                    )
                    for text, raum, feld, zielgruppe, quelle in zeilen
                ]
            )

    def kopieren(zeilen):
        # The stricter reference on PostgreSQL: the same rows by COPY, as the import writes.
        jetzt = timezone.now()
        spalten = (
            "text, sozialraum_id, handlungsfeld_id, zielgruppe, quelle, veranstaltung_id, "
            "erfasst_von_id, erfasst_am, status, abschluss_grund"
        )
        gemeinsam = (veranstaltung.pk, user.pk, jetzt, "eingegangen", "")
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY empfehlungen_anregung ({spalten}) FROM STDIN") as kopie,
        ):
            for text, raum, feld, zielgruppe, quelle in zeilen:
                zeile = (text, raeume[raum], felder[feld], zielgruppe or "", quelle or "")
                kopie.write_row((*zeile, *gemeinsam))

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def vorschau() -> str:
        antwort = client.post(
            "/anregungen/import/",
            {"datei": SimpleUploadedFile("bench.xlsx", daten), "veranstaltung": veranstaltung.pk},
        )
        html = antwort.content.decode()
        ablage = re.search(r'name="ablage" value="([^"]+)"', html)
        assert antwort.status_code == 200 and ablage, html[html.find("fehlerbox") :][:2000]
        return ablage.group(1)

    def bestaetigen(ablage: str) -> None:
        antwort = client.post("/anregungen/import/", {"ablage": ablage})
        html = antwort.content.decode()
        assert antwort.status_code == 302, html[html.find("fehlerbox") :][:2000]

    def gestoppt(funktion, *args):
        start = time.perf_counter()
        wert = funktion(*args)
        return time.perf_counter() - start, wert

    zeiten: dict[str, list[float]] = {
        name: [] for name in ("boden", "lesen", "einfuegen", "kopieren", "vorschau", "bestaetigen")
    }
    try:
        for _ in range(runden):
            lesen_s, zeilen = gestoppt(lesen)
            einfuegen_s, _ = gestoppt(einfuegen, zeilen)
            zeiten["lesen"].append(lesen_s)
            zeiten["einfuegen"].append(einfuegen_s)
            zeiten["boden"].append(lesen_s + einfuegen_s)
            assert Anregung.objects.filter(pk__gt=anregung_bis).count() == anzahl
            aufraeumen()
            if connection.vendor == "postgresql":
                dauer, _ = gestoppt(kopieren, zeilen)
                zeiten["kopieren"].append(lesen_s + dauer)
                aufraeumen()

            dauer, ablage = gestoppt(vorschau)
            zeiten["vorschau"].append(dauer)
            dauer, _ = gestoppt(bestaetigen, ablage)
            zeiten["bestaetigen"].append(dauer)
            neu = Anregung.objects.filter(pk__gt=anregung_bis)
            assert neu.count() == anzahl
            if connection.vendor == "postgresql":  # the trigger filled every search vector
                assert not neu.filter(suchvektor__isnull=True).exists()
            aufraeumen()
    finally:
        aufraeumen()
        sitzung = client.session.session_key
        # The audit log refuses UPDATE only: its rows may be pruned, as aufraeumen does by age.
        Protokolleintrag.objects.filter(pk__gt=protokoll_bis).delete()
        AccessLog.objects.filter(pk__gt=anmeldungen_bis).delete()
        Session.objects.filter(session_key=sitzung).delete()

    return {
        "datenbank": connection.vendor,
        "anzahl": anzahl,
        "runden": runden,
        **{name: statistics.median(werte) for name, werte in zeiten.items() if werte},
    }


def _datenbank_url() -> str:
    basis = os.environ.get("DATABASE_URL", "")
    if not basis.startswith(("postgres://", "postgresql://")):
        return basis
    import psycopg

    with psycopg.connect(basis.replace("postgres://", "postgresql://"), autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATENBANK]).fetchone():
            c.execute(f'CREATE DATABASE "{DATENBANK}"')
    return basis.rsplit("/", 1)[0] + "/" + DATENBANK


def _s(sekunden: float) -> str:
    return f"{sekunden:.2f} s".replace(".", ",")


def _mal(faktor: float) -> str:
    return f"{faktor:.1f}×".replace(".", ",")


def main(anzahl: int) -> None:
    lauf = subprocess.run(
        [sys.executable, __file__, "--messen", str(anzahl), _datenbank_url(), str(RUNDEN)],
        capture_output=True,
        text=True,
        check=False,
    )
    if lauf.returncode:
        sys.exit(lauf.stderr)
    w = json.loads(lauf.stdout.strip().splitlines()[-1])
    summe = w["vorschau"] + w["bestaetigen"]
    faktor = summe / w["boden"]
    zeilen = f"{w['anzahl']:,}".replace(",", ".")
    print(
        f"Import {zeilen} Anregungen (XLSX, über die Seiten), {w['datenbank']}, "
        f"Median aus {w['runden']} Runden:"
    )
    print(
        f"  Boden (openpyxl read-only + bulk_create): {_s(w['boden'])} "
        f"(Lesen {_s(w['lesen'])}, bulk_create {_s(w['einfuegen'])})"
    )
    print(f"  Vorschau (Hochladen):                     {_s(w['vorschau'])}")
    print(f"  Bestätigen:                               {_s(w['bestaetigen'])}")
    if w["anzahl"] < 10_000:  # a few rows measure the requests, not the import
        bewertung = "gilt für 10.000 Zeilen"
    else:
        bewertung = "erreicht" if faktor <= ZIEL else "verfehlt"
    print(
        f"  zusammen:                                 {_s(summe)} = {_mal(faktor)} Boden "
        f"(Ziel ≤ {ZIEL:.0f}×: {bewertung})"
    )
    if "kopieren" in w:
        print(
            f"  strengerer Boden (Lesen + COPY):          {_s(w['kopieren'])}; zusammen = "
            f"{_mal(summe / w['kopieren'])} davon"
        )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--messen":
        print(json.dumps(messen(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
