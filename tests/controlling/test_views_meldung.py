"""Meldung pages through the test client: who may read and write, bad input, query bounds."""

import re

import pytest
from django.urls import reverse

from controlling.models import Sachstandsmeldung
from empfehlungen.models import Handlungsempfehlung
from stammdaten.models import Bereich
from tests.controlling.hilfen import eroeffnet, nur_diese, veroeffentlicht

M = Sachstandsmeldung.Status


@pytest.fixture
def meldungen(db):
    """One Meldung of 3-1 (Jugend) and one of 3-4 (Gesundheit) in the same period."""
    jugend = veroeffentlicht(Handlungsempfehlung, titel="Jugendtreff")
    gesundheit = veroeffentlicht(
        Handlungsempfehlung,
        titel="Gesundheitslotsen",
        federfuehrung=Bereich.objects.get(code="3-4"),
    )
    periode = eroeffnet()
    return nur_diese(periode, jugend).get(), nur_diese(periode, gesundheit).get()


def _formular(**werte):
    return {
        "umsetzungsstatus": "in_umsetzung",
        "fortschritt": "50",
        "sachstand": "Räume angemietet",
        "naechste_schritte": "Eröffnung im Mai",
        "hindernisse": "",
        "version": "0",
        **werte,
    }


@pytest.mark.parametrize("rolle", ["fb-jugend", "bl-jugend"])
def test_a_member_of_3_1_cannot_read_or_write_a_meldung_of_3_4(meldungen, client_als, rolle):
    jugend, gesundheit = meldungen
    client = client_als(rolle)
    url = reverse("meldung_detail", args=[gesundheit.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _formular(aktion="einreichen")).status_code == 404
    gesundheit.refresh_from_db()
    assert (gesundheit.status, gesundheit.sachstand) == (M.ANGEFORDERT, "")
    # The list shows the own Bereich's Meldungen only.
    antwort = client.get(reverse("meldung_liste"), {"periode": jugend.periode_id})
    assert "Jugendtreff" in antwort.content.decode()
    assert "Gesundheitslotsen" not in antwort.content.decode()


def test_readers_and_people_without_a_bereich_get_403(meldungen, client_als):
    jugend, _ = meldungen
    for rolle in ("lesend", "ohne-rolle"):
        client = client_als(rolle)
        assert client.get(reverse("meldung_liste")).status_code == 403
        assert client.get(reverse("meldung_detail", args=[jugend.pk])).status_code == 403


def test_the_bereich_saves_a_draft_then_submits(meldungen, client_als):
    jugend, _ = meldungen
    client = client_als("fb-jugend")
    url = reverse("meldung_detail", args=[jugend.pk])
    seite = client.get(url).content.decode()
    assert 'name="aktion" value="einreichen"' in seite
    assert "Ampel-Regel: Rot: gestoppt" in seite

    antwort = client.post(url, _formular(aktion="speichern"), follow=True)
    assert "Entwurf gespeichert" in antwort.content.decode()
    jugend.refresh_from_db()
    assert (jugend.status, jugend.fortschritt, jugend.version) == (M.IN_BEARBEITUNG, 50, 1)

    antwort = client.post(url, _formular(aktion="einreichen", version="1"), follow=True)
    assert "Sachstandsmeldung eingereicht" in antwort.content.decode()
    jugend.refresh_from_db()
    assert (jugend.status, jugend.ampel) == (M.EINGEREICHT, "gruen")
    # Submitted: the page shows the report, no form; a late POST changes nothing.
    seite = client.get(url).content.decode()
    assert 'name="aktion"' not in seite and "Räume angemietet" in seite
    antwort = client.post(url, _formular(sachstand="nachträglich", version="2"), follow=True)
    assert "kann nicht geändert werden" in antwort.content.decode()
    jugend.refresh_from_db()
    assert jugend.sachstand == "Räume angemietet"


@pytest.mark.parametrize(
    ("werte", "meldung"),
    [
        ({"fortschritt": "150"}, "kleiner oder gleich 100"),
        ({"sachstand": ""}, "Dieses Feld ist zwingend erforderlich"),
        ({"umsetzungsstatus": "fertig"}, "fertig ist keine gültige Auswahl"),
        ({"umsetzungsstatus": "umgesetzt", "fortschritt": "80"}, "Umgesetzt heißt 100 %"),
    ],
)
def test_bad_input_gets_a_german_message_and_saves_nothing(meldungen, client_als, werte, meldung):
    jugend, _ = meldungen
    antwort = client_als("fb-jugend").post(
        reverse("meldung_detail", args=[jugend.pk]), _formular(aktion="einreichen", **werte)
    )
    assert antwort.status_code == 400
    assert meldung in antwort.content.decode()
    jugend.refresh_from_db()
    assert (jugend.status, jugend.sachstand, jugend.version) == (M.ANGEFORDERT, "", 0)


def test_a_stale_form_is_refused_with_a_message(meldungen, client_als):
    jugend, _ = meldungen
    url = reverse("meldung_detail", args=[jugend.pk])
    client_als("bl-jugend").post(url, _formular(aktion="speichern"))
    antwort = client_als("fb-jugend").post(url, _formular(sachstand="alt", aktion="speichern"))
    assert "inzwischen von jemand anderem gespeichert" in antwort.content.decode()
    jugend.refresh_from_db()
    assert jugend.sachstand == "Räume angemietet"


def test_sozialplanung_checks_or_returns_with_a_reason(meldungen, client_als):
    jugend, _ = meldungen
    client_als("fb-jugend").post(
        reverse("meldung_detail", args=[jugend.pk]), _formular(aktion="einreichen")
    )
    sp = client_als("sozialplanung")
    antwort = sp.post(reverse("meldung_zurueckgeben", args=[jugend.pk]), {"grund": ""}, follow=True)
    assert "Bitte eine Begründung für die Rückgabe angeben." in antwort.content.decode()
    sp.post(reverse("meldung_zurueckgeben", args=[jugend.pk]), {"grund": "Zahlen fehlen"})
    jugend.refresh_from_db()
    assert (jugend.status, jugend.rueckgabe_grund) == (M.ZURUECKGEGEBEN, "Zahlen fehlen")
    seite = client_als("fb-jugend").get(reverse("meldung_detail", args=[jugend.pk]))
    assert "Zahlen fehlen" in seite.content.decode()
    client_als("fb-jugend").post(
        reverse("meldung_detail", args=[jugend.pk]), _formular(aktion="einreichen", version="1")
    )
    sp.post(reverse("meldung_pruefen", args=[jugend.pk]))
    jugend.refresh_from_db()
    assert jugend.status == M.GEPRUEFT
    # Checking twice is a message, not an error page.
    antwort = sp.post(reverse("meldung_pruefen", args=[jugend.pk]), follow=True)
    assert "ist im Zustand „geprüft“ nicht möglich" in antwort.content.decode()


def test_opening_by_hand_with_bad_input(db, client_als):
    sp = client_als("sozialplanung")
    antwort = sp.post(reverse("periode_eroeffnen"), {"jahr": "20x6", "quartal": "5"}, follow=True)
    assert "Bitte Jahr (2000–2100) und Quartal angeben." in antwort.content.decode()
    antwort = sp.post(reverse("periode_eroeffnen"), {"jahr": "2099", "quartal": "1"}, follow=True)
    assert "Das 1. Quartal 2099 ist noch nicht abgeschlossen." in antwort.content.decode()


@pytest.mark.parametrize("anzahl", [3, 60])
def test_list_and_pages_issue_a_bounded_number_of_queries(
    db, client_als, django_assert_max_num_queries, anzahl
):
    for i in range(anzahl):
        veroeffentlicht(Handlungsempfehlung, titel=f"Empfehlung {i}")
    periode = eroeffnet()
    m = periode.meldungen.filter(bereich__code="3-1").first()
    fb, sp = client_als("fb-jugend"), client_als("sozialplanung")
    with django_assert_max_num_queries(14):
        assert fb.get(reverse("meldung_liste"), {"periode": periode.pk}).status_code == 200
    with django_assert_max_num_queries(14):
        assert sp.get(reverse("meldung_liste"), {"status": "offen"}).status_code == 200
    with django_assert_max_num_queries(14):
        assert fb.get(reverse("meldung_detail", args=[m.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert sp.get(reverse("periode_liste")).status_code == 200
    with django_assert_max_num_queries(12):
        assert sp.get(reverse("periode_detail", args=[periode.pk])).status_code == 200


def test_start_page_lists_open_meldungen_and_checks(meldungen, client_als):
    jugend, _ = meldungen
    periode = jugend.periode
    seite = client_als("fb-jugend").get("/").content.decode()
    assert "Sachstandsmeldungen (" in seite
    assert re.search(
        rf"\d+ Sachstandsmeldungen? Q1/{periode.jahr}</a> – Frist 30\.04\.{periode.jahr}", seite
    )
    client_als("fb-jugend").post(
        reverse("meldung_detail", args=[jugend.pk]), _formular(aktion="einreichen")
    )
    seite = client_als("sozialplanung").get("/").content.decode()
    assert f"1 eingereichte Sachstandsmeldung Q1/{periode.jahr}" in seite
    assert "Sachstandsmeldung" not in client_als("lesend").get("/").content.decode()


def test_sozialplanung_may_not_write_a_meldung(meldungen, client_als):
    jugend, _ = meldungen
    antwort = client_als("sozialplanung").post(
        reverse("meldung_detail", args=[jugend.pk]), _formular(aktion="einreichen")
    )
    assert antwort.status_code == 403
    jugend.refresh_from_db()
    assert jugend.status == M.ANGEFORDERT


def test_list_accepts_any_period_and_keeps_valid_filters(meldungen, client_als):
    jugend, _ = meldungen
    antwort = client_als("fb-jugend").get(
        reverse("meldung_liste"), {"periode": jugend.periode_id, "bereich": "abc", "seite": "x"}
    )
    assert antwort.status_code == 200
    assert f"Sachstandsmeldungen – {jugend.periode}" in antwort.content.decode()


def test_period_pages_count_meldungen_per_state(meldungen, client_als):
    jugend, _ = meldungen
    client_als("fb-jugend").post(
        reverse("meldung_detail", args=[jugend.pk]), _formular(aktion="einreichen")
    )
    periode = jugend.periode
    n_jugend = periode.meldungen.filter(bereich__code="3-1").count()
    seite = client_als("sozialplanung").get(reverse("periode_detail", args=[periode.pk]))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seite.content.decode()))
    # Bereich 3-1: all, open, submitted, checked
    assert f"Kinder, Jugend und Familie {n_jugend} {n_jugend - 1} 1 0" in text
    liste = client_als("sozialplanung").get(reverse("periode_liste")).content.decode()
    gesamt = periode.meldungen.count()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", liste))
    assert f"{periode} 31.03.2031 30.04.2031 {gesamt} {gesamt - 1} 1 0" in text
