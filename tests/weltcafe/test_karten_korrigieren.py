"""Cards typed wrongly are corrected or deleted; a card that became an Anregung stays as its
source; a too long card in the fast entry names its line and saves none of the stack."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.workflow import WorkflowError
from tests import factories
from weltcafe import services as weltcafe
from weltcafe.models import Karte


@pytest.fixture
def karte(sp, cafe, insel):
    (karte,) = weltcafe.karten_erfassen(
        user=sp, veranstaltung=cafe, art=Karte.Art.SONSTIGES, texte=["Mehr Bnäke"]
    )
    return karte


def test_a_card_is_corrected_through_the_page(
    client_als, karte, insel, django_assert_max_num_queries
):
    client = client_als("sozialplanung")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("karte_bearbeiten", args=[karte.pk])).status_code == 200
    angebot = insel.abfragen.get(steckbrief__titel="Testangebot Streetwork").steckbrief
    antwort = client.post(
        reverse("karte_bearbeiten", args=[karte.pk]),
        {
            "art": Karte.Art.BEKANNTER_MACHEN,
            "themeninsel": insel.pk,
            "steckbrief": angebot.pk,
            "text": "Mehr Bänke",
        },
    )
    assert antwort.status_code == 302
    karte.refresh_from_db()
    assert (karte.art, karte.themeninsel, karte.steckbrief, karte.text) == (
        Karte.Art.BEKANNTER_MACHEN,
        insel,
        angebot,
        "Mehr Bänke",
    )


def test_an_offer_of_another_island_is_refused(sp, karte, cafe, insel):
    andere = weltcafe.themeninsel_speichern(
        user=sp, veranstaltung=cafe, titel="Andere Insel", steckbriefe=[factories.steckbrief()]
    )
    fremdes = andere.abfragen.get().steckbrief
    with pytest.raises(WorkflowError, match="nicht an dieser Themeninsel") as fehler:
        weltcafe.karte_aendern(
            user=sp, karte=karte, art="sonstiges", text="x", themeninsel=insel, steckbrief=fremdes
        )
    assert "steckbrief" in fehler.value.felder
    karte.refresh_from_db()
    assert karte.text == "Mehr Bnäke" and karte.steckbrief is None


def test_a_too_long_correction_is_shown_at_the_field(client_als, karte):
    antwort = client_als("sozialplanung").post(
        reverse("karte_bearbeiten", args=[karte.pk]), {"art": "sonstiges", "text": "x" * 1_001}
    )
    assert antwort.status_code == 400
    assert "Höchstens 1.000 Zeichen (jetzt 1.001)." in antwort.content.decode()
    karte.refresh_from_db()
    assert karte.text == "Mehr Bnäke"


def test_a_card_is_deleted_only_when_confirmed(client_als, karte):
    client = client_als("sozialplanung")
    url = reverse("karte_loeschen", args=[karte.pk])
    antwort = client.post(url, follow=True)
    assert "Bitte das Löschen bestätigen" in antwort.content.decode()
    assert Karte.objects.filter(pk=karte.pk).exists()
    antwort = client.post(url, {"bestaetigt": "ja"}, follow=True)
    assert "gelöscht" in antwort.content.decode()
    assert not Karte.objects.filter(pk=karte.pk).exists()


def test_a_card_that_became_an_anregung_stays_its_source(client_als, sp, karte):
    anregung = weltcafe.karte_als_anregung_uebernehmen(user=sp, karte=karte)
    with pytest.raises(WorkflowError, match="Korrekturen bitte an der Anregung"):
        weltcafe.karte_loeschen(user=sp, karte=karte)
    with pytest.raises(WorkflowError, match="Korrekturen bitte an der Anregung"):
        weltcafe.karte_aendern(user=sp, karte=karte, art="sonstiges", text="anders")
    seite = client_als("sozialplanung").get(reverse("karte_bearbeiten", args=[karte.pk]))
    assert f"Anregung {anregung.nummer}" in seite.content.decode()
    assert "Karte löschen" not in seite.content.decode()
    karte.refresh_from_db()
    assert karte.text == "Mehr Bnäke" and karte.anregung == anregung


def test_readers_may_not_change_cards(benutzer, karte):
    with pytest.raises(PermissionDenied):
        weltcafe.karte_loeschen(user=benutzer["lesend"], karte=karte)
    assert Karte.objects.filter(pk=karte.pk).exists()


def test_a_too_long_card_in_the_fast_entry_names_its_line(client_als, cafe):
    antwort = client_als("sozialplanung").post(
        reverse("weltcafe_karten", args=[cafe.pk]),
        {"art": "sonstiges", "texte": "Kurz\n" + "x" * 1_001 + "\nNoch kurz"},
    )
    assert antwort.status_code == 400
    assert "Zeile 2: Höchstens 1.000 Zeichen" in antwort.content.decode()
    assert not cafe.karten.exists()
