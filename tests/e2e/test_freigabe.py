"""From a draft to the published Strategiepapier: Sozialplanung, two Bereiche and their two
Bereichsleitungen, each in their own browser, then the PDF's text."""

import io
import re
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from tests import factories
from tests.e2e.conftest import axe_verstoesse

TITEL = "Straßensozialarbeit am Hauptbahnhof – Jugendliche früh erreichen"


def test_abstimmung_freigabe_and_publication(als, celery_worker, settings):
    # The worker builds the PDF into its own media folder; the web reads it from there.
    settings.MEDIA_ROOT = str(Path(settings.VAR_DIR) / "media")
    e = factories.empfehlung(titel=TITEL)  # OST, led by 3-1, involving 3-4
    name = f"{e.nummer} {TITEL}"

    sp = als("sozialplanung")
    sp.goto(f"/empfehlungen/{e.pk}/")
    sp.get_by_role("button", name="Zur Abstimmung geben").click()
    expect(sp.get_by_text("Zur Abstimmung gegeben.")).to_be_visible()

    # Both Bereiche agree: each finds the task on the start page.
    for username, bereich in (("fb-jugend", "3-1"), ("fb-gesundheit", "3-4")):
        fb = als(username)
        aufgaben = fb.get_by_role("region", name="Meine Aufgaben")
        aufgaben.get_by_role("link", name=name).click()
        expect(fb.get_by_role("heading", name="Ihre Antwort zum aktuellen Stand")).to_be_visible()
        assert axe_verstoesse(fb) == []
        fb.get_by_label("einverstanden").check()
        fb.get_by_role("button", name="Antwort senden").press("Enter")
        expect(fb.get_by_text(re.compile(f"Antwort für {bereich} .* gespeichert"))).to_be_visible()

    sp.reload()
    sp.get_by_role("button", name="Zur Freigabe geben").click()
    expect(sp.get_by_text("Zur Freigabe gegeben")).to_be_visible()

    # bl-jugend comes from her notifications (the mail's link leads to the same place).
    bl = als("bl-jugend")
    bl.get_by_role("link", name=re.compile("Benachrichtigungen")).click()
    bl.get_by_role(
        "link", name=f"Freigabe erbeten: Handlungsempfehlung {e.nummer} „{TITEL}“"
    ).click()
    expect(bl.get_by_role("heading", level=1)).to_contain_text(
        f"Freigabe: Handlungsempfehlung {e.nummer}"
    )
    assert axe_verstoesse(bl) == []
    bl.get_by_role("button", name="Entscheidung bestätigen").press("Enter")
    expect(bl.get_by_text("Freigegeben für 3-1")).to_be_visible()

    # bl-gesundheit from her start page; her approval is the last one.
    bl = als("bl-gesundheit")
    bl.get_by_role("region", name="Meine Aufgaben").get_by_role("link", name=name).click()
    bl.get_by_role("button", name="Entscheidung bestätigen").click()
    expect(bl.get_by_text("Freigegeben für 3-4")).to_be_visible()
    expect(bl.get_by_role("heading", level=1)).to_contain_text("freigegeben")

    # Sozialplanung publishes the Strategiepapier of Oberhausen-Ost.
    sp.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Strategiepapiere"
    ).click()
    sp.get_by_role("link", name="Strategiepapier anlegen").click()
    sp.get_by_label("Sozialraum").select_option(label="Oberhausen-Ost")
    sp.get_by_label("Ausgabe (Jahr)").fill("2025")
    sp.get_by_role("button", name="Anlegen").click()
    expect(sp.get_by_label(name)).to_be_checked()
    assert axe_verstoesse(sp) == []

    # A preview first: built by the worker, the page follows its progress by itself.
    sp.get_by_role("button", name="Vorschau als PDF").click()
    expect(sp.get_by_role("heading", level=1)).to_contain_text("Vorschau: Strategiepapier")
    expect(sp.get_by_role("link", name="PDF öffnen")).to_be_visible(timeout=60_000)
    assert axe_verstoesse(sp) == []
    antwort = sp.request.get(sp.get_by_role("link", name="PDF öffnen").get_attribute("href"))
    assert antwort.ok and antwort.headers["content-type"] == "application/pdf"
    vorschau = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(antwort.body())).pages)
    assert "VORSCHAU, nicht veröffentlicht" in vorschau
    sp.get_by_role("link", name="Zurück zur Seite").click()

    sp.get_by_role("button", name="Veröffentlichen").click()
    expect(sp.get_by_text("veröffentlicht; alle enthaltenen")).to_be_visible(timeout=60_000)
    sp.get_by_role("link", name="Zurück zur Seite").click()

    href = sp.get_by_role("link", name="PDF herunterladen").get_attribute("href")
    antwort = sp.request.get(href)
    assert antwort.ok and antwort.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(antwort.body())).pages)
    assert f"{e.nummer} {TITEL}" in text
    assert "Sozialraum Oberhausen-Ost" in text and "Ausgabe 2025" in text
    for seite in (sp,):
        assert seite.konsolenfehler == []
