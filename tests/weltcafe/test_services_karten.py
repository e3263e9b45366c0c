"""Cards become Anregungen once; feedback words add up whatever their case."""

import pytest
from django.urls import reverse

from core.workflow import WorkflowError
from empfehlungen.models import Anregung
from weltcafe import services as weltcafe
from weltcafe.models import Karte


def test_card_becomes_anregung_in_triage_linked_both_ways(sp, cafe, insel):
    (karte,) = weltcafe.karten_erfassen(
        user=sp,
        veranstaltung=cafe,
        art=Karte.Art.BEKANNTER_MACHEN,
        texte=["Flyer in Kitas"],
        themeninsel=insel,
    )
    anregung = weltcafe.karte_als_anregung_uebernehmen(user=sp, karte=karte)
    karte.refresh_from_db()
    assert anregung.status == Anregung.Status.EINGEGANGEN
    assert anregung.veranstaltung == cafe and anregung.sozialraum == cafe.sozialraum
    assert karte.anregung == anregung and anregung.karte == karte


def test_card_twice_is_refused_with_message(client_als, sp, cafe):
    (karte,) = weltcafe.karten_erfassen(
        user=sp, veranstaltung=cafe, art=Karte.Art.SONSTIGES, texte=["Mehr Bänke"]
    )
    weltcafe.karte_als_anregung_uebernehmen(user=sp, karte=karte)
    with pytest.raises(WorkflowError, match="schon die Anregung"):
        weltcafe.karte_als_anregung_uebernehmen(user=sp, karte=karte)
    antwort = client_als("sozialplanung").post(
        reverse("karte_anregung", args=[karte.pk]), follow=True
    )
    assert "schon die Anregung" in antwort.content.decode()
    assert Anregung.objects.filter(text="Mehr Bänke").count() == 1


def test_fast_entry_one_card_per_line(client_als, cafe, insel):
    antwort = client_als("sozialplanung").post(
        reverse("weltcafe_karten", args=[cafe.pk]),
        {"art": "woher_bekannt", "themeninsel": insel.pk, "texte": "Kollegin\n\nInternet\n"},
    )
    assert antwort.status_code == 302
    assert list(cafe.karten.values_list("text", flat=True)) == ["Kollegin", "Internet"]


def test_words_aggregate_case_insensitively(sp, cafe):
    woerter, fehler = weltcafe.woerter_lesen(
        "Informativ\ninformativ\nINFORMATIV; 2\ntolle Vernetzung"
    )
    assert not fehler
    weltcafe.rueckmeldewoerter_erfassen(user=sp, veranstaltung=cafe, woerter=woerter)
    weltcafe.rueckmeldewoerter_erfassen(user=sp, veranstaltung=cafe, woerter=[("informativ", 1)])
    assert {w.wort: w.anzahl for w in cafe.rueckmeldewoerter.all()} == {
        "Informativ": 5,
        "tolle Vernetzung": 1,
    }


def test_words_refuse_long_answers_and_bad_counts(client_als, cafe):
    antwort = client_als("sozialplanung").post(
        reverse("weltcafe_woerter", args=[cafe.pk]),
        {"woerter": "gut\nsehr gute Veranstaltung heute\nprima; null"},
    )
    html = antwort.content.decode()
    assert antwort.status_code == 400
    assert "mehr als zwei Worte" in html and "muss eine Zahl von 1 bis 100.000 sein" in html
    assert not cafe.rueckmeldewoerter.exists()


def test_anregung_page_names_its_card(client_als, sp, cafe, insel):
    (karte,) = weltcafe.karten_erfassen(
        user=sp,
        veranstaltung=cafe,
        art=Karte.Art.WOHER_BEKANNT,
        texte=["Stadtteilzeitung"],
        themeninsel=insel,
    )
    anregung = weltcafe.karte_als_anregung_uebernehmen(user=sp, karte=karte)
    html = (
        client_als("sozialplanung")
        .get(reverse("anregung_detail", args=[anregung.pk]))
        .content.decode()
    )
    assert "World-Café-Karte" in html and "Testinsel Jugend" in html
