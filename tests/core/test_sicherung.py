"""The backup drill: back up a database with a published Strategiepapier, restore it with the
documented command into an empty scratch database and media folder, and find the same rows in
every table and every frozen PDF with its recorded SHA-256. On PostgreSQL (CI) with pg_dump and
pg_restore; on SQLite with its own backup."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from core import sicherung
from strategiepapier.models import Strategiepapier
from tests.worker import BASE_DIR
from tests.worker import test_database_url as datenbank_url


def _einspielen(quelle: Path, datenbank_url: str, var_dir: Path, *extra: str):
    umgebung = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DEBUG": "1",
        "DATABASE_URL": datenbank_url,
        "VAR_DIR": str(var_dir),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "sicherung_einspielen", str(quelle), *extra],
        cwd=BASE_DIR,
        env=umgebung,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture
def leere_datenbank(tmp_path):
    """An empty scratch database of the same kind as the test database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'leer.sqlite3'}"
        return
    import psycopg

    name = f"sicherung_{uuid.uuid4().hex[:8]}"
    basis = datenbank_url().rsplit("/", 1)[0]
    with psycopg.connect(f"{basis}/postgres", autocommit=True) as verbindung:
        verbindung.execute(f'CREATE DATABASE "{name}"')
    yield f"{basis}/{name}"
    with psycopg.connect(f"{basis}/postgres", autocommit=True) as verbindung:
        verbindung.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_the_same_rows_and_frozen_pdfs(
    django_db_setup, tmp_path, leere_datenbank
):
    from start import demo

    demo.laden()  # with the published Strategiepapier Oberhausen-Ost 2024 and its PDF
    papier = Strategiepapier.objects.get(status="veroeffentlicht")
    assert (Path(settings.MEDIA_ROOT) / papier.pdf.name).is_file()

    sicherung_ordner = tmp_path / "sicherung"
    manifest = sicherung.erstellen(sicherung_ordner)
    assert manifest["zeilen"]["strategiepapier_strategiepapier"] >= 1
    assert any(name.endswith(".pdf") for name in manifest["dateien"])

    ziel = tmp_path / "ziel"
    lauf = _einspielen(sicherung_ordner, leere_datenbank, ziel)
    assert lauf.returncode == 0, lauf.stderr + lauf.stdout
    assert "Eingespielt und geprüft" in lauf.stdout
    assert "1 eingefrorene PDFs mit unveränderter Prüfsumme" in lauf.stdout
    assert (ziel / "media" / papier.pdf.name).read_bytes() == (
        Path(settings.MEDIA_ROOT) / papier.pdf.name
    ).read_bytes()

    # Again into the now filled database: refused, nothing overwritten.
    nochmal = _einspielen(sicherung_ordner, leere_datenbank, tmp_path / "ziel2")
    assert nochmal.returncode != 0 and "nicht leer" in nochmal.stderr


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path, db):
    ordner = tmp_path / "s"
    (ordner / "medien").mkdir(parents=True)
    (ordner / "medien" / "a.pdf").write_bytes(b"%PDF echt")
    (ordner / "datenbank.dump").write_bytes(b"dump")
    (ordner / "manifest.json").write_text(
        json.dumps(
            {
                "datenbank": connection.vendor,
                "dump": {"datenbank.dump": sicherung._sha256(ordner / "datenbank.dump")},
                "dateien": {"medien/a.pdf": sicherung._sha256(ordner / "medien" / "a.pdf")},
                "zeilen": {},
                "erstellt": "2026-12-01T00:00:00+00:00",
            }
        )
    )
    assert sicherung.pruefen(ordner)["datenbank"] == connection.vendor
    (ordner / "medien" / "a.pdf").write_bytes(b"%PDF veraendert")
    with pytest.raises(sicherung.SicherungsFehler, match="medien/a.pdf ist beschädigt"):
        sicherung.pruefen(ordner)
    (ordner / "medien" / "a.pdf").unlink()
    with pytest.raises(sicherung.SicherungsFehler, match="fehlt medien/a.pdf"):
        sicherung.pruefen(ordner)


def test_a_backup_needs_an_empty_target_folder(tmp_path, db):
    (tmp_path / "da.txt").write_text("x")
    with pytest.raises(sicherung.SicherungsFehler, match="nicht leer"):
        sicherung.erstellen(tmp_path)
