"""Input at the edges: huge or odd numbers, offers without a Bereich or twice, and links only
to the offers a role may open."""

import pytest
from django.urls import reverse

from core.workflow import WorkflowError
from tests.weltcafe.test_views_punkte import _felder, _url
from weltcafe import selectors as weltcafe_selectors
from weltcafe import services as weltcafe
from weltcafe.models import Angebotsabfrage


@pytest.mark.parametrize(
    ("wert", "meldung"),
    [
        ("3000000000", "keine ganze Zahl"),
        ("100001", "Mehr als 100.000 Punkte"),
        ("1.000", "keine ganze Zahl"),
        ("²", "keine ganze Zahl"),
    ],
)
def test_odd_numbers_are_refused_not_500(client_als, insel, wert, meldung):
    antwort = client_als("sozialplanung").post(_url(insel), _felder(insel, [(5, 5), (wert, 2)]))
    assert antwort.status_code == 400
    assert meldung in antwort.content.decode()
    assert not Angebotsabfrage.objects.filter(themeninsel=insel).exclude(ja=0, nein=0).exists()


def test_typed_decimal_zero_counts_as_whole_number():
    assert weltcafe.punkte_pruefen("12,0", "ja", "X") == (12, None)


@pytest.mark.parametrize("zeile", ["informativ; ²", "informativ; 3000000000", "informativ; 0"])
def test_feedback_word_counts_are_bounded(zeile):
    woerter, fehler = weltcafe.woerter_lesen(zeile)
    assert woerter == [] and "muss eine Zahl von 1 bis 100.000 sein" in fehler[0]


def test_new_offers_need_a_presenting_bereich(cafe, sp):
    with pytest.raises(WorkflowError, match="vorstellenden Bereich"):
        weltcafe.themeninsel_speichern(
            user=sp, veranstaltung=cafe, titel="Ohne Bereich", neue_angebote=["Neues Angebot"]
        )
    assert not cafe.themeninseln.filter(titel="Ohne Bereich").exists()


def test_an_offer_stands_once_at_an_island(insel, sp):
    with pytest.raises(WorkflowError, match="steht schon an dieser Themeninsel"):
        weltcafe.themeninsel_speichern(
            user=sp,
            veranstaltung=insel.veranstaltung,
            themeninsel=insel,
            titel=insel.titel,
            bereiche=insel.bereiche.all(),
            steckbriefe=[a.steckbrief for a in insel.abfragen.all()],
            neue_angebote=["testangebot mädchenmobil"],
        )
    assert insel.abfragen.count() == 2


def test_draft_offers_are_named_without_a_link_for_readers(client_als, insel):
    entwurf = insel.abfragen.get(steckbrief__titel="Testangebot Mädchenmobil").steckbrief
    url = reverse("weltcafe_uebersicht", args=[insel.veranstaltung_id])
    link = f'href="{reverse("steckbrief_detail", args=[entwurf.pk])}"'
    assert link in client_als("sozialplanung").get(url).content.decode()
    seite = client_als("lesend").get(url).content.decode()
    assert "Testangebot Mädchenmobil" in seite and link not in seite


@pytest.mark.parametrize(("ja", "nein", "text"), [(1, 7, "13 %"), (5, 3, "63 %"), (1, 2, "33 %")])
def test_rates_round_half_up_as_german_readers_expect(ja, nein, text):
    assert weltcafe_selectors.prozent(weltcafe_selectors.quote(ja, nein)) == text


def test_island_form_refusal_is_400_with_the_message(client_als, cafe):
    antwort = client_als("sozialplanung").post(
        reverse("themeninsel_neu", args=[cafe.pk]),
        {"titel": "Ohne Bereich", "neue_angebote": "Neues Angebot"},
    )
    assert antwort.status_code == 400
    assert "Für neue Angebote bitte einen vorstellenden Bereich wählen." in antwort.content.decode()
    assert not cafe.themeninseln.filter(titel="Ohne Bereich").exists()


def test_save_and_next_reaches_islands_of_the_same_rank(client_als, cafe, sp):
    from stammdaten.models import Bereich

    inseln = [
        weltcafe.themeninsel_speichern(
            user=sp,
            veranstaltung=cafe,
            titel=f"Insel {i}",
            bereiche=[Bereich.objects.get(code="3-1")],
            neue_angebote=[f"Angebot {i}"],
            reihenfolge=0,
        )
        for i in range(2)
    ]
    erste = inseln[0]
    a = erste.abfragen.get()
    antwort = client_als("sozialplanung").post(
        _url(erste), {f"ja-{a.pk}": "1", f"nein-{a.pk}": "1", "weiter": "1"}
    )
    assert antwort["Location"] == _url(inseln[1])
