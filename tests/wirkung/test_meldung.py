"""Own indicators in the quarterly Sachstandsmeldung: the lead Bereich reports the actual value
for the period's quarter in the same form, prefilled, and a refused value saves nothing of
the Meldung either."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from empfehlungen.models import Handlungsempfehlung
from tests.controlling.hilfen import JAHR, eroeffnet, nur_diese, veroeffentlicht
from wirkung.models import Istwert, Wirkungsziel


@pytest.fixture
def meldung(db):
    empfehlung = veroeffentlicht(Handlungsempfehlung, titel="Familienbüro")
    Wirkungsziel.objects.create(
        empfehlung=empfehlung,
        bezeichnung="Beratungen",
        quelle="eigen",
        einheit="Fälle",
        richtung="steigen",
        basis_jahr=JAHR - 1,
        basis_wert=D(40),
        ziel_jahr=JAHR + 2,
        ziel_wert=D(100),
    )
    return nur_diese(eroeffnet(), empfehlung).get()


def formular(**werte):
    return {
        "umsetzungsstatus": "in_umsetzung",
        "fortschritt": "50",
        "sachstand": "Sprechstunden laufen.",
        "naechste_schritte": "",
        "hindernisse": "",
        "version": "0",
        **werte,
    }


def test_the_actual_value_is_reported_with_the_meldung_and_prefilled_next_time(meldung, client_als):
    ziel = Wirkungsziel.objects.get(empfehlung=meldung.empfehlung)
    client = client_als("fb-jugend")
    url = reverse("meldung_detail", args=[meldung.pk])
    seite = client.get(url).content.decode()
    assert f"Istwert „Beratungen“ (Fälle), 1. Quartal {JAHR}" in seite
    assert client.post(url, formular(**{f"istwert_{ziel.pk}": "57,5"})).status_code == 302
    istwert = Istwert.objects.get(ziel=ziel)
    assert (istwert.jahr, istwert.quartal, istwert.wert) == (JAHR, 1, D("57.5"))
    assert istwert.herkunft == f"Sachstandsmeldung Q1/{JAHR}"
    assert 'value="57,5"' in client.get(url).content.decode()


def test_a_bad_value_saves_nothing_of_the_meldung(meldung, client_als):
    ziel = Wirkungsziel.objects.get(empfehlung=meldung.empfehlung)
    url = reverse("meldung_detail", args=[meldung.pk])
    antwort = client_als("fb-jugend").post(url, formular(**{f"istwert_{ziel.pk}": "viele"}))
    assert antwort.status_code == 400 and "„viele“ ist keine Zahl." in antwort.content.decode()
    meldung.refresh_from_db()
    assert meldung.sachstand == "" and not Istwert.objects.filter(ziel=ziel).exists()


def test_a_value_the_goal_refuses_rolls_the_meldung_back(meldung, client_als):
    ziel = Wirkungsziel.objects.get(empfehlung=meldung.empfehlung)
    Wirkungsziel.objects.filter(pk=ziel.pk).update(basis_jahr=JAHR + 1)
    url = reverse("meldung_detail", args=[meldung.pk])
    antwort = client_als("fb-jugend").post(url, formular(**{f"istwert_{ziel.pk}": "3"}))
    assert antwort.status_code == 400
    assert "liegt vor dem Ausgangsjahr" in antwort.content.decode()
    meldung.refresh_from_db()
    assert meldung.sachstand == "" and meldung.version == 0
