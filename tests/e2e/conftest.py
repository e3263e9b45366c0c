"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Chromium missing: skipped locally with a hint, a failure when E2E_REQUIRED=1 (CI)."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The closed city network: no background connections, no component updates.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        meldung = f"Chromium fehlt unter {CHROMIUM} (Debian: apt-get install chromium)."
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(meldung)
        pytest.skip(meldung)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_live(transactional_db):
    from start import demo

    demo.laden()


@pytest.fixture
def seite(browser, live_server, demo_live):
    kontext = browser.new_context(base_url=live_server.url, locale="de-DE")
    kontext.set_default_timeout(15_000)
    page = kontext.new_page()
    fehler: list[str] = []
    page.on("console", lambda m: fehler.append(m.text) if m.type == "error" else None)
    page.konsolenfehler = fehler
    yield page
    kontext.close()


def anmelden(page, username: str, password: str = "demo") -> None:
    """Sign in with the keyboard only, as a user without a mouse would."""
    page.goto("/")
    page.get_by_label("Benutzername").fill(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def axe_verstoesse(page) -> list[str]:
    """Accessibility violations axe-core finds on the page (bundled script, no download)."""
    from axe_playwright_python.sync_playwright import Axe

    ergebnis = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×)" for v in ergebnis.response["violations"]]


@pytest.fixture
def als(browser, live_server, demo_live):
    """als("bl-jugend") -> a signed-in page in its own browser context (own cookies)."""
    kontexte = []

    def _seite(username: str):
        kontext = browser.new_context(base_url=live_server.url, locale="de-DE")
        kontext.set_default_timeout(15_000)
        kontexte.append(kontext)
        page = kontext.new_page()
        fehler: list[str] = []
        page.on("console", lambda m: fehler.append(m.text) if m.type == "error" else None)
        page.konsolenfehler = fehler
        anmelden(page, username)
        return page

    yield _seite
    for kontext in kontexte:
        kontext.close()
