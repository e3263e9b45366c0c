"""A citizen without an account, keyboard only: from /transparenz/ to the recommendations of
her Sozialraum, one of them with its timeline and checked Sachstand, the Strategiepapier as
accessible HTML, and the data as CSV; axe finds nothing on any of these pages."""

import csv
import io
import re

from playwright.sync_api import expect

from tests.e2e.conftest import axe_verstoesse


def test_a_citizen_follows_a_recommendation_by_keyboard(seite, settings):
    settings.TRANSPARENZ_AKTIV = True
    seite.goto("/transparenz/")
    expect(seite.get_by_role("heading", level=1)).to_have_text("Was aus den Empfehlungen wurde")
    assert axe_verstoesse(seite) == []

    # The skip link first, then the Sozialraum's link, both by keyboard.
    seite.keyboard.press("Tab")
    expect(seite.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    seite.get_by_role("link", name="Oberhausen-Ost", exact=True).focus()
    with seite.expect_navigation():
        seite.keyboard.press("Enter")
    expect(seite.get_by_role("heading", level=1)).to_have_text("Handlungsempfehlungen")
    expect(seite.get_by_label("Sozialraum", exact=True)).to_have_value("OST")
    assert axe_verstoesse(seite) == []

    # Search within the Sozialraum: type, Enter submits the filter form.
    seite.get_by_label("Suche").focus()
    seite.keyboard.type("Jugend")
    with seite.expect_navigation():
        seite.keyboard.press("Enter")
    zeilen = seite.get_by_role("table").get_by_role("row")
    expect(zeilen.nth(1)).to_be_visible()
    erster = zeilen.nth(1).get_by_role("link").first
    titel = erster.inner_text()
    erster.focus()
    with seite.expect_navigation():
        seite.keyboard.press("Enter")
    expect(seite.get_by_role("heading", level=1)).to_contain_text(titel)
    expect(seite.get_by_role("heading", name="Verlauf")).to_be_visible()
    expect(seite.get_by_role("heading", name="Stand der Umsetzung")).to_be_visible()
    expect(seite.get_by_text("veröffentlicht").first).to_be_visible()
    assert axe_verstoesse(seite) == []

    # The Strategiepapier, as accessible HTML.
    seite.get_by_role("navigation", name="Transparenz").get_by_role(
        "link", name="Strategiepapiere"
    ).focus()
    with seite.expect_navigation():
        seite.keyboard.press("Enter")
    seite.get_by_role("link", name=re.compile(r"^HTML ?: Oberhausen-Ost 2024$")).focus()
    with seite.expect_navigation():
        seite.keyboard.press("Enter")
    expect(seite.get_by_role("heading", level=1)).to_contain_text(
        "Strategiepapier Sozialraum Oberhausen-Ost"
    )
    expect(seite.get_by_role("heading", name="1 Sozialraumanalyse")).to_be_visible()
    assert axe_verstoesse(seite) == []

    # The data: the CSV behind the list, with its documented header.
    seite.goto("/transparenz/daten/")
    assert axe_verstoesse(seite) == []
    href = seite.get_by_role(
        "link", name="CSV (Handlungsempfehlungen der Sozialplanung und ihr Umsetzungsstand)"
    ).get_attribute("href")
    antwort = seite.request.get(href)
    assert antwort.ok and "set-cookie" not in antwort.headers
    zeilen = list(csv.DictReader(io.StringIO(antwort.text())))
    assert zeilen and "umsetzungsstand" in zeilen[0]
    seite.goto("/transparenz/ueberblick/")
    assert axe_verstoesse(seite) == []
    assert seite.context.cookies() == []  # no page set a cookie
    assert seite.konsolenfehler == []
