"""The Steckbrief's edit page, through the whole stack."""

from django.urls import reverse

from empfehlungen.models import Anregung
from tests import factories


def _formular(steckbrief, **aenderungen) -> dict:
    daten = {
        "titel": steckbrief.titel,
        "beschreibung": steckbrief.beschreibung,
        "federfuehrung": steckbrief.federfuehrung_id,
        "sozialraeume": [r.pk for r in steckbrief.sozialraeume.all()],
        "laufzeit_bis": steckbrief.laufzeit_bis.isoformat() if steckbrief.laufzeit_bis else "",
        "stand": steckbrief.stand,
    }
    if steckbrief.befristet:
        daten["befristet"] = "on"
    daten.update(aenderungen)
    return {k: v for k, v in daten.items() if v is not None}


def test_an_offer_made_permanent_on_the_page_answers_the_waiting_cards(client_als):
    a = factories.in_zustand(Anregung.Status.ANGEBOT_VORHANDEN)
    s = a.steckbrief
    daten = _formular(s, laufzeit_bis="")
    daten.pop("befristet")  # unticked: no longer befristet
    antwort = client_als("sozialplanung").post(reverse("steckbrief_bearbeiten", args=[s.pk]), daten)
    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    s.refresh_from_db()
    a.refresh_from_db()
    assert not s.befristet
    assert a.status == Anregung.Status.VERKNUEPFT


def test_links_must_be_web_addresses_and_nothing_is_saved(client_als):
    s = factories.steckbrief()
    antwort = client_als("sozialplanung").post(
        reverse("steckbrief_bearbeiten", args=[s.pk]),
        _formular(s, titel="Neu", links="javascript:alert(1)"),
    )
    assert antwort.status_code == 400
    assert "Keine gültige Adresse: javascript:alert(1)" in antwort.content.decode()
    s.refresh_from_db()
    assert s.titel == "Mobile Jugendarbeit"
