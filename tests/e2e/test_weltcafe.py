"""World-Café in the browser: Sozialplanung types the dots of one Themeninsel with the keyboard
(Tab between cells, Enter to save) and finds the rate with its n on the Steckbrief page."""

import re
from datetime import date

from playwright.sync_api import expect

from empfehlungen.models import Veranstaltung
from tests.e2e.conftest import axe_verstoesse


def test_dots_entered_by_keyboard_appear_on_the_steckbrief(als, settings):
    settings.BEKANNTHEIT_MIN_ANTWORTEN = 10
    cafe = Veranstaltung.objects.get(sozialraum__kurzname="OST", datum=date(2023, 10, 26))
    insel = cafe.themeninseln.get(titel="Jugend")
    erste, zweite = list(insel.abfragen.select_related("steckbrief").order_by("reihenfolge"))[:2]

    sp = als("sozialplanung")
    sp.goto(f"/veranstaltungen/{cafe.pk}/")
    sp.get_by_role("link", name=re.compile("World-Café")).click()
    expect(sp.get_by_role("heading", level=1)).to_contain_text("World-Café: ")
    sp.get_by_role("link", name="Punkte eingeben für Jugend", exact=True).click()
    expect(sp.get_by_role("heading", level=1)).to_contain_text("Punkte der Themeninsel „Jugend“")
    assert axe_verstoesse(sp) == []

    # Keyboard only, like a spreadsheet: type, Tab to the next cell, Enter saves.
    sp.get_by_label(f"ja – {erste.steckbrief.titel}").focus()
    sp.keyboard.press("Control+A")
    sp.keyboard.type("12")
    sp.keyboard.press("Tab")
    sp.keyboard.press("Control+A")
    sp.keyboard.type("4")
    sp.keyboard.press("Tab")
    sp.keyboard.press("Control+A")
    sp.keyboard.type("3")
    sp.keyboard.press("Tab")
    sp.keyboard.press("Control+A")
    sp.keyboard.type("2")
    # Arrow keys move between rows in the same column (and change no value).
    sp.keyboard.press("ArrowUp")
    expect(sp.get_by_label(f"nein – {erste.steckbrief.titel}")).to_be_focused()
    sp.keyboard.press("ArrowDown")
    expect(sp.get_by_label(f"nein – {zweite.steckbrief.titel}")).to_be_focused()
    sp.keyboard.press("Enter")
    expect(sp.get_by_text("Punkte der Themeninsel „Jugend“ gespeichert.")).to_be_visible()
    erste.refresh_from_db()
    zweite.refresh_from_db()
    assert (erste.ja, erste.nein, zweite.ja, zweite.nein) == (12, 4, 3, 2)

    sp.goto(f"/steckbriefe/{erste.steckbrief.pk}/")
    abschnitt = sp.get_by_role("region", name="Bekanntheit je Sozialraum und Runde")
    expect(abschnitt).to_contain_text("75 % (n = 16)")
    sp.goto(f"/steckbriefe/{zweite.steckbrief.pk}/")
    expect(sp.get_by_role("region", name="Bekanntheit je Sozialraum und Runde")).to_contain_text(
        "60 % (n = 5) unsicher"
    )
    assert axe_verstoesse(sp) == []
    assert sp.konsolenfehler == []


def test_a_card_typed_wrongly_is_corrected_and_one_typed_twice_deleted(als):
    cafe = Veranstaltung.objects.get(sozialraum__kurzname="OST", datum=date(2023, 10, 26))
    sp = als("sozialplanung")
    sp.goto(f"/veranstaltungen/{cafe.pk}/karten/")
    sp.get_by_label("Art (Pflichtfeld)").select_option(label="sonstige Anmerkung")
    sp.get_by_label("Karten (Pflichtfeld)").fill("Mehr Bnäke am Markt\nMehr Bänke am Markt")
    sp.get_by_role("button", name="Karten speichern").click()
    expect(sp.get_by_text("2 Karten erfasst.")).to_be_visible()

    # Correct the first: Enter in the text area is a new line, so the keyboard user tabs on.
    sp.get_by_role("link", name=re.compile(r"^Bearbeiten ?: Mehr Bnäke am Markt$")).click()
    assert axe_verstoesse(sp) == []
    sp.get_by_label("Text (Pflichtfeld)").fill("Mehr Bänke am Marktplatz")
    sp.keyboard.press("Tab")
    sp.keyboard.press("Enter")
    expect(sp.get_by_text("Karte geändert.")).to_be_visible()

    # Delete the doubled one, confirmed with the space bar.
    sp.get_by_role("link", name=re.compile(r"^Bearbeiten ?: Mehr Bänke am Markt$")).click()
    sp.get_by_label("Ja, diese Karte löschen").focus()
    sp.keyboard.press("Space")
    sp.get_by_role("button", name="Karte löschen").click()
    expect(sp.get_by_text("Karte „Mehr Bänke am Markt“ gelöscht.")).to_be_visible()
    texte = list(cafe.karten.filter(text__startswith="Mehr B").values_list("text", flat=True))
    assert texte == ["Mehr Bänke am Marktplatz"]
    assert sp.konsolenfehler == []
