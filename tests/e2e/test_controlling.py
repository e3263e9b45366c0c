"""Controlling in the browser: a Fachbereich follows the request to its Meldung, updates the
prefilled Sachstand with the keyboard and submits it; Sozialplanung returns one with a reason,
checks the next, and looks at the period's figures."""

import re

from playwright.sync_api import expect

from controlling.models import Berichtsperiode, Sachstandsmeldung
from tests.e2e.conftest import axe_verstoesse


def test_fachbereich_reports_and_sozialplanung_checks(als):
    periode = Berichtsperiode.objects.filter(abgeschlossen_am__isnull=True).get()
    meldung = (
        periode.meldungen.filter(bereich__code="3-1", status="angefordert").order_by("pk").first()
    )
    assert meldung is not None

    fb = als("fb-jugend")
    fb.get_by_role("link", name=re.compile("Benachrichtigungen")).click()
    fb.get_by_role("link", name=re.compile(f"Sachstand erbeten: {periode}")).click()
    expect(fb.get_by_role("heading", level=1)).to_contain_text(f"Sachstandsmeldungen – {periode}")
    assert axe_verstoesse(fb) == []
    fb.get_by_role("link", name=meldung.titel).first.click()
    expect(fb.get_by_role("heading", level=1)).to_contain_text(f"Sachstand: {meldung.bezeichnung}")
    assert axe_verstoesse(fb) == []

    # Keyboard only: status, progress, text, then submit with Enter.
    fb.get_by_label("verzögert").focus()
    fb.keyboard.press("Space")
    fb.get_by_label("Fortschritt (%)").fill("35")
    fb.get_by_label("Sachstand").fill("Räume gefunden, Umbau läuft bis Ende des Monats.")
    fb.keyboard.press("Tab")
    fb.keyboard.press("Control+A")  # the prefilled next steps are replaced
    fb.keyboard.type("Eröffnung im nächsten Quartal.")  # nächste Schritte
    fb.get_by_label("Hindernisse").fill("")  # prefilled from the last quarter: none any more
    fb.get_by_role("button", name="Einreichen").press("Enter")
    expect(fb.get_by_text("Sachstandsmeldung eingereicht. Vielen Dank!")).to_be_visible()
    meldung.refresh_from_db()
    assert (meldung.status, meldung.umsetzungsstatus, meldung.fortschritt, meldung.ampel) == (
        Sachstandsmeldung.Status.EINGEREICHT,
        "verzoegert",
        35,
        "gelb",
    )
    assert meldung.naechste_schritte == "Eröffnung im nächsten Quartal."

    # Sozialplanung returns it with a reason; the Bereich sees the reason and submits again.
    sp = als("sozialplanung")
    sp.goto(f"/sachstandsmeldungen/{meldung.pk}/")
    sp.get_by_label("Grund der Rückgabe").fill("Bitte den neuen Termin nennen.")
    sp.get_by_role("button", name="Zurückgeben").press("Enter")
    expect(sp.get_by_text(re.compile("an 3-1 .* zurückgegeben"))).to_be_visible()

    fb.goto(f"/sachstandsmeldungen/{meldung.pk}/")
    expect(fb.get_by_role("note")).to_contain_text("Bitte den neuen Termin nennen.")
    fb.get_by_label("Sachstand").fill("Umbau läuft, Eröffnung am 15. des Folgemonats.")
    fb.get_by_role("button", name="Einreichen").press("Enter")
    expect(fb.get_by_text("Sachstandsmeldung eingereicht. Vielen Dank!")).to_be_visible()

    sp.reload()
    sp.get_by_role("button", name="Als geprüft bestätigen").press("Enter")
    expect(sp.get_by_text("als geprüft bestätigt")).to_be_visible()
    expect(sp.get_by_role("heading", level=1)).to_contain_text("geprüft")

    # The period page counts it.
    sp.goto(f"/controlling/perioden/{periode.pk}/")
    expect(sp.get_by_role("heading", level=1)).to_contain_text(str(periode))
    assert axe_verstoesse(sp) == []
    # A reader (committee office) sees the figures with the checked Meldung counted.
    lesend = als("lesend")
    lesend.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Controlling"
    ).click()
    expect(lesend.get_by_role("heading", level=1)).to_contain_text(f"Controlling: {periode}")
    vorgelegt = periode.meldungen.filter(status__in=["eingereicht", "geprueft"]).count()
    expect(lesend.locator(".kennzahlen")).to_contain_text(f"vorgelegt{vorgelegt}")
    assert axe_verstoesse(lesend) == []
    assert fb.konsolenfehler == [] and sp.konsolenfehler == [] and lesend.konsolenfehler == []
