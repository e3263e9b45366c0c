"""The Steckbrief page shows Bekanntheit per Sozialraum and round, in bounded queries."""

from django.urls import reverse

from tests import factories
from weltcafe.models import Angebotsabfrage, Themeninsel


def _runden(steckbrief, anzahl):
    for runde in range(1, anzahl + 1):
        insel = Themeninsel.objects.create(
            veranstaltung=factories.veranstaltung(runde=100 + runde), titel="T"
        )
        Angebotsabfrage.objects.create(themeninsel=insel, steckbrief=steckbrief, ja=runde, nein=4)


def test_section_shows_rate_with_n_and_uncertainty(client_als, settings):
    settings.BEKANNTHEIT_MIN_ANTWORTEN = 6
    s = factories.steckbrief(titel="Testangebot Seite")
    _runden(s, 2)
    html = (
        client_als("sozialplanung").get(reverse("steckbrief_detail", args=[s.pk])).content.decode()
    )
    assert "Bekanntheit" in html
    assert '20 % (n = 5) <span class="unsicher">unsicher</span>' in html
    assert "33 % (n = 6)</td>" in html
    assert "<svg" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]


def test_page_without_dots_has_no_section(client_als):
    s = factories.steckbrief(titel="Testangebot ohne")
    html = (
        client_als("sozialplanung").get(reverse("steckbrief_detail", args=[s.pk])).content.decode()
    )
    assert "bk-titel" not in html


def test_query_count_does_not_grow_with_rounds(client_als, django_assert_max_num_queries):
    client = client_als("sozialplanung")
    gezaehlt = []
    for runden in (1, 5):
        s = factories.steckbrief(titel=f"Testangebot {runden} Runden")
        _runden(s, runden)
        client.get(reverse("steckbrief_detail", args=[s.pk]))  # warm session and caches
        with django_assert_max_num_queries(25) as erfasst:
            client.get(reverse("steckbrief_detail", args=[s.pk]))
        gezaehlt.append(len(erfasst))
    assert gezaehlt[0] == gezaehlt[1]
