import io
import subprocess
import sys
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from stammdaten.models import Kennzahl, Kennzahlwert
from stammdaten.services import kennzahlwerte_importieren
from tests import dateien

KOPF = ["Kennzahl", "Ebene", "Gebiet", "Jahr", "Wert"]
GUT = [
    KOPF,
    ["SGB-II-Quote", "Stadt", "", 2030, "14,2"],
    ["SGB-II-Quote", "Sozialraum", "OST", 2030, "17,9"],
    ["SGB-II-Quote", "Sozialraum", "Sterkrade-Nord", 2030, "8.5"],
    ["SGB-II-Quote", "Sozialquartier", "Königshardt", 2030, "6,1"],
]


def importieren(daten: bytes, name="werte.csv", speichern=True):
    return kennzahlwerte_importieren(daten=daten, dateiname=name, speichern=speichern)


def werte_2030():
    return Kennzahlwert.objects.filter(jahr=2030).count()


def meldungen(ergebnis):
    return [str(f) for f in ergebnis.fehler]


@pytest.mark.parametrize(
    ("daten", "name"),
    [
        (dateien.csv_bytes(GUT), "werte.csv"),
        (dateien.csv_bytes(GUT, kodierung="utf-8-sig"), "mit-bom.csv"),
        (dateien.csv_bytes(GUT, kodierung="cp1252"), "excel-ansi.csv"),
        (dateien.csv_bytes(GUT, trenner=","), "komma.csv"),
        (dateien.xlsx_bytes(GUT), "werte.xlsx"),
    ],
)
def test_it_imports_csv_and_xlsx_as_excel_writes_them(db, daten, name):
    ergebnis = importieren(daten, name)
    assert ergebnis.fehler == []
    assert (ergebnis.neu, ergebnis.gespeichert) == (4, True)
    sgb2 = Kennzahl.objects.get(name="SGB-II-Quote")
    assert Kennzahlwert.objects.get(
        kennzahl=sgb2, jahr=2030, sozialquartier__name="Königshardt"
    ).wert == Decimal("6.1")
    assert Kennzahlwert.objects.get(
        kennzahl=sgb2, jahr=2030, sozialraum__kurzname="STN"
    ).wert == Decimal("8.5")
    assert Kennzahlwert.objects.get(
        kennzahl=sgb2, jahr=2030, sozialraum=None, sozialquartier=None
    ).wert == Decimal("14.2")


def test_a_second_import_updates_and_reports_unchanged_rows(db):
    importieren(dateien.csv_bytes(GUT))
    geaendert = [row[:] for row in GUT]
    geaendert[1][4] = "15,0"
    ergebnis = importieren(dateien.csv_bytes(geaendert))
    assert (ergebnis.neu, ergebnis.geaendert, ergebnis.unveraendert) == (0, 1, 3)
    assert werte_2030() == 4


def test_preview_saves_nothing(db):
    ergebnis = importieren(dateien.csv_bytes(GUT), speichern=False)
    assert ergebnis.ok and ergebnis.neu == 4 and not ergebnis.gespeichert
    assert ergebnis.vorschau[0] == {
        "zeile": 2,
        "werte": ["SGB-II-Quote", "Stadt", None, "2030", "14,2"],
    }
    assert werte_2030() == 0


def test_one_bad_row_saves_nothing_and_every_error_names_row_and_column(db):
    zeilen = [
        *GUT,
        ["Gibt es nicht", "Stadt", "", 2030, "1"],
        ["SGB-II-Quote", "Sozialquartier", "Atlantis", "zwanzig", "1"],
        [],  # blank lines are skipped but keep the numbering
        ["SGB-II-Quote", "Bezirk", "X", 2030, "abc"],
    ]
    ergebnis = importieren(dateien.csv_bytes(zeilen))
    assert meldungen(ergebnis) == [
        "Zeile 6, Spalte „Kennzahl“: Kennzahl „Gibt es nicht“ ist unbekannt.",
        "Zeile 7, Spalte „Gebiet“: Sozialquartier „Atlantis“ ist unbekannt.",
        "Zeile 7, Spalte „Jahr“: „zwanzig“ ist keine ganze Zahl.",
        "Zeile 9, Spalte „Gebiet“: Ebene „Bezirk“ ist unbekannt (erlaubt: Stadt, Sozialraum, Sozialquartier).",
        "Zeile 9, Spalte „Wert“: „abc“ ist keine Zahl (Beispiel: 12,5).",
    ]
    assert not ergebnis.gespeichert
    assert werte_2030() == 0


def test_missing_required_column_is_reported_for_the_header_row(db):
    ergebnis = importieren(
        dateien.csv_bytes([["Kennzahl", "Ebene", "Gebiet", "Jahr"], ["x", "Stadt", "", 2030]])
    )
    assert meldungen(ergebnis) == ["Zeile 1, Spalte „Wert“: Pflichtspalte fehlt."]


def test_headers_match_regardless_of_case(db):
    zeilen = [[k.upper() for k in KOPF], *GUT[1:]]
    assert importieren(dateien.csv_bytes(zeilen)).ok


def test_the_same_value_twice_in_one_file_is_an_error(db):
    ergebnis = importieren(dateien.csv_bytes([*GUT, GUT[2]]))
    assert meldungen(ergebnis) == [
        "Zeile 6: Derselbe Wert (gleiche Kennzahl, gleiches Gebiet, gleiches Jahr) steht schon in Zeile 3."
    ]
    assert werte_2030() == 0


def test_missing_values_are_model_errors_in_german(db):
    ergebnis = importieren(dateien.csv_bytes([KOPF, ["SGB-II-Quote", "Stadt", "", "", "1"]]))
    assert meldungen(ergebnis) == ["Zeile 2, Spalte „Jahr“: Dieses Feld darf nicht null sein."]


# --- Hostile and broken files -------------------------------------------------------------------
def test_zip_bomb_is_refused_before_unpacking(db):
    bombe = dateien.zip_ersetzen(
        dateien.xlsx_bytes(GUT), {"xl/worksheets/sheet1.xml": b"0" * 60_000_000}
    )
    assert len(bombe) < 1_000_000
    ergebnis = importieren(bombe, "bombe.xlsx")
    assert meldungen(ergebnis) == [
        "„bombe.xlsx“ würde entpackt unverhältnismäßig groß (mögliche ZIP-Bombe) und wird abgelehnt."
    ]


def test_xml_entity_bomb_is_refused(db):
    bombe = dateien.zip_ersetzen(
        dateien.xlsx_bytes(GUT), {"xl/worksheets/sheet1.xml": dateien.ENTITY_BOMBE}
    )
    ergebnis = importieren(bombe, "lol.xlsx")
    assert meldungen(ergebnis) == [
        "„lol.xlsx“ enthält unzulässige XML-Konstrukte (z. B. Entitäten) und wird abgelehnt."
    ]


def test_truncated_xlsx_is_refused(db):
    daten = dateien.xlsx_bytes(GUT)
    ergebnis = importieren(daten[: len(daten) // 2], "halb.xlsx")
    assert meldungen(ergebnis) == [
        "„halb.xlsx“ ist keine gültige XLSX-Datei (beschädigt oder abgeschnitten)."
    ]


def test_renamed_files_are_refused(db):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    assert meldungen(importieren(pdf, "bericht.xlsx")) == [
        "„bericht.xlsx“ ist keine gültige XLSX-Datei (beschädigt, abgeschnitten oder umbenannt)."
    ]
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert meldungen(importieren(puffer.getvalue(), "brief.xlsx")) == [
        "„brief.xlsx“ ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe."
    ]
    assert meldungen(importieren(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "alt.xls")) == [
        "„alt.xls“ ist im alten Excel-Format (.xls). Bitte als .xlsx oder .csv speichern."
    ]


def test_nul_bytes_are_refused(db):
    ergebnis = importieren(b"Kennzahl;Ebene\x00;Gebiet\n", "nul.csv")
    assert meldungen(ergebnis) == [
        "„nul.csv“ enthält NUL-Bytes; das ist keine Textdatei (CSV) und keine XLSX-Datei."
    ]


def test_a_million_rows_stop_at_the_row_cap(db, settings):
    settings.IMPORT_MAX_ROWS = 50_000
    daten = b"Kennzahl;Ebene;Gebiet;Jahr;Wert\n" + b"a\n" * 1_000_000
    assert len(daten) < settings.IMPORT_MAX_BYTES
    assert meldungen(importieren(daten, "million.csv")) == [
        "„million.csv“ hat mehr als 50.000 Datenzeilen; bitte aufteilen."
    ]
    assert meldungen(importieren(dateien.sparse_riesenblatt(), "riesig.xlsx")) == [
        "„riesig.xlsx“ hat mehr als 50.000 Datenzeilen; bitte aufteilen."
    ]


def test_oversized_and_empty_files_are_refused(db, settings):
    settings.IMPORT_MAX_BYTES = 2 * 1_048_576
    assert meldungen(importieren(b"x" * 3 * 1_048_576, "gross.csv")) == [
        "Die Datei „gross.csv“ ist zu groß (3,0 MB; erlaubt sind 2 MB)."
    ]
    assert meldungen(importieren(b"", "leer.csv")) == ["Die Datei „leer.csv“ ist leer."]


def test_unknown_encoding_is_refused(db):
    ergebnis = importieren(b"Kennzahl;Ebene\n" + b"\x81\x8d\x8f\xc3", "kaputt.csv")
    assert meldungen(ergebnis) == [
        "Die Zeichenkodierung von „kaputt.csv“ wurde nicht erkannt (erlaubt: UTF-8 oder "
        "Windows-1252, wie Excel CSV speichert)."
    ]


# --- The management command ---------------------------------------------------------------------
def test_command_imports_and_reports(db, tmp_path):
    datei = tmp_path / "werte.xlsx"
    datei.write_bytes(dateien.xlsx_bytes(GUT))
    ausgabe = io.StringIO()
    call_command("import_kennzahlwerte", str(datei), stdout=ausgabe)
    assert "4 Zeilen importiert: 4 neu, 0 geändert, 0 unverändert." in ausgabe.getvalue()
    assert werte_2030() == 4


def test_command_fails_on_any_error_and_saves_nothing(db, tmp_path):
    datei = tmp_path / "werte.csv"
    datei.write_bytes(dateien.csv_bytes([*GUT, ["SGB-II-Quote", "Stadt", "", "x", "1"]]))
    fehler = io.StringIO()
    with pytest.raises(
        CommandError, match=r"1 Fehler in „werte\.csv“; es wurde nichts gespeichert\."
    ):
        call_command("import_kennzahlwerte", str(datei), stderr=fehler)
    assert "werte.csv: Zeile 6, Spalte „Jahr“: „x“ ist keine ganze Zahl." in fehler.getvalue()
    assert werte_2030() == 0


def test_command_exit_status_is_nonzero_on_error(tmp_path):
    """The real command line, as an operator's script would call it."""
    datei = tmp_path / "kaputt.csv"
    datei.write_bytes(b"Kennzahl;Ebene\nx;Stadt\n")
    lauf = subprocess.run(
        [sys.executable, "manage.py", "import_kennzahlwerte", str(datei)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**__import__("os").environ, "DEBUG": "1"},
    )
    assert lauf.returncode != 0
    assert "Zeile 1, Spalte „Jahr“: Pflichtspalte fehlt." in lauf.stderr
