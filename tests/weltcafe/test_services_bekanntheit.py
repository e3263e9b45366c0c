"""Rates: ja / (ja + nein) per offer, Sozialraum and round, with n and uncertainty."""

import pytest

from stammdaten.models import Sozialraum
from tests import factories
from weltcafe import selectors as weltcafe_selectors
from weltcafe.models import Angebotsabfrage, Themeninsel


def test_no_answers_has_no_rate():
    assert weltcafe_selectors.quote(0, 0) is None
    assert weltcafe_selectors.prozent(weltcafe_selectors.quote(0, 0)) == "keine Antworten"


def test_only_nein_is_zero_percent():
    assert weltcafe_selectors.quote(0, 7) == 0
    assert weltcafe_selectors.prozent(0.0) == "0 %"


def test_rate_is_share_of_ja():
    assert weltcafe_selectors.quote(3, 1) == 0.75
    assert weltcafe_selectors.prozent(weltcafe_selectors.quote(1, 2)) == "33 %"


def _punkte(veranstaltung, steckbrief, ja, nein):
    insel = Themeninsel.objects.create(veranstaltung=veranstaltung, titel="X")
    Angebotsabfrage.objects.create(themeninsel=insel, steckbrief=steckbrief, ja=ja, nein=nein)


@pytest.mark.django_db
def test_uncertain_below_threshold(settings):
    settings.BEKANNTHEIT_MIN_ANTWORTEN = 10
    s = factories.steckbrief(titel="Testangebot A")
    _punkte(factories.veranstaltung(runde=8), s, 6, 3)
    (wert,) = weltcafe_selectors.bekanntheit(steckbrief_ids=[s.pk])
    assert (wert.n, wert.unsicher) == (9, True)
    settings.BEKANNTHEIT_MIN_ANTWORTEN = 9
    assert not wert.unsicher


@pytest.mark.django_db
def test_events_of_same_sozialraum_and_round_are_summed():
    s = factories.steckbrief(titel="Testangebot B")
    _punkte(factories.veranstaltung(runde=8), s, 6, 4)
    _punkte(factories.veranstaltung(runde=8), s, 4, 6)
    _punkte(factories.veranstaltung(runde=9), s, 1, 0)
    nord = Sozialraum.objects.exclude(kurzname="OST").first()
    _punkte(factories.veranstaltung(runde=8, sozialraum=nord), s, 0, 5)
    werte = {
        (b.ort, b.runde): (b.ja, b.nein)
        for b in weltcafe_selectors.bekanntheit(steckbrief_ids=[s.pk])
    }
    ost = Sozialraum.objects.get(kurzname="OST").name
    assert werte[(ost, 8)] == (10, 10)
    assert werte[(ost, 9)] == (1, 0)
    assert werte[(nord.name, 8)] == (0, 5)


@pytest.mark.django_db
def test_offer_shown_but_without_dots_reports_keine_antworten():
    s = factories.steckbrief(titel="Testangebot C")
    _punkte(factories.veranstaltung(runde=8), s, 0, 0)
    (wert,) = weltcafe_selectors.bekanntheit(steckbrief_ids=[s.pk])
    assert wert.quote is None and wert.prozent == "keine Antworten"


@pytest.mark.django_db
def test_ranking_puts_least_known_first_and_skips_offers_without_answers():
    a, b, c = (factories.steckbrief(titel=f"Testangebot R{i}") for i in range(3))
    v = factories.veranstaltung(runde=30)
    _punkte(v, a, 9, 1)
    _punkte(v, b, 1, 9)
    _punkte(v, c, 0, 0)
    runden, je_ort = weltcafe_selectors.rangliste(runde=30)
    assert 30 in runden
    plaetze = je_ort[Sozialraum.objects.get(kurzname="OST").name]
    assert [p.steckbrief for p in plaetze] == [b, a]


@pytest.mark.django_db
def test_demo_has_the_oberhausen_ost_world_cafe():
    from datetime import date

    from empfehlungen.models import Veranstaltung
    from weltcafe import demo as demo_weltcafe

    cafe = Veranstaltung.objects.get(sozialraum__kurzname="OST", datum=date(2023, 10, 26))
    assert cafe.teilnehmende == 58 and "Beispieldaten" in cafe.notizen
    assert cafe.themeninseln.count() == 13
    assert cafe.themeninseln.filter(titel="Gleichstellungsstelle Oberhausen").exists()
    demo_weltcafe.laden()  # idempotent
    assert cafe.themeninseln.count() == 13
