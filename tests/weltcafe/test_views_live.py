"""Live rounds through the test client: the participants' page without an account (cookie,
refusals in German, flood guard), the projector's JSON with ETag, moderation, opening a round
through its form, and bounded queries however many answers came in."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from weltcafe import live
from weltcafe.models import Karte, Liveantwort, Liverunde, Rueckmeldewort
from weltcafe.views_live import COOKIE


@pytest.fixture(autouse=True)
def _leerer_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def runde(cafe, sp):
    return live.runde_oeffnen(user=sp, veranstaltung=cafe, art=Liverunde.Art.WOERTER)


@pytest.fixture
def telefon() -> Client:
    return Client(enforce_csrf_checks=True)


def link(runde) -> str:
    return reverse("live_teilnehmen", args=[runde.kurzcode])


def senden(client: Client, runde, **daten):
    """GET the page (cookie and CSRF token, as a phone does), then POST the answer."""
    seite = client.get(link(runde))
    feld = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seite.content.decode())
    # A page without a form (answered, closed) still left the cookie of an earlier visit.
    token = feld.group(1) if feld else client.cookies["csrftoken"].value
    return client.post(link(runde), {"csrfmiddlewaretoken": token, **daten})


def test_the_phone_page_needs_no_account_and_sets_only_the_device_cookie(
    telefon, runde, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        seite = telefon.get(link(runde))
    assert seite.status_code == 200
    inhalt = seite.content.decode()
    assert runde.frage in inhalt and 'name="text"' in inhalt
    assert seite.cookies[COOKIE]["httponly"] and seite.cookies[COOKIE]["samesite"] == "Lax"
    assert "sessionid" not in seite.cookies
    assert "no-store" in seite["Cache-Control"]
    # The token survives: the second visit sets no new one.
    assert COOKIE not in telefon.get(link(runde)).cookies


def test_a_word_from_a_phone_is_counted_once_and_thanked(telefon, runde, cafe):
    antwort = senden(telefon, runde, text="lebendig")
    assert antwort.status_code == 302 and antwort.url.endswith("?gesendet=1")
    seite = telefon.get(antwort.url).content.decode()
    assert "Danke! Ihre Antwort ist angekommen." in seite
    assert "lebendig" in seite and 'name="text"' not in seite
    zweite = senden(telefon, runde, text="nochmal")
    assert zweite.status_code == 409
    assert "Von diesem Gerät ist diese Frage schon beantwortet." in zweite.content.decode()
    assert list(
        Rueckmeldewort.objects.filter(veranstaltung=cafe).values_list("wort", "anzahl")
    ) == [("lebendig", 1)]


def test_a_post_without_the_device_cookie_saves_nothing(runde):
    client = Client()
    antwort = client.post(link(runde), {"text": "ohne Keks"})
    assert antwort.status_code == 400
    assert "Cookies aus?" in antwort.content.decode()
    assert not Liveantwort.objects.exists()


def test_a_closed_round_refuses_in_german(telefon, runde, sp):
    telefon.get(link(runde))
    live.runde_schliessen(user=sp, runde=runde)
    antwort = senden(telefon, runde, text="zu spät")
    assert antwort.status_code == 410
    assert "Diese Runde ist geschlossen. Vielen Dank fürs Mitmachen!" in antwort.content.decode()
    assert 'name="text"' not in antwort.content.decode()
    assert not Liveantwort.objects.exists()


def test_bad_answers_get_a_german_message_and_keep_the_text(telefon, runde):
    antwort = senden(telefon, runde, text="viel zu viele Worte")
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert "Bitte höchstens zwei Worte." in inhalt and "viel zu viele Worte" in inhalt
    assert 'aria-invalid="true"' in inhalt


def test_the_flood_guard_answers_429(telefon, runde, settings):
    settings.LIVE_JE_MINUTE_UND_ADRESSE = 2
    assert senden(telefon, runde, text="eins").status_code == 302
    assert senden(Client(), runde, text="zwei").status_code == 302
    dritte = senden(Client(), runde, text="drei")
    assert dritte.status_code == 429
    assert "in einer Minute noch einmal" in dritte.content.decode()
    assert Liveantwort.objects.count() == 2


def test_an_unknown_code_is_404(telefon, db):
    assert telefon.get(reverse("live_teilnehmen", args=["zzzzzz"])).status_code == 404


def test_offers_are_tapped_one_by_one(telefon, cafe, sp, insel):
    runde = live.runde_oeffnen(user=sp, veranstaltung=cafe, art="bekanntheit", themeninsel=insel)
    erste, zweite = insel.abfragen.order_by("reihenfolge")
    seite = telefon.get(link(runde)).content.decode()
    assert seite.count('name="bekannt" value="ja"') == 2
    antwort = senden(telefon, runde, abfrage=str(erste.pk), bekannt="ja")
    assert antwort.status_code == 302 and antwort.url.endswith(f"#angebot-{erste.pk}")
    seite = telefon.get(antwort.url).content.decode()
    assert "Ihre Antwort: <strong>ja</strong>" in seite
    assert seite.count('name="bekannt" value="ja"') == 1
    assert senden(telefon, runde, abfrage="x' OR 1=1", bekannt="ja").status_code == 400
    assert senden(telefon, runde, abfrage=str(zweite.pk), bekannt="vielleicht").status_code == 400
    erste.refresh_from_db()
    assert (erste.ja_digital, erste.nein_digital) == (1, 0)


def test_a_card_from_a_phone_appears_among_the_events_cards(telefon, cafe, sp, insel, client_als):
    runde = live.runde_oeffnen(
        user=sp, veranstaltung=cafe, art="karten", themeninsel=insel, karten_art="woher_bekannt"
    )
    assert senden(telefon, runde, text="Aus der Zeitung").status_code == 302
    karte = Karte.objects.get(veranstaltung=cafe)
    assert karte.art == "woher_bekannt" and karte.quelle == "digital"
    seite = client_als("sozialplanung").get(reverse("weltcafe_uebersicht", args=[cafe.pk]))
    assert 'Aus der Zeitung <span class="hinweis">(digital)</span>' in seite.content.decode()


# --- Projector and moderation -------------------------------------------------------------------
def test_the_projector_shows_qr_code_and_the_public_short_link(runde, client_als, settings):
    settings.LIVE_BASIS_URL = "https://mitmachen.example.de"
    seite = client_als("sozialplanung").get(
        reverse("live_projektor", args=[runde.veranstaltung_id, runde.pk])
    )
    inhalt = seite.content.decode()
    assert 'class="qr"' in inhalt and '<path class="qr-linie"' in inhalt and "<script" in inhalt
    assert f"mitmachen.example.de/l/{runde.kurzcode}/" in inhalt
    assert 'aria-label="QR-Code zur Adresse https://mitmachen.example.de/l/' in inhalt


def test_the_projector_json_answers_304_until_something_changes(
    runde, client_als, django_assert_max_num_queries
):
    sp = client_als("sozialplanung")
    url = reverse("live_stand", args=[runde.veranstaltung_id, runde.pk])
    for i in range(150):
        live.antworten(runde=runde, geraet=f"g{i}", text=f"wort{i % 7}")
    # Session, user, event, round, words, count, session refresh (in a savepoint): the same
    # for 150 answers or 15,000.
    with django_assert_max_num_queries(9):
        erste = sp.get(url)
    assert erste.status_code == 200 and erste.json()["anzahl"] == 150
    assert "wort3" in erste.json()["html"]
    unveraendert = sp.get(url, headers={"If-None-Match": erste["ETag"]})
    assert unveraendert.status_code == 304 and unveraendert.content == b""
    live.antworten(runde=runde, geraet="neu", text="Neuigkeit")
    neu = sp.get(url, headers={"If-None-Match": erste["ETag"]})
    assert neu.status_code == 200 and "Neuigkeit" in neu.json()["html"]


def test_hidden_and_listed_words_never_reach_the_projector(runde, client_als, sp):
    sichtbar = live.antworten(runde=runde, geraet="a", text="Zuhören")
    live.antworten(runde=runde, geraet="b", text="Idiotenverein")
    live.verbergen(user=sp, antwort=sichtbar)
    client = client_als("sozialplanung")
    for url in (
        reverse("live_stand", args=[runde.veranstaltung_id, runde.pk]),
        reverse("live_projektor", args=[runde.veranstaltung_id, runde.pk]),
        reverse("weltcafe_uebersicht", args=[runde.veranstaltung_id]),
    ):
        inhalt = client.get(url).content.decode()
        assert "Zuhören" not in inhalt and "Idiotenverein" not in inhalt, url
    moderation = client.get(
        reverse("live_moderation", args=[runde.veranstaltung_id, runde.pk])
    ).content.decode()
    assert "Zuhören" in moderation and "Idiotenverein" in moderation
    assert "automatisch verborgen (Wortliste)" in moderation
    assert moderation.count(">Freigeben<") == 2


def test_releasing_through_the_moderation_page(runde, client_als):
    antwort = live.antworten(runde=runde, geraet="b", text="Idiotie")
    url = reverse("live_moderieren", args=[runde.veranstaltung_id, runde.pk, antwort.pk])
    weiter = client_als("sozialplanung").post(url, {"aktion": "freigeben"})
    assert weiter.status_code == 302
    antwort.refresh_from_db()
    assert antwort.zustand == "sichtbar" and antwort.gezaehlt


def test_an_answer_of_another_round_is_404_on_moderation(runde, cafe, sp, client_als):
    andere = live.runde_oeffnen(user=sp, veranstaltung=cafe, art="woerter")
    fremd = live.antworten(runde=andere, geraet="a", text="fremd")
    url = reverse("live_moderieren", args=[cafe.pk, runde.pk, fremd.pk])
    assert client_als("sozialplanung").post(url, {"aktion": "verbergen"}).status_code == 404


def test_opening_a_round_through_the_form(cafe, client_als, insel):
    client = client_als("sozialplanung")
    url = reverse("live_runden", args=[cafe.pk])
    fehlt = client.post(url, {"art": "karten", "antworten_je_geraet": "1"})
    assert fehlt.status_code == 400
    assert "Bitte die Art der Karten wählen." in fehlt.content.decode()
    assert not Liverunde.objects.exists()
    weiter = client.post(
        url,
        {
            "art": "bekanntheit",
            "themeninsel": str(insel.pk),
            "antworten_je_geraet": "1",
            "frage": "",
        },
    )
    runde = Liverunde.objects.get()
    assert weiter.url == reverse("live_projektor", args=[cafe.pk, runde.pk])
    assert runde.frage == "Kennen Sie das Angebot?" and runde.themeninsel == insel
    liste = client.get(url).content.decode()
    assert "Kennen Sie das Angebot?" in liste and "offen" in liste


def test_closing_from_the_projector(runde, client_als):
    client = client_als("sozialplanung")
    url = reverse("live_schliessen", args=[runde.veranstaltung_id, runde.pk])
    weiter = client.post(url, {"weiter": "projektor"})
    assert weiter.url == reverse("live_projektor", args=[runde.veranstaltung_id, runde.pk])
    runde.refresh_from_db()
    assert not runde.offen
    assert "Runde geschlossen" in client.get(weiter.url).content.decode()


def test_the_word_list_page(client_als):
    client = client_als("sozialplanung")
    url = reverse("live_sperrwoerter")
    assert "idiot" in client.get(url).content.decode()
    falsch = client.post(url, {"woerter": "zwei Worte"})
    assert falsch.status_code == 400 and "Zeile 1" in falsch.content.decode()
    assert client.post(url, {"woerter": "doof\nblöd"}).status_code == 302
    assert "2 Sperrwörter gespeichert." in client.get(url).content.decode()
