"""The API documentation works in a closed network: Swagger UI and Redoc load only from this
server (every other request is blocked and counted) and show the operations."""

from urllib.parse import urlsplit

from playwright.sync_api import expect


def _nur_lokal(seite, live_server):
    fremd = []
    host = urlsplit(live_server.url).netloc

    def pruefen(route):
        if urlsplit(route.request.url).netloc not in (host, ""):
            fremd.append(route.request.url)
            return route.abort()
        return route.continue_()

    seite.route("**/*", pruefen)
    return fremd


def test_swagger_ui_and_redoc_work_offline(seite, live_server):
    fremd = _nur_lokal(seite, live_server)
    seite.goto("/api/v1/docs/")
    expect(seite.get_by_text("Sozialplanung – API").first).to_be_visible(timeout=20_000)
    betrieb = seite.locator(
        ".opblock-summary-path", has_text="/api/v1/oeffentlich/empfehlungen/"
    ).first
    expect(betrieb).to_be_visible()
    betrieb.click()
    seite.get_by_role("button", name="Try it out").click()
    seite.get_by_role("button", name="Execute").click()
    expect(seite.locator(".response .response-col_status").first).to_contain_text("200")

    seite.goto("/api/v1/redoc/")
    expect(seite.get_by_role("heading", name="Sozialplanung – API").first).to_be_visible(
        timeout=20_000
    )
    expect(seite.get_by_text("Sachstand speichern oder einreichen").first).to_be_attached()
    assert fremd == []
    # Redoc's footer logo would come from cdn.redoc.ly: the policy blocks it, nothing else.
    blockiert = [f for f in seite.konsolenfehler if "Content Security Policy" in f]
    assert all("cdn.redoc.ly" in f for f in blockiert), blockiert
