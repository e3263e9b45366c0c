"""The public pages: no login, no cookie, conditional GET, switched off by a setting; filters
and search; the Strategiepapier as accessible HTML; bounded queries."""

import itertools
import re

import pytest
from django.test import Client
from django.urls import reverse

from freigabe.models import Freigabestatus as F
from stammdaten.models import Handlungsfeld, Sozialraum
from strategiepapier.models import Strategiepapier
from tests import factories
from tests.factories import in_freigabe_zustand
from transparenz import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eingeschaltet(settings):
    settings.TRANSPARENZ_AKTIV = True
    services.alles_abgleichen()


def seiten():
    papier = Strategiepapier.objects.filter(status="veroeffentlicht").first()
    return [
        reverse("transparenz_start"),
        reverse("transparenz_liste", args=["empfehlungen"]),
        reverse("transparenz_liste", args=["massnahmen"]),
        reverse("transparenz_eintrag", args=["empfehlungen", "OST-01"]),
        reverse("transparenz_papiere"),
        reverse("transparenz_papier", args=[papier.pk]),
        reverse("transparenz_ueberblick"),
        reverse("transparenz_daten"),
    ]


def test_every_page_is_public_sets_no_cookie_and_may_be_cached(django_assert_max_num_queries):
    client = Client()
    for url in seiten():
        with django_assert_max_num_queries(16):
            antwort = client.get(url)
        assert antwort.status_code == 200, url
        assert "Set-Cookie" not in antwort, url
        assert antwort["Cache-Control"] == "public, max-age=300"
        assert antwort["ETag"] and antwort["Last-Modified"]
        # Unchanged data: the browser's copy is still good.
        nochmal = client.get(url, HTTP_IF_NONE_MATCH=antwort["ETag"])
        assert nochmal.status_code == 304 and nochmal.content == b""


def test_a_change_gives_a_new_etag():
    client = Client()
    vorher = client.get(reverse("transparenz_start"))["ETag"]
    e = in_freigabe_zustand(factories.empfehlung(titel="Neu veröffentlicht"), F.VEROEFFENTLICHT)
    services.eintrag_abgleichen(e)
    antwort = client.get(reverse("transparenz_start"), HTTP_IF_NONE_MATCH=vorher)
    assert antwort.status_code == 200 and antwort["ETag"] != vorher
    assert "Neu veröffentlicht" in antwort.content.decode()


def test_a_page_once_built_is_answered_from_the_cache_until_the_data_change(
    django_assert_num_queries, benutzer
):
    client = Client()
    for url in seiten():
        erste = client.get(url)
        with django_assert_num_queries(0):
            zweite = client.get(url)
        assert zweite.status_code == 200 and zweite.content == erste.content, url
        assert zweite["ETag"] == erste["ETag"]
    # A change through the models is seen at once: the Stand (part of the key) is forgotten.
    e = in_freigabe_zustand(factories.empfehlung(titel="Frisch veröffentlicht"), F.VEROEFFENTLICHT)
    services.eintrag_abgleichen(e)
    assert "Frisch veröffentlicht" in client.get(reverse("transparenz_start")).content.decode()
    # Query strings are pages of their own.
    liste = reverse("transparenz_liste", args=["empfehlungen"])
    assert client.get(liste, {"suche": "Frisch"}).content != client.get(liste).content
    # Someone signed in is never served from, and never fills, the shared cache.
    angemeldet = Client()
    angemeldet.force_login(benutzer["sozialplanung"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    angemeldet.get(reverse("transparenz_start"))
    with CaptureQueriesContext(connection) as abfragen:
        angemeldet.get(reverse("transparenz_start"))
    assert any("transparenz_oeffentlichereintrag" in q["sql"] for q in abfragen.captured_queries)


def test_switched_off_the_pages_do_not_exist(settings):
    settings.TRANSPARENZ_AKTIV = False
    for url in seiten():
        assert Client().get(url).status_code == 404, url


def test_only_get_and_head_are_answered():
    antwort = Client().post(reverse("transparenz_start"))
    assert antwort.status_code == 405


def test_a_sozialraum_sees_its_items_and_the_stadtweit_ones():
    osf = Sozialraum.objects.get(kurzname="OSF")
    eigen = in_freigabe_zustand(
        factories.empfehlung(titel="Nur in Osterfeld", sozialraeume=[osf]), F.VEROEFFENTLICHT
    )
    stadt = in_freigabe_zustand(
        factories.empfehlung(titel="Für die ganze Stadt", sozialraeume=[], stadtweit=True),
        F.VEROEFFENTLICHT,
    )
    fremd = in_freigabe_zustand(factories.empfehlung(titel="Nur im Osten"), F.VEROEFFENTLICHT)
    for e in (eigen, stadt, fremd):
        services.eintrag_abgleichen(e)
    html = (
        Client()
        .get(reverse("transparenz_liste", args=["empfehlungen"]), {"sozialraum": "OSF"})
        .content.decode()
    )
    assert "Nur in Osterfeld" in html and "Für die ganze Stadt" in html
    assert "Nur im Osten" not in html


def test_search_and_filters_narrow_the_list():
    feld = Handlungsfeld.objects.get(name="Jugend")
    e = in_freigabe_zustand(
        factories.empfehlung(titel="Skateranlage am Revierpark", handlungsfeld=feld),
        F.VEROEFFENTLICHT,
    )
    services.eintrag_abgleichen(e)
    client = Client()
    url = reverse("transparenz_liste", args=["empfehlungen"])
    assert "Skateranlage" in client.get(url, {"suche": "Skateranlage"}).content.decode()
    gefiltert = client.get(url, {"handlungsfeld": feld.pk, "umsetzungsstand": "nicht_begonnen"})
    assert "Skateranlage" in gefiltert.content.decode()
    assert "Skateranlage" not in client.get(url, {"umsetzungsstand": "umgesetzt"}).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"sozialraum": "XYZ"},
        {"handlungsfeld": "abc"},
        {"umsetzungsstand": "<b>"},
        {"seite": "9" * 40},
    ],
)
def test_odd_filters_answer_with_a_message_not_a_500(query):
    antwort = Client().get(reverse("transparenz_liste", args=["empfehlungen"]), query)
    assert antwort.status_code in (200, 400)
    if antwort.status_code == 400:
        assert "feld-fehlertext" in antwort.content.decode()


def test_unknown_items_and_papers_are_404():
    client = Client()
    assert (
        client.get(reverse("transparenz_eintrag", args=["empfehlungen", "XX-99"])).status_code
        == 404
    )
    entwurf = Strategiepapier.objects.create(
        sozialraum=Sozialraum.objects.get(kurzname="OSF"),
        ausgabe=2077,
        erstellt_von=factories.sozialplanung(),
    )
    assert client.get(reverse("transparenz_papier", args=[entwurf.pk])).status_code == 404
    assert client.get(reverse("transparenz_papier_pdf", args=[entwurf.pk])).status_code == 404


def test_the_strategiepapier_reads_as_accessible_html_with_the_pdfs_items():
    papier = Strategiepapier.objects.filter(status="veroeffentlicht").first()
    html = Client().get(reverse("transparenz_papier", args=[papier.pk])).content.decode()
    assert html.count("<h1") == 1 and "Strategiepapier Sozialraum Oberhausen-Ost" in html
    ebenen = [int(h) for h in re.findall(r"<h([1-6])", html)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(ebenen)), "Überschrift übersprungen"
    assert '<th scope="col">' in html and "<caption>" in html
    for eintrag in papier.eintraege:
        assert eintrag["titel"] in html.replace("&amp;", "&")
    pdf = Client().get(reverse("transparenz_papier_pdf", args=[papier.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_a_word_finds_its_compounds():
    e = in_freigabe_zustand(
        factories.empfehlung(titel="Jugendarbeit im Knappenviertel"), F.VEROEFFENTLICHT
    )
    services.eintrag_abgleichen(e)
    url = reverse("transparenz_liste", args=["empfehlungen"])
    for suche in ("Jugend", "jugendarbeit knappen", "Knappenviertel"):
        assert (
            "Jugendarbeit im Knappenviertel" in Client().get(url, {"suche": suche}).content.decode()
        ), suche
    for suche in ("Seniorenarbeit", "&|!:*", "'"):
        antwort = Client().get(url, {"suche": suche})
        assert (
            antwort.status_code == 200
            and "Jugendarbeit im Knappenviertel" not in antwort.content.decode()
        ), suche
