"""Wirkung in public: the published Fassung's goals with their figures and the assessments on
the transparency page and in the API – never a draft's changed target, never who assessed."""

from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from freigabe import services as freigabe
from freigabe.models import Freigabestatus as F
from tests import factories
from transparenz import services as transparenz
from transparenz.services import kennung_von
from wirkung import services
from wirkung.models import Wirkungsziel


@pytest.fixture
def veroeffentlicht(sp):
    empfehlung = factories.empfehlung(titel="Lernförderung Ost")
    services.ziel_speichern(
        user=sp,
        gegenstand=empfehlung,
        quelle="eigen",
        art="wirkung",
        bezeichnung="Kinder mit Lernförderung",
        einheit="Kinder",
        richtung="steigen",
        basis_jahr=2024,
        basis_wert=D(20),
        ziel_jahr=2027,
        ziel_wert=D(80),
    )
    return factories.in_freigabe_zustand(empfehlung, F.VEROEFFENTLICHT)


def seite(objekt) -> str:
    url = reverse("transparenz_eintrag", args=["empfehlungen", kennung_von(objekt)])
    antwort = Client().get(url)
    assert antwort.status_code == 200
    return antwort.content.decode()


def test_published_goals_and_assessments_are_public_without_names(veroeffentlicht, sp):
    services.wirkung_pruefen(
        user=sp, gegenstand=veroeffentlicht, urteil="teilweise", begruendung="Mehr Kinder erreicht."
    )
    transparenz.eintrag_abgleichen(veroeffentlicht)
    inhalt = seite(veroeffentlicht)
    assert "Wirkung: Ziele und was erreicht ist" in inhalt
    assert "Kinder mit Lernförderung" in inhalt and "80,0 (2027)" in inhalt
    assert "teilweise wirksam" in inhalt and "Mehr Kinder erreicht." in inhalt
    assert sp.last_name not in inhalt
    api = (
        Client()
        .get(reverse("api_oeffentlich_empfehlung", args=[kennung_von(veroeffentlicht)]))
        .json()
    )
    (ziel,) = api["wirkung"]
    assert ziel["indikator"] == "Kinder mit Lernförderung" and ziel["zustand"] == "keine Daten"
    assert api["wirkungspruefungen"][0]["urteil"] == "teilweise wirksam"


def test_a_target_changed_in_a_new_fassung_stays_private_until_published(veroeffentlicht, sp):
    transparenz.eintrag_abgleichen(veroeffentlicht)
    entwurf = freigabe.vorgang_neue_fassung_anlegen(
        objekt=veroeffentlicht, user=sp, kommentar="Ziel anpassen"
    )
    (wirkungsziel,) = Wirkungsziel.objects.filter(empfehlung=entwurf)
    services.ziel_speichern(user=sp, gegenstand=entwurf, ziel=wirkungsziel, ziel_wert=D(999))
    transparenz.eintrag_abgleichen(entwurf)
    inhalt = seite(entwurf)
    assert "80,0 (2027)" in inhalt and "999" not in inhalt
