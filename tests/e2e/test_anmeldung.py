from playwright.sync_api import expect

from tests.e2e.conftest import anmelden, axe_verstoesse

ERWARTETE_ROLLE = {
    "sozialplanung": "Sozialplanung",
    "fb-jugend": "Mitarbeit in 3-1 Kinder, Jugend und Familie",
    "bl-jugend": "Leitung in 3-1 Kinder, Jugend und Familie",
    "fb-gesundheit": "Mitarbeit in 3-4 Gesundheit",
    "bl-gesundheit": "Leitung in 3-4 Gesundheit",
    "lesend": "Lesend",
    "admin": "Administration",
}


def test_each_demo_role_signs_in_and_sees_its_start_page(browser, live_server, demo_live):
    # One demo load for all roles (each in its own browser context, own cookies): the
    # demo takes seconds to load, a sign-in a fraction of one.
    for username, rolle in ERWARTETE_ROLLE.items():
        kontext = browser.new_context(base_url=live_server.url, locale="de-DE")
        kontext.set_default_timeout(15_000)
        seite = kontext.new_page()
        fehler: list[str] = []
        seite.on("console", lambda m, f=fehler: f.append(m.text) if m.type == "error" else None)
        try:
            anmelden(seite, username)
            expect(seite.get_by_role("heading", level=1)).to_contain_text("Willkommen")
            expect(seite.locator(".rollenliste")).to_contain_text(rolle)
            expect(seite.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()
            assert fehler == [], (username, fehler)
        finally:
            kontext.close()


def test_login_and_start_page_have_no_axe_violations(seite):
    seite.goto("/anmelden/")
    assert axe_verstoesse(seite) == []
    with seite.expect_navigation():
        seite.get_by_role("button", name="Anmelden").click()  # empty form: error state too
    expect(seite.locator(".feld-fehlertext").first).to_be_visible()
    assert axe_verstoesse(seite) == []
    anmelden(seite, "bl-jugend")
    assert axe_verstoesse(seite) == []


def test_wrong_password_shows_german_message(seite):
    anmelden_url = "/anmelden/"
    seite.goto(anmelden_url)
    seite.get_by_label("Benutzername").fill("fb-jugend")
    seite.get_by_label("Passwort").fill("falsch")
    seite.get_by_role("button", name="Anmelden").click()
    expect(seite.get_by_role("alert")).to_contain_text("Benutzername oder Passwort ist falsch")


def test_skip_link_and_focus_are_keyboard_reachable(seite):
    anmelden(seite, "lesend")
    seite.keyboard.press("Tab")
    fokus = seite.evaluate("document.activeElement.textContent")
    assert fokus.strip() == "Zum Inhalt springen"
    seite.keyboard.press("Enter")
    assert seite.evaluate("document.activeElement.id") == "inhalt"


def test_logout_with_keyboard(seite):
    anmelden(seite, "lesend")
    seite.get_by_role("button", name="Abmelden").focus()
    seite.keyboard.press("Enter")
    seite.wait_for_url("**/anmelden/")
    expect(seite.get_by_role("heading", level=1)).to_have_text("Anmelden")
