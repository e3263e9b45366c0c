"""Backup and restore: the database (PostgreSQL custom-format dump; SQLite: its own backup) and
the media files (frozen Strategiepapiere, reports, documents), with a manifest of SHA-256 sums
and row counts per table; restore only into an empty database and media folder, checking every
sum before and every count and frozen PDF after.

Order matters for consistency: the database is dumped first (one snapshot), the media files are
copied after it. Files are written before the rows that name them are committed, so every file
the dump refers to exists when the copy starts."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.erweiterungen import Erweiterungspunkt

# Rooms name their frozen files (media path, SHA-256 recorded when frozen, what it is), e.g.
# the published Strategiepapiere; a restore checks each of them.
EINGEFRORENE_DATEIEN: Erweiterungspunkt[Callable[[], list[tuple[str, str, str]]]] = (
    Erweiterungspunkt(
        "eingefrorene_dateien", "Dateien mit festgehaltener Prüfsumme (Pfad, SHA-256, Bezeichnung)"
    )
)

MANIFEST = "manifest.json"
DUMP_PG = "datenbank.dump"
DUMP_SQLITE = "datenbank.sqlite3"
MEDIEN = "medien"


class SicherungsFehler(Exception):
    """German message: what is wrong with the backup or the target."""


@dataclass
class Bericht:
    tabellen: int
    zeilen: int
    dateien: int
    pdf_geprueft: int


def _sha256(pfad: Path) -> str:
    h = hashlib.sha256()
    with pfad.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def zeilen_je_tabelle() -> dict[str, int]:
    """Every table of the project's models (and their M2M tables), counted."""
    tabellen = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.swapped
        }
    )
    vorhanden = set(connection.introspection.table_names())
    ergebnis = {}
    with connection.cursor() as cursor:
        for t in tabellen:
            if t in vorhanden:
                cursor.execute(f'SELECT COUNT(*) FROM "{t}"')  # noqa: S608 (names from the models)
                ergebnis[t] = cursor.fetchone()[0]
    return ergebnis


def _programm(name: str) -> str:
    pfad = shutil.which(name)
    if pfad is None:
        raise SicherungsFehler(f"{name} fehlt (Debian: apt-get install postgresql-client).")
    return pfad


def _pg_umgebung() -> tuple[list[str], dict]:
    s = connection.settings_dict
    umgebung = {**os.environ}
    if s.get("PASSWORD"):
        umgebung["PGPASSWORD"] = s["PASSWORD"]
    verbindung = [
        "-h",
        s.get("HOST") or "localhost",
        "-p",
        str(s.get("PORT") or 5432),
        "-U",
        s.get("USER") or "postgres",
    ]
    return verbindung, umgebung


def erstellen(ziel: Path) -> dict:
    """A backup into the empty folder `ziel`; returns the manifest."""
    ziel = Path(ziel)
    if ziel.exists() and any(ziel.iterdir()):
        raise SicherungsFehler(f"Der Zielordner {ziel} ist nicht leer.")
    ziel.mkdir(parents=True, exist_ok=True)
    zeilen = zeilen_je_tabelle()
    if connection.vendor == "postgresql":
        verbindung, umgebung = _pg_umgebung()
        lauf = subprocess.run(  # noqa: S603 (fixed program, arguments from settings)
            [
                _programm("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *verbindung,
                "-f",
                str(ziel / DUMP_PG),
                connection.settings_dict["NAME"],
            ],
            env=umgebung,
            capture_output=True,
            text=True,
            check=False,
        )
        if lauf.returncode != 0:
            raise SicherungsFehler(f"pg_dump ist fehlgeschlagen: {lauf.stderr.strip()[:500]}")
        dump = DUMP_PG
    else:
        connection.ensure_connection()
        with sqlite3.connect(ziel / DUMP_SQLITE) as kopie:
            connection.connection.backup(kopie)
        dump = DUMP_SQLITE
    medien = Path(settings.MEDIA_ROOT)
    dateien = {}
    if medien.exists():
        shutil.copytree(medien, ziel / MEDIEN, dirs_exist_ok=False)
    for pfad in sorted((ziel / MEDIEN).rglob("*")) if (ziel / MEDIEN).exists() else []:
        if pfad.is_file():
            dateien[str(pfad.relative_to(ziel))] = _sha256(pfad)
    manifest = {
        "erstellt": timezone.now().isoformat(timespec="seconds"),
        "datenbank": connection.vendor,
        "dump": {dump: _sha256(ziel / dump)},
        "dateien": dateien,
        "zeilen": zeilen,
    }
    (ziel / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def pruefen(quelle: Path) -> dict:
    """Every file of the backup against its SHA-256 in the manifest."""
    quelle = Path(quelle)
    try:
        manifest = json.loads((quelle / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise SicherungsFehler(f"{quelle} enthält kein lesbares {MANIFEST}.") from exc
    for name, soll in {**manifest["dump"], **manifest["dateien"]}.items():
        pfad = quelle / name
        if not pfad.is_file():
            raise SicherungsFehler(f"In der Sicherung fehlt {name}.")
        if _sha256(pfad) != soll:
            raise SicherungsFehler(f"{name} ist beschädigt (Prüfsumme stimmt nicht).")
    return manifest


def einspielen(quelle: Path) -> Bericht:
    """Restore into the configured, empty database and empty media folder, then verify."""
    quelle = Path(quelle)
    manifest = pruefen(quelle)
    if manifest["datenbank"] != connection.vendor:
        raise SicherungsFehler(
            f"Die Sicherung stammt aus {manifest['datenbank']}, das Ziel ist {connection.vendor}."
        )
    if set(connection.introspection.table_names()) - {"django_migrations"}:
        raise SicherungsFehler(
            "Die Zieldatenbank ist nicht leer; eingespielt wird nur in eine leere."
        )
    medien = Path(settings.MEDIA_ROOT)
    if medien.exists() and any(medien.iterdir()):
        raise SicherungsFehler(f"Der Medienordner {medien} ist nicht leer.")
    if connection.vendor == "postgresql":
        verbindung, umgebung = _pg_umgebung()
        lauf = subprocess.run(  # noqa: S603
            [
                _programm("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *verbindung,
                "-d",
                connection.settings_dict["NAME"],
                str(quelle / DUMP_PG),
            ],
            env=umgebung,
            capture_output=True,
            text=True,
            check=False,
        )
        if lauf.returncode != 0:
            raise SicherungsFehler(f"pg_restore ist fehlgeschlagen: {lauf.stderr.strip()[:500]}")
    else:
        connection.close()
        ziel = unquote(str(connection.settings_dict["NAME"]))
        with sqlite3.connect(quelle / DUMP_SQLITE) as alt, sqlite3.connect(ziel) as neu:
            alt.backup(neu)
    connection.close()
    if (quelle / MEDIEN).exists():
        shutil.copytree(quelle / MEDIEN, medien, dirs_exist_ok=True)
    return nachpruefen(manifest)


def nachpruefen(manifest: dict) -> Bericht:
    """Row counts per table as in the manifest; every frozen PDF with its recorded SHA-256."""
    jetzt = zeilen_je_tabelle()
    abweichend = {t: (n, jetzt.get(t)) for t, n in manifest["zeilen"].items() if jetzt.get(t) != n}
    if abweichend:
        liste = ", ".join(
            f"{t}: {soll} statt {ist}" for t, (soll, ist) in sorted(abweichend.items())[:10]
        )
        raise SicherungsFehler(f"Zeilenzahlen weichen ab: {liste}")
    geprueft = 0
    for quelle in EINGEFRORENE_DATEIEN:
        for name, soll, bezeichnung in quelle():
            pfad = Path(settings.MEDIA_ROOT) / name
            if not pfad.is_file() or _sha256(pfad) != soll:
                raise SicherungsFehler(f"Die Datei von {bezeichnung} fehlt oder ist verändert.")
            geprueft += 1
    return Bericht(
        tabellen=len(jetzt),
        zeilen=sum(jetzt.values()),
        dateien=len(manifest["dateien"]),
        pdf_geprueft=geprueft,
    )
