"""Wirkung in the browser: Sozialplanung defines a Kennzahl goal with the keyboard, the item is
published, a new year of Kennzahlwerte is imported, the state changes without typing, and the
effect is assessed; axe on every page."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from freigabe.models import Freigabestatus as F
from stammdaten.models import Kennzahl, Kennzahlwert, Sozialraum
from tests import factories
from tests.dateien import csv_bytes
from tests.e2e.conftest import axe_verstoesse
from wirkung.models import Wirkungspruefung, Wirkungsziel


def deutsch(wert: Decimal) -> str:
    return f"{wert:.1f}".replace(".", ",")


def test_define_a_goal_import_a_year_see_the_state_change_and_assess(als, tmp_path):
    ost = Sozialraum.objects.get(kurzname="OST")
    kinderarmut = Kennzahl.objects.get(name="Kinderarmut")
    basis = Kennzahlwert.objects.get(kennzahl=kinderarmut, sozialraum=ost, jahr=2019).wert
    empfehlung = factories.empfehlung(titel="Kinderarmut in Ost senken")
    ziel_wert = basis - Decimal("3")

    sp = als("sozialplanung")
    sp.goto(empfehlung.get_absolute_url())
    sp.get_by_role("link", name="Wirkungsziel hinzufügen").click()
    expect(sp.get_by_role("heading", level=1)).to_have_text("Wirkungsziel hinzufügen")
    assert axe_verstoesse(sp) == []
    sp.get_by_label("Quelle des Indikators").select_option(label="Kennzahl des Gebiets")
    sp.get_by_label(re.compile(r"^Art\b")).select_option(label="gesellschaftliche Wirkung (Impact)")
    sp.get_by_label("Kennzahl", exact=True).select_option(label="Kinderarmut")
    sp.get_by_label("Sozialraum (Kennzahl)").select_option(label=ost.name)
    sp.get_by_label("Ausgangsjahr").fill("2019")
    sp.get_by_label("Zieljahr").fill("2026")
    sp.get_by_label("Zielwert").fill(deutsch(ziel_wert))
    with sp.expect_navigation():
        sp.keyboard.press("Enter")
    expect(sp.get_by_text("Wirkungsziel gespeichert.")).to_be_visible()
    abschnitt = sp.get_by_role("region", name="Wirkung").or_(sp.locator("#wirkung"))
    expect(abschnitt).to_contain_text(f"{deutsch(basis)} (2019)")
    expect(abschnitt).to_contain_text("Veränderung gegenüber der Stadt")
    expect(sp.get_by_role("img", name=re.compile("Kinderarmut: Soll und Ist"))).to_be_visible()
    assert axe_verstoesse(sp) == []

    empfehlung = factories.in_freigabe_zustand(empfehlung, F.VEROEFFENTLICHT)
    stadt_2024 = Kennzahlwert.objects.get(
        kennzahl=kinderarmut, sozialraum=None, sozialquartier=None, jahr=2024
    ).wert
    datei = tmp_path / "kennzahlwerte-2025.csv"
    datei.write_bytes(
        csv_bytes(
            [
                ["Kennzahl", "Ebene", "Gebiet", "Jahr", "Wert"],
                ["Kinderarmut", "Sozialraum", ost.name, 2025, deutsch(ziel_wert - Decimal("0.5"))],
                ["Kinderarmut", "Stadt", "", 2025, deutsch(stadt_2024)],
            ]
        )
    )
    sp.goto("/admin/stammdaten/kennzahlwert/importieren/")
    sp.get_by_label("Datei (XLSX oder CSV)").set_input_files(str(datei))
    sp.get_by_role("button", name="Prüfen").click()
    sp.get_by_role("button", name="Import bestätigen").click()
    assert Kennzahlwert.objects.filter(jahr=2025, kennzahl=kinderarmut).count() == 2

    sp.goto(empfehlung.get_absolute_url())
    ziel = sp.locator("article.wirkungsziel", has_text="Kinderarmut")
    expect(ziel.locator(".zustand")).to_have_text("erreicht")
    expect(ziel).to_contain_text("(2025)")
    expect(ziel).to_contain_text("besser als die Stadt")

    sp.get_by_role("link", name="Wirkung prüfen").click()
    expect(sp.get_by_role("heading", level=1)).to_contain_text("Wirkung prüfen")
    assert axe_verstoesse(sp) == []
    sp.get_by_label("wirksam", exact=True).check()
    sp.get_by_label("Begründung").fill("Die Kinderarmut sank stärker als in der Stadt.")
    sp.get_by_role("button", name="Urteil speichern").click()
    expect(sp.get_by_text("Wirkungsprüfung gespeichert: wirksam.")).to_be_visible()
    pruefung = Wirkungspruefung.objects.get(empfehlung=empfehlung)
    assert pruefung.belege[0]["zustand"] == "erreicht"
    assert Wirkungsziel.objects.get(empfehlung=empfehlung).kennzahl == kinderarmut
    assert axe_verstoesse(sp) == []
    assert sp.konsolenfehler == []
