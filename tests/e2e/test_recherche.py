"""The planner's day: import the cards of a conference, take three of them down three paths,
and see how each was decided."""

import re

from playwright.sync_api import expect

from tests import dateien
from tests.e2e.conftest import anmelden

KARTEN = [
    ["Text", "Sozialraum", "Handlungsfeld", "Zielgruppe", "Quelle"],
    ["Es fehlt Fanarbeit für junge Fußballfans", "", "Jugend", "Jugendliche", ""],
    [
        "Ein Familienbüro mit Abendsprechstunde fehlt",
        "",
        "Präventionsketten, Familien(grundschul)zentren, Frühe Hilfen",
        "Eltern",
        "",
    ],
    ["Die Bundesagentur soll Öffnungszeiten ändern", "", "", "", ""],
]


def anregung_oeffnen(seite, text, suchwort):
    seite.goto("/anregungen/?suche=" + suchwort)
    seite.get_by_role("row").filter(has_text=text).get_by_role("link").first.click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Anregung A-")


def test_import_and_three_research_paths(seite, tmp_path):
    anmelden(seite, "sozialplanung")

    # Import the cards of the Oberhausen-Ost World-Café, with preview and confirmation.
    datei = tmp_path / "karten.xlsx"
    datei.write_bytes(dateien.xlsx_bytes(KARTEN))
    seite.goto("/anregungen/import/")
    seite.get_by_label("Datei (XLSX oder CSV)").set_input_files(str(datei))
    seite.get_by_label("Veranstaltung").select_option(
        label="Expert*innendialog im Sozialraum Oberhausen-Ost – Markt der Möglichkeiten (26.10.2023)"
    )
    seite.get_by_role("button", name="Prüfen und Vorschau zeigen").click()
    expect(seite.get_by_role("status")).to_contain_text("3 Zeilen – 3 neu")
    seite.get_by_role("button", name="Import bestätigen").click()
    expect(seite.get_by_text("„karten.xlsx“ importiert: 3 Anregungen angelegt.")).to_be_visible()
    for karte in KARTEN[1:]:
        expect(seite.get_by_role("row").filter(has_text=karte[0])).to_contain_text("eingegangen")

    # Path 1: the offer exists (Fanprojekt) -> verknüpft with its Steckbrief.
    anregung_oeffnen(seite, KARTEN[1][0], "Fanarbeit")
    seite.get_by_role("button", name="Recherche beginnen").press("Enter")
    expect(seite.get_by_text("Recherche begonnen.")).to_be_visible()
    seite.get_by_label("Suchbegriffe").fill("Fanprojekt")
    seite.get_by_label("Suchbegriffe").press("Enter")
    seite.get_by_role("listitem").filter(has_text="Fanprojekt Oberhausen").get_by_role(
        "button", name="Angebot vorhanden: diesen verknüpfen"
    ).first.click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text("verknüpft")
    expect(seite.locator(".verlauf")).to_contain_text("Angebot vorhanden → verknüpft")

    # Path 2: no offer -> Statistikprüfung -> Bedarf belegt -> new Empfehlung.
    anregung_oeffnen(seite, KARTEN[2][0], "Familienbüro")
    seite.get_by_role("button", name="Recherche beginnen").click()
    seite.get_by_role("button", name="Angebot fehlt: zur Statistikprüfung").click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Statistikprüfung")
    seite.get_by_label("Kinderarmut").check()
    seite.get_by_label("Bedarf belegt", exact=True).check()
    seite.get_by_label("Begründung").fill("Kinderarmut im Sozialraum über dem Stadtwert.")
    seite.get_by_role("button", name="Prüfung speichern").click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Bedarf belegt")
    seite.get_by_role("link", name="Neue Handlungsempfehlung anlegen").click()
    seite.get_by_label("Titel").fill("Familienbüro mit Abendsprechstunde")
    seite.get_by_role("button", name="Speichern").click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text(
        re.compile(r"OST-\d\d Familienbüro")
    )
    expect(seite.get_by_text("Kinderarmut im Sozialraum über dem Stadtwert.").first).to_be_visible()

    # Path 3: not the city's remit.
    anregung_oeffnen(seite, KARTEN[3][0], "Bundesagentur")
    seite.get_by_label("Begründung „nicht zuständig“").fill("Aufgabe der Bundesagentur für Arbeit")
    seite.get_by_role("button", name="Nicht zuständig").click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text("nicht zuständig")

    # Each Anregung shows how it was decided.
    seite.goto("/anregungen/?suche=Familienbüro")
    seite.get_by_role("link", name=re.compile("^A-")).first.click()
    verlauf = seite.locator(".verlauf")
    for schritt in [
        "eingegangen → in Recherche",
        "in Recherche → Statistikprüfung",
        "Statistikprüfung → Bedarf belegt",
        "Bedarf belegt → verknüpft",
    ]:
        expect(verlauf).to_contain_text(schritt)
    assert seite.konsolenfehler == []


def test_intake_pages_have_no_axe_violations(seite):
    from empfehlungen.models import Anregung
    from tests.e2e.test_anmeldung import axe_verstoesse

    anmelden(seite, "sozialplanung")
    belegt = Anregung.objects.filter(status="bedarf_belegt").first()
    pruefung = Anregung.objects.filter(status="statistikpruefung").first()
    for url in [
        "/anregungen/",
        f"/anregungen/{belegt.pk}/?suche=Jugend",
        f"/anregungen/{pruefung.pk}/statistikpruefung/",
        "/anregungen/import/",
        "/anregungen/neu/",
        f"/anregungen/{belegt.pk}/empfehlung-neu/",
        "/veranstaltungen/",
        "/empfehlungen/",
        "/steckbriefe/neu/",
        "/sozialindex/",
        "/sozialraeume/OST/",
        "/bereiche/3-1/mitglieder/",
        "/kennzahlen/",
    ]:
        seite.goto(url)
        assert axe_verstoesse(seite) == [], url
