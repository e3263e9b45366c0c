"""All goals at a glance (counts per Bereich and Handlungsfeld), their export, and the import
of actual values of own indicators: all rows or none, each error with its row number."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import dateien
from wirkung import services
from wirkung.models import Istwert


@pytest.fixture
def eigenes(sp, entwurf):
    return services.ziel_speichern(
        user=sp,
        gegenstand=entwurf,
        quelle="eigen",
        art="leistung",
        bezeichnung="Hausbesuche",
        richtung="steigen",
        basis_jahr=2024,
        basis_wert=D(10),
        ziel_jahr=2027,
        ziel_wert=D(40),
    )


def hochladen(client, zeilen, name="istwerte.xlsx"):
    daten = dateien.xlsx_bytes(zeilen) if name.endswith("xlsx") else dateien.csv_bytes(zeilen)
    return client.post(
        reverse("wirkung_istwerte_import"), {"datei": SimpleUploadedFile(name, daten)}
    )


def test_a_good_file_is_taken_whole(client_als, eigenes):
    antwort = hochladen(
        client_als("fb-jugend"),
        [
            ["Ziel-ID", "Jahr", "Quartal", "Wert", "Herkunft"],
            [eigenes.pk, 2025, 1, "12,5", "Trägerstatistik"],
            [eigenes.pk, 2025, None, "1020", None],
        ],
    )
    assert antwort.status_code == 302
    werte = {(i.jahr, i.quartal): (i.wert, i.herkunft) for i in eigenes.istwerte.all()}
    assert werte == {
        (2025, 1): (D("12.5"), "Trägerstatistik"),
        (2025, None): (D("1020"), "Import „istwerte.xlsx“"),
    }


def test_any_bad_row_saves_nothing_and_names_its_row(client_als, eigenes, sp, kinderarmut, ost):
    from tests.wirkung.test_services import kennzahl_ziel

    kennzahl = kennzahl_ziel(sp, eigenes.gegenstand, kinderarmut, ost)
    antwort = hochladen(
        client_als("fb-jugend"),
        [
            ["ziel-id", "JAHR", "Quartal", "Wert"],
            [eigenes.pk, 2025, 1, "12"],
            [eigenes.pk, 2023, None, "5"],
            [eigenes.pk, 2025, 5, "zwölf"],
            [999999, 2025, None, "1"],
            [kennzahl.pk, 2025, None, "1"],
            [eigenes.pk, 2025, 1, "13"],
            [eigenes.pk, 2026, None, "1.020"],
        ],
        name="istwerte.csv",
    )
    assert antwort.status_code == 400
    text = antwort.content.decode()
    assert "7 Fehler in „istwerte.csv“ – es wurde nichts gespeichert." in text
    for meldung in (
        "Zeile 3, Spalte „Jahr“: 2023 liegt vor dem Ausgangsjahr 2024.",
        "Zeile 4, Spalte „Quartal“",
        "Zeile 4, Spalte „Wert“: Wert: „zwölf“ ist keine Zahl.",
        "Zeile 5, Spalte „Ziel-ID“: Ein Wirkungsziel „999999“ gibt es nicht.",
        "Zeile 6, Spalte „Ziel-ID“",
        "Zeile 7, Spalte „Jahr“: Doppelt: derselbe Zeitraum steht schon in Zeile 2.",
        "Zeile 8, Spalte „Wert“: Wert: „1.020“ ist mehrdeutig",
    ):
        assert meldung in text, meldung
    assert not Istwert.objects.filter(ziel=eigenes).exists()


def test_another_bereich_cannot_import_for_this_item(client_als, eigenes):
    antwort = hochladen(
        client_als("fb-gesundheit"), [["Ziel-ID", "Jahr", "Wert"], [eigenes.pk, 2025, "3"]]
    )
    assert antwort.status_code == 400
    assert "meldet nur der federführende Bereich" in antwort.content.decode()


def test_the_overview_counts_per_bereich_and_lists_off_course_first(client_als, eigenes, sp):
    services.istwert_erfassen(user=sp, ziel=eigenes, jahr=2025, wert=D(11))
    seite = client_als("sozialplanung").get(reverse("wirkung_uebersicht"))
    inhalt = seite.content.decode()
    assert "Je federführendem Bereich" in inhalt and "Je Handlungsfeld" in inhalt
    liste = inhalt[inhalt.index("Ziele, nicht auf Kurs zuerst") :]
    assert liste.index("Hausbesuche") < liste.index("auf Kurs</td>") or "Hausbesuche" in liste


def test_readers_see_published_goals_only(client_als, eigenes):
    inhalt = client_als("lesend").get(reverse("wirkung_uebersicht")).content.decode()
    assert "Hausbesuche" not in inhalt  # a draft of 3-1


def test_the_export_carries_the_ids_the_import_needs(client_als, eigenes):
    antwort = client_als("sozialplanung").get(reverse("wirkung_export") + "?format=csv")
    text = antwort.content.decode("utf-8-sig")
    kopf, *zeilen = text.splitlines()
    assert kopf.startswith("Ziel-ID;Eintrag;Titel")
    assert any(z.startswith(f"{eigenes.pk};") and "Hausbesuche" in z for z in zeilen)
    assert (
        client_als("sozialplanung").get(reverse("wirkung_export") + "?format=pdf").status_code
        == 404
    )
