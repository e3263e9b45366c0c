"""The Anregungen import checks each row once, in the preview; the confirmation saves the
checked values in one go and re-checks only what may have changed in between."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import importing
from empfehlungen import selectors
from empfehlungen.models import Anregung
from empfehlungen.resources import AnregungImport
from empfehlungen.services import anregungen_importieren, anregungen_pruefen, anregungen_uebernehmen
from stammdaten.models import Handlungsfeld, Sozialraum
from tests import dateien, factories

pytestmark = pytest.mark.django_db
KOPF = ["Text", "Sozialraum", "Handlungsfeld", "Zielgruppe", "Quelle"]


@pytest.fixture
def sp(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    return client


@pytest.fixture
def neuer_raum():
    return Sozialraum.objects.create(name="Neuland", kurzname="NEU")


def _vorschau(client, zeilen, veranstaltung=None):
    daten = {"datei": SimpleUploadedFile("karten.xlsx", dateien.xlsx_bytes([KOPF, *zeilen]))}
    if veranstaltung:
        daten["veranstaltung"] = veranstaltung.pk
    return client.post(reverse("anregung_import"), daten)


def _bestaetigen(client, vorschau):
    return client.post(reverse("anregung_import"), {"ablage": vorschau.context["ablage"]})


def _meldungen(ergebnis) -> list[str]:
    return [str(f) for f in ergebnis.fehler]


def test_each_fault_of_a_row_is_named_with_its_row_and_nothing_is_saved():
    vorher = Anregung.objects.count()
    ergebnis = anregungen_importieren(
        daten=dateien.csv_bytes(
            [
                KOPF,
                ["Bänke im Park", "OST", "", "", "Brief"],
                ["", "Atlantis", "Zauberei", "", ""],
                ["Zwei\nZeilen erlaubt", "", "", "Eine\nZeile", "Mail"],
            ]
        ),
        dateiname="k.csv",
        user=factories.sozialplanung(),
        speichern=True,
    )
    assert _meldungen(ergebnis) == [
        "Zeile 3, Spalte „Handlungsfeld“: Handlungsfeld „Zauberei“ ist unbekannt.",
        "Zeile 3, Spalte „Quelle“: Ohne Veranstaltung braucht jede Anregung eine Quelle.",
        "Zeile 3, Spalte „Sozialraum“: Sozialraum „Atlantis“ ist unbekannt (Name, Kürzel oder "
        "„stadtweit“).",
        "Zeile 3, Spalte „Text“: Bitte den Text der Anregung angeben.",
        "Zeile 4, Spalte „Zielgruppe“: Bitte in einer Zeile schreiben (ohne Zeilenumbruch oder "
        "Tabulator).",
    ]
    assert not ergebnis.gespeichert and ergebnis.tabelle.kopf == KOPF
    assert Anregung.objects.count() == vorher


def test_the_preview_keeps_ids_and_the_confirmation_neither_reads_nor_checks_again(
    sp, monkeypatch, settings, tmp_path
):
    settings.VAR_DIR = str(tmp_path)
    v = factories.veranstaltung()
    vorschau = _vorschau(
        sp, [["Jugendtreff am Abend", "Sterkrade-Nord", "Jugend", "Jugendliche", ""]], v
    )
    gespeichert = json.loads((tmp_path / "import-ablage" / vorschau.context["ablage"]).read_text())
    raum = Sozialraum.objects.get(name="Sterkrade-Nord")
    feld = Handlungsfeld.objects.get(name="Jugend")
    assert gespeichert["tabelle"] == {
        "kopf": AnregungImport.FELDER,
        "zeilen": [["Jugendtreff am Abend", raum.pk, feld.pk, "Jugendliche", ""]],
        "zeilennummern": [2],
    }

    def nicht_noch_einmal(*args, **kwargs):
        raise AssertionError("die Bestätigung liest oder prüft die Datei erneut")

    monkeypatch.setattr(importing, "tabelle_lesen", nicht_noch_einmal)
    monkeypatch.setattr(AnregungImport, "pruefen", nicht_noch_einmal)
    assert _bestaetigen(sp, vorschau).status_code == 302
    karte = Anregung.objects.get(text="Jugendtreff am Abend")
    assert (karte.sozialraum, karte.handlungsfeld, karte.veranstaltung) == (raum, feld, v)
    assert karte.status == Anregung.Status.EINGEGANGEN and karte.erfasst_von.username == (
        "sozialplanung"
    )


def test_the_preview_page_shows_only_the_first_rows(sp):
    vorschau = _vorschau(sp, [[f"Karte {i}", "OST", "", "", "Mail"] for i in range(60)])
    html = vorschau.content.decode()
    assert "60 Zeilen – 60 neu" in html and "Die ersten 50 Zeilen" in html
    assert "Zeile 51</th>" in html and "Zeile 52</th>" not in html


def test_a_sozialraum_deleted_after_the_preview_gives_row_errors_and_saves_nothing(sp, neuer_raum):
    zeilen = [
        ["Karte eins", "OST", "", "", "Mail"],
        ["Karte zwei", "Neuland", "", "", "Mail"],
        ["Karte drei", "neu", "", "", "Mail"],
    ]
    vorschau = _vorschau(sp, zeilen)
    assert vorschau.context["ergebnis"].ok
    neuer_raum.delete()
    antwort = _bestaetigen(sp, vorschau)
    assert antwort.status_code == 200
    assert _meldungen(antwort.context["ergebnis"]) == [
        f"Zeile {n}, Spalte „Sozialraum“: Diesen Sozialraum gibt es seit der Vorschau nicht "
        "mehr. Bitte die Datei erneut hochladen."
        for n in (3, 4)
    ]
    assert "es wurde nichts gespeichert" in antwort.content.decode()
    assert not Anregung.objects.filter(text="Karte eins").exists()


def test_a_handlungsfeld_deleted_after_the_preview_gives_row_errors():
    feld = Handlungsfeld.objects.create(name="Neues Feld")
    user = factories.sozialplanung()
    ergebnis = anregungen_pruefen(
        daten=dateien.csv_bytes([KOPF, ["Karte", "", "Neues Feld", "", "Mail"]]),
        dateiname="k.csv",
        user=user,
    )
    feld.delete()
    ergebnis = anregungen_uebernehmen(
        werte=ergebnis.tabelle, dateiname="k.csv", user=user, veranstaltung_id=None
    )
    assert _meldungen(ergebnis) == [
        "Zeile 2, Spalte „Handlungsfeld“: Dieses Handlungsfeld gibt es seit der Vorschau nicht "
        "mehr. Bitte die Datei erneut hochladen."
    ]
    assert not Anregung.objects.filter(text="Karte").exists()


def test_a_veranstaltung_deleted_after_the_preview_saves_nothing(sp):
    v = factories.veranstaltung()
    vorschau = _vorschau(sp, [["Karte ohne Quelle", "", "", "", ""]], v)
    v.delete()
    antwort = _bestaetigen(sp, vorschau)
    assert _meldungen(antwort.context["ergebnis"]) == [
        "Die gewählte Veranstaltung gibt es seit der Vorschau nicht mehr. Bitte die Datei "
        "erneut hochladen."
    ]
    assert not Anregung.objects.filter(text="Karte ohne Quelle").exists()


def test_the_right_is_checked_again_at_the_confirmation(benutzer):
    ergebnis = anregungen_pruefen(
        daten=dateien.csv_bytes([KOPF, ["Karte", "", "", "", "Mail"]]),
        dateiname="k.csv",
        user=benutzer["sozialplanung"],
    )
    with pytest.raises(PermissionDenied):
        anregungen_uebernehmen(
            werte=ergebnis.tabelle,
            dateiname="k.csv",
            user=benutzer["lesend"],
            veranstaltung_id=None,
        )
    assert not Anregung.objects.filter(text="Karte").exists()


def test_another_imports_preview_cannot_be_confirmed_here():
    fremd = importing.Tabelle(["Kennzahl", "Ebene", "Gebiet", "Jahr", "Wert"], [[1] * 5], [2])
    ergebnis = anregungen_uebernehmen(
        werte=fremd, dateiname="w.csv", user=factories.sozialplanung(), veranstaltung_id=None
    )
    assert _meldungen(ergebnis) == [
        "Diese Vorschau passt nicht zu diesem Import. Bitte die Datei erneut hochladen."
    ]


@pytest.mark.postgres
def test_a_sozialraum_deleted_during_the_insert_is_reported_not_raised(
    nur_postgres, neuer_raum, monkeypatch
):
    """The race the re-check cannot see: the database refuses the row, and the check, run
    again after the rollback, names it."""
    user = factories.sozialplanung()
    ergebnis = anregungen_pruefen(
        daten=dateien.csv_bytes([KOPF, ["Karte im Neuland", "NEU", "", "", "Mail"]]),
        dateiname="k.csv",
        user=user,
    )
    neuer_raum.delete()
    echt = AnregungImport.nachpruefen
    antworten = iter([lambda self, werte: [], echt])
    monkeypatch.setattr(AnregungImport, "nachpruefen", lambda s, w: next(antworten)(s, w))
    ergebnis = anregungen_uebernehmen(
        werte=ergebnis.tabelle, dateiname="k.csv", user=user, veranstaltung_id=None
    )
    assert _meldungen(ergebnis) == [
        "Zeile 2, Spalte „Sozialraum“: Diesen Sozialraum gibt es seit der Vorschau nicht mehr. "
        "Bitte die Datei erneut hochladen."
    ]
    assert not Anregung.objects.filter(text="Karte im Neuland").exists()


@pytest.mark.postgres
def test_the_search_vector_is_filled_for_imported_cards(nur_postgres):
    ergebnis = anregungen_importieren(
        daten=dateien.xlsx_bytes([KOPF, ["Wärmestube für Wohnungslose", "", "", "", "Mail"]]),
        dateiname="k.xlsx",
        user=factories.sozialplanung(),
        speichern=True,
    )
    assert ergebnis.gespeichert
    karte = Anregung.objects.filter(text="Wärmestube für Wohnungslose")
    assert karte.filter(suchvektor__isnull=False).count() == 1
    treffer, _ = selectors.anregungen_gefiltert(user=None, suche="Wärmestuben")
    assert list(treffer.values_list("pk", flat=True)) == [karte.get().pk]
