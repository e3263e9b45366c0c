"""Uploads and imports cannot cost more than they may: the size is checked before anything
reads the file, an archive's unpacked size and the cells' characters are capped in total, and
previews wait on disk only within a quota, removed on a schedule."""

import os
import random
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from core import importing
from tests import dateien


def _viel_text_wenig_ratio(zeichen: int) -> list[list]:
    """Cells that compress about 1:30, like real text: no single member trips the ratio check,
    only the total does (the 5 MB file that unpacked to 185 MB)."""
    zufall = random.Random(7)
    woerter = [
        "".join(zufall.choice("abcdefghijklmnopqrstuvwxyzäöü") for _ in range(zufall.randint(3, 9)))
        for _ in range(400)
    ]
    zeilen, summe = [["Text", "Sozialraum"]], 0
    while summe < zeichen:
        text = " ".join(zufall.choice(woerter) for _ in range(60))
        zeilen.append([text, "OST"])
        summe += len(text)
    return zeilen


def test_an_archive_that_unpacks_beyond_the_total_is_refused(settings):
    settings.IMPORT_MAX_ENTPACKT = 1_000_000
    daten = dateien.xlsx_bytes(_viel_text_wenig_ratio(2_000_000))
    assert len(daten) < settings.IMPORT_MAX_BYTES
    with pytest.raises(importing.ImportFehler, match="würde entpackt unverhältnismäßig groß"):
        importing.tabelle_lesen(daten, "gross.xlsx")


@pytest.mark.parametrize("art", ["csv", "xlsx"])
def test_cells_may_hold_only_so_many_characters_in_all(settings, art):
    settings.IMPORT_MAX_ZEICHEN = 50_000
    zeilen = _viel_text_wenig_ratio(60_000)
    daten = dateien.csv_bytes(zeilen) if art == "csv" else dateien.xlsx_bytes(zeilen)
    with pytest.raises(importing.ImportFehler, match="mehr Text, als ein Import aufnimmt"):
        importing.tabelle_lesen(daten, f"text.{art}")


def test_a_file_too_big_is_refused_before_anything_reads_it(client_als, settings):
    """Through the real multipart parser: the upload handler counts the bytes but keeps none
    beyond the limit, and the form answers with the true size."""
    settings.IMPORT_MAX_BYTES = 100_000
    gross = SimpleUploadedFile("karten.csv", b"Text\n" + b"x" * 300_000, "text/csv")
    antwort = client_als("sozialplanung").post(reverse("anregung_import"), {"datei": gross})
    html = antwort.content.decode()
    assert "Die Datei „karten.csv“ ist zu groß (0,3 MB; erlaubt sind 0 MB)." in html
    assert "Import bestätigen" not in html


def _sitzung_anfrage():
    anfrage = RequestFactory().post("/")
    anfrage.session = {}
    return anfrage


def test_a_session_keeps_its_newest_previews_and_old_ones_are_removed_by_the_schedule(
    settings, tmp_path
):
    settings.VAR_DIR, settings.IMPORT_ABLAGE_JE_SITZUNG = str(tmp_path), 2
    anfrage = _sitzung_anfrage()
    tabelle = importing.Tabelle(["Text"], [["a"]], [2])
    tokens = [importing.upload_ablegen(anfrage, f"{i}.csv", tabelle) for i in range(3)]
    ordner = tmp_path / "import-ablage"
    assert sorted(p.name for p in ordner.iterdir()) == sorted(tokens[1:])
    assert importing.upload_uebernehmen(anfrage, tokens[0]) is None
    # Two hours and a bit later nobody confirmed them: the hourly pass removes them.
    alt = time.time() - settings.IMPORT_ABLAGE_STUNDEN * 3600 - 60
    os.utime(ordner / tokens[1], (alt, alt))
    assert importing.ablagen_aufraeumen() == 1
    assert [p.name for p in ordner.iterdir()] == [tokens[2]]
    assert importing.upload_uebernehmen(anfrage, tokens[2]).dateiname == "2.csv"


def test_previews_beyond_the_quota_are_refused_in_german(settings, tmp_path):
    settings.VAR_DIR, settings.IMPORT_ABLAGE_MAX_BYTES = str(tmp_path), 2_000
    tabelle = importing.Tabelle(["Text"], [["x" * 500]] * 3, [2, 3, 4])
    importing.upload_ablegen(_sitzung_anfrage(), "a.csv", tabelle)
    with pytest.raises(importing.ImportFehler, match="zu viele Import-Vorschauen"):
        importing.upload_ablegen(_sitzung_anfrage(), "b.csv", tabelle)
    assert len(list((tmp_path / "import-ablage").iterdir())) == 1


def test_the_import_page_survives_a_full_preview_store(client_als, settings, tmp_path):
    settings.VAR_DIR, settings.IMPORT_ABLAGE_MAX_BYTES = str(tmp_path), 10
    datei = SimpleUploadedFile("karten.csv", "Text;Quelle\nMehr Bänke;Mail\n".encode(), "text/csv")
    antwort = client_als("sozialplanung").post(reverse("anregung_import"), {"datei": datei})
    assert antwort.status_code == 200
    assert "zu viele Import-Vorschauen" in antwort.content.decode()
    assert "Import bestätigen" not in antwort.content.decode()
