"""The start page: each room's tasks under its heading, in German singular and plural."""

from django.urls import reverse

from empfehlungen.models import Handlungsempfehlung
from freigabe.models import Freigabestatus as F
from tests import factories
from tests.factories import in_freigabe_zustand


def test_one_approved_item_is_named_in_the_singular(client_als, django_assert_max_num_queries):
    Handlungsempfehlung.objects.filter(status=F.FREIGEGEBEN).update(status=F.ENTWURF)
    in_freigabe_zustand(factories.empfehlung(titel="Einzelstück"), F.FREIGEGEBEN)
    client = client_als("sozialplanung")
    client.get(reverse("start"))  # caches (content types) warm, as on a running server
    with django_assert_max_num_queries(23):  # one aggregate per contributing room
        seite = client.get(reverse("start")).content.decode()
    assert "1 freigegebene Empfehlung</a>" in seite
    assert "Bereit zur Veröffentlichung" in seite
    assert "(seit " in seite or "(gerade eben)" in seite


def test_headings_follow_the_fixed_order(client_als):
    seite = client_als("bl-gesundheit").get(reverse("start")).content.decode()
    gruppen = ("Freigaben", "Abstimmungen", "Sachstandsmeldungen", "Sozialplanung")
    vorhanden = [i for i in (seite.find(f"<h3>{g} (") for g in gruppen) if i >= 0]
    assert len(vorhanden) >= 2  # the demo gives the Leitung approvals and Meldungen
    assert vorhanden == sorted(vorhanden)
