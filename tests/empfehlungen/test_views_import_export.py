import csv
import io
import subprocess
import sys

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from empfehlungen.models import Anregung
from empfehlungen.services import anregungen_importieren
from tests import dateien, factories
from tests.worker import BASE_DIR

KOPF = ["Text", "Sozialraum", "Handlungsfeld", "Zielgruppe", "Quelle"]
GUT = [
    KOPF,
    [
        "Mehr Sprechstunden der Frühen Hilfen",
        "OST",
        "Präventionsketten, Familien(grundschul)zentren, Frühe Hilfen",
        "Familien",
        "",
    ],
    ["Jugendtreff am Abend", "Sterkrade-Nord", "Jugend", "Jugendliche", ""],
    ["Kältebus im Winter", "stadtweit", "", "Wohnungslose", ""],
    ["Bänke im Park", "", "", "", ""],
]


@pytest.fixture
def sp(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    return client


def importieren(daten, name="karten.xlsx", veranstaltung=None, speichern=True):
    return anregungen_importieren(
        daten=daten,
        dateiname=name,
        user=factories.sozialplanung(),
        speichern=speichern,
        veranstaltung=veranstaltung,
    )


def test_import_with_veranstaltung(db):
    v = factories.veranstaltung()
    vorher = Anregung.objects.count()
    ergebnis = importieren(dateien.xlsx_bytes(GUT), veranstaltung=v)
    assert ergebnis.fehler == [] and ergebnis.neu == 4
    assert Anregung.objects.count() == vorher + 4
    kaelte = Anregung.objects.get(text="Kältebus im Winter")
    assert kaelte.sozialraum is None and kaelte.veranstaltung == v
    # Empty Sozialraum: the Veranstaltung's.
    assert Anregung.objects.get(text="Bänke im Park").sozialraum == v.sozialraum
    assert Anregung.objects.get(text="Jugendtreff am Abend").sozialraum.kurzname == "STN"
    assert (
        kaelte.status == Anregung.Status.EINGEGANGEN
        and kaelte.erfasst_von.username == "sozialplanung"
    )


@pytest.mark.parametrize("kodierung", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_as_german_excel_writes_it(db, kodierung):
    ergebnis = importieren(
        dateien.csv_bytes(GUT, kodierung=kodierung),
        "karten.csv",
        veranstaltung=factories.veranstaltung(),
    )
    assert ergebnis.ok and ergebnis.neu == 4
    assert Anregung.objects.filter(text="Kältebus im Winter").exists()


def test_errors_name_row_and_column_and_nothing_is_saved(db):
    vorher = Anregung.objects.count()
    zeilen = [*GUT, ["", "OST", "", "", ""], ["Text", "Atlantis", "Zauberei", "", ""]]
    ergebnis = importieren(
        dateien.csv_bytes(zeilen), "karten.csv", veranstaltung=factories.veranstaltung()
    )
    assert [str(f) for f in ergebnis.fehler] == [
        "Zeile 6, Spalte „Text“: Bitte den Text der Anregung angeben.",
        "Zeile 7, Spalte „Handlungsfeld“: Handlungsfeld „Zauberei“ ist unbekannt.",
        "Zeile 7, Spalte „Sozialraum“: Sozialraum „Atlantis“ ist unbekannt (Name, Kürzel oder „stadtweit“).",
    ]
    assert Anregung.objects.count() == vorher


def test_without_veranstaltung_each_row_needs_a_source(db):
    ergebnis = importieren(dateien.csv_bytes([KOPF, ["Text", "OST", "", "", ""]]), "k.csv")
    assert [str(f) for f in ergebnis.fehler] == [
        "Zeile 2, Spalte „Quelle“: Ohne Veranstaltung braucht jede Anregung eine Quelle."
    ]
    assert importieren(dateien.csv_bytes([KOPF, ["Text", "OST", "", "", "E-Mail"]]), "k.csv").ok


def test_missing_text_column(db):
    ergebnis = importieren(dateien.csv_bytes([["Sozialraum"], ["OST"]]), "k.csv")
    assert [str(f) for f in ergebnis.fehler] == ["Zeile 1, Spalte „Text“: Pflichtspalte fehlt."]


@pytest.mark.parametrize(
    ("daten", "name", "meldung"),
    [
        (
            dateien.zip_ersetzen(
                dateien.xlsx_bytes(GUT), {"xl/worksheets/sheet1.xml": b"0" * 60_000_000}
            ),
            "bombe.xlsx",
            "mögliche ZIP-Bombe",
        ),
        (
            dateien.zip_ersetzen(
                dateien.xlsx_bytes(GUT), {"xl/worksheets/sheet1.xml": dateien.ENTITY_BOMBE}
            ),
            "lol.xlsx",
            "unzulässige XML-Konstrukte",
        ),
        (dateien.xlsx_bytes(GUT)[:900], "halb.xlsx", "beschädigt oder abgeschnitten"),
        (b"%PDF-1.4\n", "umbenannt.xlsx", "umbenannt"),
        (b"Text\nA\x00B\n", "nul.csv", "NUL-Bytes"),
        (dateien.sparse_riesenblatt(), "riesig.xlsx", "Datenzeilen; bitte aufteilen"),
    ],
)
def test_hostile_files_are_refused(db, daten, name, meldung):
    vorher = Anregung.objects.count()
    ergebnis = importieren(daten, name, veranstaltung=factories.veranstaltung())
    assert len(ergebnis.fehler) == 1 and meldung in str(ergebnis.fehler[0])
    assert Anregung.objects.count() == vorher


def test_import_page_preview_then_confirm(sp, django_assert_max_num_queries):
    v = factories.veranstaltung()
    url = reverse("anregung_import")
    vorschau = sp.post(
        url,
        {
            "datei": SimpleUploadedFile("karten.xlsx", dateien.xlsx_bytes(GUT)),
            "veranstaltung": v.pk,
        },
    )
    html = vorschau.content.decode()
    assert "Vorschau „karten.xlsx“:</strong> 4 Zeilen – 4 neu" in html
    assert not Anregung.objects.filter(veranstaltung=v).exists()
    with django_assert_max_num_queries(40):
        antwort = sp.post(url, {"ablage": vorschau.context["ablage"]})
    assert antwort.status_code == 302
    # The Veranstaltung chosen with the preview is kept with it.
    assert Anregung.objects.filter(veranstaltung=v).count() == 4
    # A second confirmation (double click, second tab) imports nothing again.
    nochmal = sp.post(url, {"ablage": vorschau.context["ablage"]}, follow=True)
    assert "schon übernommen" in nochmal.content.decode()
    assert Anregung.objects.filter(veranstaltung=v).count() == 4


def test_template_download_has_the_columns(sp):
    antwort = sp.get(reverse("anregung_vorlage", args=["xlsx"]))
    blatt = openpyxl.load_workbook(io.BytesIO(antwort.content)).active
    assert [c.value for c in blatt[1]] == KOPF
    csv_text = sp.get(reverse("anregung_vorlage", args=["csv"])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ";".join(KOPF)
    assert sp.get(reverse("anregung_vorlage", args=["pdf"])).status_code == 404


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://boese")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
)
def test_export_neutralises_formulas(sp, text):
    a = Anregung.objects.create(text=text, erfasst_von=factories.sozialplanung())
    xlsx = sp.get(reverse("anregung_export"), {"format": "xlsx", "suche": ""})
    blatt = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    zeile = next(r for r in blatt.iter_rows(values_only=True) if r[0] == a.nummer)
    assert zeile[1] == ("'" + text).replace("\r", "\n")  # XML reads a CR back as LF
    csv_antwort = sp.get(reverse("anregung_export"), {"format": "csv"})
    zeilen = list(
        csv.reader(io.StringIO(csv_antwort.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )
    assert next(z for z in zeilen if z[0] == a.nummer)[1] == "'" + text


def test_export_follows_the_filter(sp):
    antwort = sp.get(reverse("anregung_export"), {"format": "csv", "status": "dublette"})
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0][:3] == ["Nummer", "Text", "Sozialraum"]
    assert len(zeilen) - 1 == Anregung.objects.filter(status="dublette").count()
    assert {z[7] for z in zeilen[1:]} == {"Dublette"}
    assert antwort["Content-Disposition"].startswith('attachment; filename="anregungen-')


def test_commands_import_and_export(db, tmp_path):
    v = factories.veranstaltung()
    datei = tmp_path / "karten.xlsx"
    datei.write_bytes(dateien.xlsx_bytes(GUT))
    ausgabe = io.StringIO()
    call_command("import_anregungen", str(datei), "--veranstaltung", str(v.pk), stdout=ausgabe)
    assert "4 Anregungen importiert." in ausgabe.getvalue()
    ziel = tmp_path / "export.csv"
    call_command(
        "export_anregungen",
        "--format",
        "csv",
        "--output",
        str(ziel),
        "--veranstaltung",
        str(v.pk),
        stdout=io.StringIO(),
    )
    assert len(ziel.read_text(encoding="utf-8-sig").splitlines()) == 5
    with pytest.raises(CommandError, match="Die Veranstaltung 999999 gibt es nicht."):
        call_command("import_anregungen", str(datei), "--veranstaltung", "999999")


def test_import_command_exits_nonzero_and_prints_row_errors(transactional_db, tmp_path):
    """The real command line against the test database, as an operator's script calls it."""
    from stammdaten.models import User
    from tests.worker import test_database_url

    User.objects.create_user("skript", ist_sozialplanung=True)
    datei = tmp_path / "kaputt.csv"
    datei.write_bytes(dateien.csv_bytes([KOPF, ["Text", "Atlantis", "", "", "Brief"]]))
    lauf = subprocess.run(
        [sys.executable, "manage.py", "import_anregungen", str(datei), "--benutzer", "skript"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**__import__("os").environ, "DEBUG": "1", "DATABASE_URL": test_database_url()},
    )
    assert lauf.returncode != 0
    assert (
        "kaputt.csv: Zeile 2, Spalte „Sozialraum“: Sozialraum „Atlantis“ ist unbekannt"
        in lauf.stderr
    )
