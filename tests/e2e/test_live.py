"""Live at the event in the browser: Sozialplanung opens a round with the keyboard and puts the
projector page on the wall; phones (small viewport, touch, no account) answer and the
projector shows the answers by itself; a listed word stays hidden, a second answer from the
same phone and an answer after closing are refused in German; axe on every page."""

import re
from datetime import date

from playwright.sync_api import expect

from empfehlungen.models import Veranstaltung
from tests.e2e.conftest import axe_verstoesse
from weltcafe.models import Liverunde, Rueckmeldewort

TELEFON = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def telefon(browser, live_server):
    kontext = browser.new_context(base_url=live_server.url, locale="de-DE", **TELEFON)
    kontext.set_default_timeout(15_000)
    return kontext


def test_phones_answer_and_the_projector_shows_it(als, browser, live_server):
    cafe = Veranstaltung.objects.get(sozialraum__kurzname="OST", datum=date(2023, 10, 26))
    sp = als("sozialplanung")
    sp.goto(f"/veranstaltungen/{cafe.pk}/weltcafe/")
    sp.get_by_role("link", name="Live-Runden (Telefon, QR-Code)").click()
    expect(sp.get_by_role("heading", level=1)).to_contain_text("Live-Runden")
    assert axe_verstoesse(sp) == []

    # Keyboard only: choose the kind, then Enter in the question field opens the round.
    sp.get_by_label("Art der Frage").select_option(label="Rückmeldung in ein bis zwei Worten")
    sp.get_by_label("Frage", exact=True).focus()
    sp.keyboard.type("Wie war der Abend? Ein bis zwei Worte.")
    with sp.expect_navigation():
        sp.keyboard.press("Enter")
    expect(sp.get_by_role("heading", level=1)).to_have_text(
        "Wie war der Abend? Ein bis zwei Worte."
    )
    runde = Liverunde.objects.get(veranstaltung=cafe)
    expect(sp.locator(".live-link strong")).to_have_text(re.compile(f"/l/{runde.kurzcode}/$"))
    expect(sp.get_by_role("img", name=re.compile("^QR-Code zur Adresse http"))).to_be_visible()
    assert axe_verstoesse(sp) == []

    erstes, zweites = telefon(browser, live_server), telefon(browser, live_server)
    try:
        handy = erstes.new_page()
        handy.goto(f"/l/{runde.kurzcode}/")
        expect(handy.get_by_role("heading", level=1)).to_have_text(runde.frage)
        assert axe_verstoesse(handy) == []
        # A second tab of the same phone, opened before the first answer.
        zweiter_tab = erstes.new_page()
        zweiter_tab.goto(f"/l/{runde.kurzcode}/")

        handy.get_by_label("Ihre Antwort (ein oder zwei Worte)").fill("Gemeinschaft")
        handy.get_by_role("button", name="Senden").tap()
        expect(handy.get_by_role("status")).to_have_text("Danke! Ihre Antwort ist angekommen.")
        assert axe_verstoesse(handy) == []

        # The projector updates by itself (no reload).
        stand = sp.locator("#live-stand")
        expect(stand).to_contain_text("Gemeinschaft", timeout=6_000)
        expect(stand).to_contain_text("1 Antwort")

        zweiter_tab.get_by_label("Ihre Antwort (ein oder zwei Worte)").fill("Nochmal")
        zweiter_tab.get_by_role("button", name="Senden").tap()
        expect(zweiter_tab.get_by_role("alert")).to_have_text(
            "Von diesem Gerät ist diese Frage schon beantwortet."
        )

        anderes = zweites.new_page()
        anderes.goto(f"/l/{runde.kurzcode}/")
        anderes.get_by_label("Ihre Antwort (ein oder zwei Worte)").fill("Idioten")
        anderes.get_by_role("button", name="Senden").tap()
        expect(anderes.get_by_role("status")).to_have_text("Danke! Ihre Antwort ist angekommen.")
        dritter = telefon(browser, live_server)
        spaet = dritter.new_page()
        spaet.goto(f"/l/{runde.kurzcode}/")
        spaet.get_by_label("Ihre Antwort (ein oder zwei Worte)").fill("Zusammenhalt")
        spaet.get_by_role("button", name="Senden").tap()
        expect(stand).to_contain_text("Zusammenhalt", timeout=6_000)
        # Sent before "Zusammenhalt", so a poll that shows that one would show it too.
        expect(stand).not_to_contain_text("Idioten")
        expect(stand).to_contain_text("2 Antworten")

        # Moderation shows the listed word as hidden; the projector closes the round.
        sp.get_by_role("link", name="Moderation").click()
        zeile = sp.get_by_role("row", name=re.compile("Idioten"))
        expect(zeile).to_contain_text("automatisch verborgen")
        assert axe_verstoesse(sp) == []
        sp.get_by_role("link", name="Zum Projektor").click()
        sp.get_by_role("button", name="Runde schließen").focus()
        with sp.expect_navigation():
            sp.keyboard.press("Enter")
        expect(sp.locator("#live-stand")).to_contain_text("Runde geschlossen")

        # A phone that still shows the form is refused.
        noch_offen = zweites.new_page()
        noch_offen.goto(f"/l/{runde.kurzcode}/")
        expect(noch_offen.get_by_role("status")).to_contain_text("Diese Runde ist geschlossen.")
        dritter.close()
    finally:
        erstes.close()
        zweites.close()

    woerter = dict(Rueckmeldewort.objects.filter(veranstaltung=cafe).values_list("wort", "anzahl"))
    assert woerter.get("Gemeinschaft") == 1 and woerter.get("Zusammenhalt") == 1
    assert "Idioten" not in woerter and "Nochmal" not in woerter
    assert sp.konsolenfehler == []


def test_offers_tapped_on_a_phone_move_the_projectors_bars(als, browser, live_server):
    cafe = Veranstaltung.objects.get(sozialraum__kurzname="OST", datum=date(2023, 10, 26))
    insel = cafe.themeninseln.get(titel="Jugend")
    erste = insel.abfragen.select_related("steckbrief").order_by("reihenfolge").first()
    sp = als("sozialplanung")
    sp.goto(f"/veranstaltungen/{cafe.pk}/live/")
    sp.get_by_label("Art der Frage").select_option(label="Kennen Sie das Angebot?")
    sp.get_by_label("Themeninsel").select_option(label="Jugend")
    sp.get_by_role("button", name="Runde öffnen").click()
    runde = Liverunde.objects.get(veranstaltung=cafe)
    zeile = sp.locator(".live-balken li", has_text=erste.steckbrief.titel)
    expect(zeile).to_contain_text("noch keine Antworten")

    kontext = telefon(browser, live_server)
    try:
        handy = kontext.new_page()
        handy.goto(f"/l/{runde.kurzcode}/")
        assert axe_verstoesse(handy) == []
        angebot = handy.locator(f"#angebot-{erste.pk}")
        angebot.get_by_role("button", name=re.compile(r"^ja")).tap()
        expect(handy.locator(f"#angebot-{erste.pk}")).to_contain_text("Ihre Antwort: ja")
        assert axe_verstoesse(handy) == []
    finally:
        kontext.close()
    expect(zeile).to_contain_text("1 ja · 0 nein · n = 1 · 100 % bekannt", timeout=6_000)
    erste.refresh_from_db()
    assert erste.ja_digital == 1
