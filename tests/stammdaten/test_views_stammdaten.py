import re

import pytest
from django.urls import reverse

from stammdaten.models import Kennzahlwert, Sozialquartier, Sozialraum


@pytest.fixture
def sozialplanung(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    return client


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[ >]", html))


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        (reverse("start"), 23),  # one aggregate per room with tasks (incl. mails, council papers)
        (reverse("sozialraum_liste"), 8),
        (reverse("sozialraum_detail", args=["OST"]), 14),
        (reverse("bereich_liste"), 8),
        (reverse("bereich_detail", args=["3-1"]), 9),
        (reverse("bereich_mitglieder", args=["3-1"]), 8),
        (reverse("kennzahl_liste"), 7),
        (reverse("sozialindex"), 12),
        (reverse("sozialindex_diagramm") + "?jahr=2024&basisjahr=2020&ebene=sozialquartier", 10),
    ],
)
def test_pages_have_a_bounded_query_count(
    sozialplanung, django_assert_max_num_queries, url, queries
):
    with django_assert_max_num_queries(queries):
        antwort = sozialplanung.get(url)
    assert antwort.status_code == 200
    if antwort["Content-Type"].startswith("text/html"):
        assert h1_count(antwort.content.decode()) == 1


def test_query_count_does_not_grow_with_more_quarters(sozialplanung, django_assert_max_num_queries):
    raum = Sozialraum.objects.get(kurzname="OST")
    for i in range(30):
        Sozialquartier.objects.create(name=f"Neu {i}", sozialraum=raum)
    with django_assert_max_num_queries(12):
        assert sozialplanung.get(reverse("sozialindex")).status_code == 200
    with django_assert_max_num_queries(8):
        assert sozialplanung.get(reverse("sozialraum_liste")).status_code == 200


def test_start_page_shows_roles_and_bereiche(client, benutzer):
    client.force_login(benutzer["bl-gesundheit"])
    html = client.get(reverse("start")).content.decode()
    assert "Leitung in 3-4 Gesundheit" in html
    assert reverse("bereich_detail", args=["3-4"]) in html


def test_start_page_tells_a_user_without_role_what_to_do(client, ohne_rolle):
    client.force_login(ohne_rolle)
    html = client.get(reverse("start")).content.decode()
    assert "Ihnen ist noch keine Rolle zugewiesen" in html
    assert "Sozialindex" not in html  # the menu shows only what the role may use


def test_navigation_follows_the_rules(client, benutzer):
    client.force_login(benutzer["lesend"])
    html = client.get(reverse("start")).content.decode()
    assert 'href="/sozialindex/"' in html and 'href="/admin/"' not in html
    client.force_login(benutzer["admin"])
    assert 'href="/admin/"' in client.get(reverse("start")).content.decode()


def test_sozialraum_page_compares_with_the_city(sozialplanung):
    html = sozialplanung.get(reverse("sozialraum_detail", args=["MST"])).content.decode()
    assert "Innenstadt" in html and "SGB-II-Quote" in html
    assert "1 von 6" in html  # Mitte/Styrum has the highest need in the demo
    assert 'class="auffaellig"' in html


def test_sozialraum_code_is_case_insensitive_and_unknown_is_404(sozialplanung):
    assert sozialplanung.get("/sozialraeume/ost/").status_code == 200
    assert sozialplanung.get("/sozialraeume/XXX/").status_code == 404


def test_sozialindex_table_and_chart(sozialplanung):
    html = sozialplanung.get(reverse("sozialindex")).content.decode()
    assert "Schladviertel" in html and "sehr niedrig" in html
    assert (
        'src="/sozialindex/diagramm.svg?jahr=2024&amp;basisjahr=2020&amp;ebene=sozialquartier"'
        in html
    )
    svg = sozialplanung.get(
        reverse("sozialindex_diagramm"),
        {"jahr": 2024, "basisjahr": 2020, "ebene": "sozialquartier"},
    )
    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    inhalt = svg.content.decode()
    assert inhalt.count("<rect") >= 27 and "Königshardt" in inhalt


def test_sozialindex_bad_query_gets_a_german_message(sozialplanung):
    html = sozialplanung.get(
        reverse("sozialindex"), {"jahr": "abc", "basisjahr": 2024}
    ).content.decode()
    assert "Bitte eine gültige Auswahl treffen. abc ist keine gültige Auswahl." in html
    html = sozialplanung.get(
        reverse("sozialindex"), {"jahr": 2021, "basisjahr": 2023}
    ).content.decode()
    assert "Das Basisjahr muss vor dem Jahr des Status liegen." in html
    assert sozialplanung.get(reverse("sozialindex_diagramm"), {"jahr": "x"}).status_code == 404


def test_sozialindex_without_data_says_so(sozialplanung):
    Kennzahlwert.objects.all().delete()
    html = sozialplanung.get(reverse("sozialindex")).content.decode()
    assert "Es liegen noch keine Kennzahlwerte" in html


def test_members_page_lists_the_bereich(client, benutzer):
    client.force_login(benutzer["fb-jugend"])
    html = client.get(reverse("bereich_mitglieder", args=["3-1"])).content.decode()
    assert "Jansen" in html and "Becker" in html and "Yilmaz" not in html
    detail = client.get(reverse("bereich_detail", args=["3-4"])).content.decode()
    assert reverse("bereich_mitglieder", args=["3-4"]) not in detail


def test_pages_send_security_headers(sozialplanung):
    antwort = sozialplanung.get(reverse("start"))
    csp = antwort["Content-Security-Policy"]
    for direktive in [
        "default-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
    ]:
        assert direktive in csp
    assert "unsafe-inline" not in csp
    assert antwort["X-Frame-Options"] == "DENY"
    assert antwort["X-Content-Type-Options"] == "nosniff"
    assert "<script" not in antwort.content.decode()


def test_invented_demo_figures_are_labelled(sozialplanung):
    for url in [reverse("sozialindex"), reverse("sozialraum_detail", args=["OST"])]:
        assert "Beispieldaten:" in sozialplanung.get(url).content.decode()
    Kennzahlwert.objects.update(beispieldaten=False)
    assert "Beispieldaten:" not in sozialplanung.get(reverse("sozialindex")).content.decode()
