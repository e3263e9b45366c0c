"""Wirkung through the test client: the section on the item's page (state, rule, chart with
its table) in a bounded number of queries, the forms with German numbers and messages, who may
report and assess, and the way back from a new Anregung."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from empfehlungen.models import Anregung
from freigabe.models import Freigabestatus as F
from tests import factories
from tests.wirkung.conftest import wert
from wirkung import services
from wirkung.models import Istwert, Wirkungsziel


def neu_url(gegenstand) -> str:
    return reverse("wirkungsziel_neu", args=[gegenstand.TYP, gegenstand.pk])


def test_a_goal_defined_through_the_form_appears_with_state_chart_and_table(
    client_als, entwurf, kinderarmut, ost
):
    sp = client_als("sozialplanung")
    antwort = sp.post(
        neu_url(entwurf),
        {
            "quelle": "kennzahl",
            "art": "wirkung",
            "kennzahl": kinderarmut.pk,
            "sozialraum": ost.pk,
            "basis_jahr": "2019",
            "ziel_jahr": "2027",
            "ziel_wert": f"{wert(kinderarmut, 2019, ost) - 3}".replace(".", ","),
        },
    )
    assert antwort.status_code == 302 and antwort.url.endswith("#wirkung")
    seite = sp.get(entwurf.get_absolute_url()).content.decode()
    assert 'id="wirkung-titel"' in seite and "Kinderarmut" in seite
    assert "Veränderung gegenüber der Stadt" in seite and "Stadt gesamt" in seite
    assert 'aria-labelledby="wirkung-' in seite  # the chart, with its title and description
    assert "So wird gerechnet" in seite and "Zielerreichung = (Istwert − Ausgangswert)" in seite
    assert "Wirkungsziel hinzufügen" in seite


def test_bad_input_is_refused_at_the_field_and_saves_nothing(client_als, entwurf, kinderarmut, ost):
    antwort = client_als("sozialplanung").post(
        neu_url(entwurf),
        {
            "quelle": "eigen",
            "art": "leistung",
            "bezeichnung": "Teilnehmende",
            "richtung": "steigen",
            "basis_jahr": "2024",
            "basis_wert": "viele",
            "ziel_jahr": "2026",
            "ziel_wert": "1000,0",
        },
    )
    assert antwort.status_code == 400
    assert "„viele“ ist keine Zahl." in antwort.content.decode()
    antwort = client_als("sozialplanung").post(
        neu_url(entwurf),
        {
            "quelle": "eigen",
            "art": "leistung",
            "bezeichnung": "Teilnehmende",
            "richtung": "steigen",
            "basis_jahr": "2024",
            "basis_wert": "2000",
            "ziel_jahr": "2026",
            "ziel_wert": "1000,0",
        },
    )
    assert antwort.status_code == 400
    assert "Der Zielwert liegt unter dem Ausgangswert" in antwort.content.decode()
    assert not Wirkungsziel.objects.filter(empfehlung=entwurf).exists()


@pytest.fixture
def veroeffentlicht(sp, kinderarmut, ost):
    empfehlung = factories.empfehlung(titel="Stadtteilmütter Ost")
    services.ziel_speichern(
        user=sp,
        gegenstand=empfehlung,
        quelle="kennzahl",
        kennzahl=kinderarmut,
        sozialraum=ost,
        basis_jahr=2019,
        ziel_jahr=2026,
        ziel_wert=wert(kinderarmut, 2019, ost) - 2,
    )
    for i in range(5):
        services.ziel_speichern(
            user=sp,
            gegenstand=empfehlung,
            quelle="eigen",
            art="leistung",
            bezeichnung=f"Hausbesuche {i}",
            richtung="steigen",
            basis_jahr=2023,
            basis_wert=D(10),
            ziel_jahr=2026,
            ziel_wert=D(40),
        )
    return factories.in_freigabe_zustand(empfehlung, F.VEROEFFENTLICHT)


def test_the_items_page_stays_within_its_queries_however_many_goals(
    client_als, veroeffentlicht, django_assert_max_num_queries, sp
):
    ziel = Wirkungsziel.objects.filter(quelle="eigen", empfehlung=veroeffentlicht).first()
    for jahr in (2024, 2025):
        services.istwert_erfassen(user=sp, ziel=ziel, jahr=jahr, wert=D(20))
    client = client_als("sozialplanung")
    client.get(veroeffentlicht.get_absolute_url())
    with django_assert_max_num_queries(60) as erfasst:
        seite = client.get(veroeffentlicht.get_absolute_url())
    bei_sechs = len(erfasst.captured_queries)
    for i in range(6):
        Wirkungsziel.objects.create(
            empfehlung=veroeffentlicht, quelle="qualitativ", bezeichnung=f"Q{i}", beschreibung="…"
        )
    with django_assert_max_num_queries(bei_sechs):
        client.get(veroeffentlicht.get_absolute_url())
    inhalt = seite.content.decode()
    assert "Ziele ändern sich mit einer neuen Fassung" in inhalt
    assert "Wirkungsziel hinzufügen" not in inhalt and "Wirkung prüfen" in inhalt


def test_readers_see_the_goals_but_no_forms(client_als, veroeffentlicht):
    inhalt = client_als("lesend").get(veroeffentlicht.get_absolute_url()).content.decode()
    assert "Stadtteilmütter" in inhalt and "Hausbesuche 0" in inhalt
    assert "Wirkung prüfen" not in inhalt and "Istwerte erfassen" not in inhalt


def test_the_lead_bereich_reports_an_actual_value_others_may_only_read(client_als, veroeffentlicht):
    ziel = Wirkungsziel.objects.filter(quelle="eigen", empfehlung=veroeffentlicht).first()
    url = reverse("wirkung_istwerte", args=[ziel.pk])
    weiter = client_als("fb-jugend").post(url, {"jahr": "2025", "quartal": "3", "wert": "1.234,5"})
    assert weiter.status_code == 302
    assert Istwert.objects.get(ziel=ziel).wert == D("1234.5")
    seite = client_als("fb-gesundheit").get(url)
    assert seite.status_code == 200 and "3. Quartal 2025" in seite.content.decode()
    assert 'name="wert"' not in seite.content.decode()
    assert client_als("fb-gesundheit").post(url, {"jahr": "2025", "wert": "1"}).status_code == 403


def test_not_effective_with_a_new_anregung_and_the_way_back(client_als, veroeffentlicht):
    sp = client_als("sozialplanung")
    url = reverse("wirkung_pruefen", args=["empfehlung", veroeffentlicht.pk])
    formular = sp.get(url).content.decode()
    assert "Die Zahlen unten werden mit dem Urteil eingefroren" in formular
    assert sp.post(url, {"urteil": "nicht_wirksam", "begruendung": ""}).status_code == 400
    weiter = sp.post(
        url,
        {"urteil": "nicht_wirksam", "begruendung": "Keine Veränderung.", "neue_anregung": "on"},
    )
    assert weiter.status_code == 302
    anregung = Anregung.objects.get(wirkungspruefung__empfehlung=veroeffentlicht)
    seite = sp.get(veroeffentlicht.get_absolute_url()).content.decode()
    assert "nicht wirksam" in seite and f"Anregung {anregung.pk}" in seite
    herkunft = sp.get(reverse("anregung_detail", args=[anregung.pk])).content.decode()
    assert "Aus der Wirkungsprüfung von" in herkunft


def test_hostile_text_in_a_goal_breaks_no_page(client_als, entwurf, sp):
    text = ("<script>alert(1)</script>\u202e" + "Ä" * 300 + "\n") * 15
    services.ziel_speichern(
        user=sp,
        gegenstand=entwurf,
        quelle="qualitativ",
        bezeichnung="<b>fett</b>" + "x" * 180,
        beschreibung=text[:5_000],
    )
    seite = client_als("sozialplanung").get(entwurf.get_absolute_url())
    assert seite.status_code == 200
    assert "<script>alert(1)" not in seite.content.decode()


def test_a_changed_target_shows_who_changed_what(client_als, entwurf, sp):
    ziel = services.ziel_speichern(
        user=sp,
        gegenstand=entwurf,
        quelle="eigen",
        art="leistung",
        bezeichnung="Kurse",
        richtung="steigen",
        basis_jahr=2024,
        basis_wert=D(4),
        ziel_jahr=2026,
        ziel_wert=D(10),
    )
    services.ziel_speichern(user=sp, gegenstand=entwurf, ziel=ziel, ziel_wert=D("12.5"))
    seite = client_als("sozialplanung").get(entwurf.get_absolute_url()).content.decode()
    assert "Änderungen an diesem Ziel (1)" in seite
    assert "Zielwert 10 → 12,5" in seite and str(sp) in seite
