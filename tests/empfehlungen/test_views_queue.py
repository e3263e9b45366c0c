import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from empfehlungen.models import Anregung
from stammdaten.models import Handlungsfeld, Sozialraum
from tests import factories

S = Anregung.Status
URL = reverse("anregung_liste")


@pytest.fixture
def sp(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    return client


def nummern(antwort) -> list[str]:
    return [a.nummer for a in antwort.context["seite"].object_list]


def meldungen(antwort) -> list[str]:
    return [str(m) for m in get_messages(antwort.wsgi_request)]


def viele(anzahl: int):
    user = factories.sozialplanung()
    raum = Sozialraum.objects.get(kurzname="OST")
    Anregung.objects.bulk_create(
        Anregung(text=f"Karte {i}", sozialraum=raum, erfasst_von=user) for i in range(anzahl)
    )


@pytest.mark.parametrize("anzahl", [10, 1000])
def test_queue_query_count_does_not_grow_with_rows(sp, django_assert_max_num_queries, anzahl):
    viele(anzahl)
    with django_assert_max_num_queries(13):
        antwort = sp.get(
            URL,
            {
                "status": "eingegangen",
                "sozialraum": Sozialraum.objects.get(kurzname="OST").pk,
                "suche": "Karte",
            },
        )
    assert antwort.status_code == 200
    assert len(antwort.context["seite"].object_list) == min(anzahl, 50)


def test_counts_per_state_and_total(sp):
    antwort = sp.get(URL)
    zaehler = {wert: n for wert, _, n in antwort.context["zaehler"]}
    assert zaehler[S.EINGEGANGEN] == Anregung.objects.filter(status=S.EINGEGANGEN).count()
    assert antwort.context["treffer"] == Anregung.objects.count()
    offen = sp.get(URL, {"status": "offen"})
    assert (
        offen.context["treffer"]
        == Anregung.objects.exclude(status__in=Anregung.ABGESCHLOSSEN).count()
    )
    assert offen.context["seite"].paginator.count == offen.context["treffer"]


def test_filters(sp, benutzer):
    stadtweit = factories.anregung(
        text="Stadtweiter Wunsch nach Kältebus", sozialraum=None, handlungsfeld=None
    )
    mir = factories.anregung(text="Zugewiesen")
    mir.zustaendig = benutzer["sozialplanung"]
    mir.save()
    v = factories.veranstaltung()
    aus_v = factories.anregung(text="Aus der Veranstaltung", veranstaltung=v)
    assert stadtweit.nummer in nummern(
        sp.get(URL, {"sozialraum": "stadtweit", "handlungsfeld": "ohne"})
    )
    assert nummern(sp.get(URL, {"veranstaltung": v.pk})) == [aus_v.nummer]
    assert mir.nummer in nummern(sp.get(URL, {"mir": "on"}))
    assert nummern(sp.get(URL, {"suche": "Kältebus"})) == [stadtweit.nummer]


def test_invalid_filter_gets_german_message_and_is_ignored(sp):
    antwort = sp.get(URL, {"status": "gibtsnicht"})
    assert "Bitte eine gültige Auswahl treffen." in antwort.content.decode()
    assert antwort.context["treffer"] == Anregung.objects.count()


def test_pagination_keeps_the_filter(sp):
    viele(120)
    antwort = sp.get(URL, {"status": "eingegangen", "seite": 2})
    assert antwort.context["seite"].number == 2
    assert "status=eingegangen&amp;seite=3" in antwort.content.decode()


def test_bulk_assign_and_set_handlungsfeld(sp, benutzer):
    a, b = factories.anregung(), factories.anregung()
    antwort = sp.post(
        reverse("anregung_sammelaktion"), {"auswahl": [a.pk, b.pk], "aktion": "zuweisen"}
    )
    assert antwort.status_code == 302
    assert meldungen(antwort) == ["2 Anregung(en) Ihnen zugewiesen."]
    feld = Handlungsfeld.objects.get(name="Gesundheit")
    sp.post(
        reverse("anregung_sammelaktion"),
        {"auswahl": [a.pk], "aktion": "handlungsfeld", "handlungsfeld": feld.pk},
    )
    a.refresh_from_db()
    assert (a.zustaendig, a.handlungsfeld) == (benutzer["sozialplanung"], feld)


def test_bulk_dublette_with_number(sp):
    original, kopie = factories.anregung(), factories.anregung()
    antwort = sp.post(
        reverse("anregung_sammelaktion"),
        {
            "auswahl": [kopie.pk],
            "aktion": "dublette",
            "original": original.nummer.lower(),
            "zurueck": reverse("anregung_detail", args=[original.pk]),
        },
    )
    assert antwort["Location"] == reverse("anregung_detail", args=[original.pk])
    kopie.refresh_from_db()
    assert (kopie.status, kopie.dublette_von_anregung) == (S.DUBLETTE, original)


@pytest.mark.parametrize(
    ("daten", "meldung"),
    [
        ({"aktion": "zuweisen"}, "Bitte mindestens eine Anregung auswählen."),
        ({"aktion": "dublette", "original": "A-999999"}, "Die Anregung A-999999 gibt es nicht."),
        ({"aktion": "handlungsfeld"}, "Bitte ein Handlungsfeld wählen."),
    ],
)
def test_bulk_refusals_are_german_and_change_nothing(sp, daten, meldung):
    a = factories.anregung()
    if daten["aktion"] != "zuweisen":
        daten["auswahl"] = [a.pk]
    antwort = sp.post(reverse("anregung_sammelaktion"), daten)
    assert meldung in meldungen(antwort)
    a.refresh_from_db()
    assert a.status == S.EINGEGANGEN and a.zustaendig is None


def test_bulk_refuses_a_foreign_return_address(sp):
    antwort = sp.post(
        reverse("anregung_sammelaktion"),
        {"aktion": "zuweisen", "zurueck": "https://boese.example/"},
    )
    assert antwort["Location"] == URL


def test_list_rows_escape_the_card_and_show_every_column(sp, benutzer):
    a = factories.anregung(text='<script>alert("x")</script> & mehr', zielgruppe="<b>Eltern</b>")
    a.zustaendig = benutzer["sozialplanung"]
    a.save()
    # Assigned to me: found the same way on every database (PostgreSQL's text search parser
    # would read <script> as markup).
    html = sp.get(URL, {"mir": "on"}).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "(Zielgruppe: &lt;b&gt;Eltern&lt;/b&gt;)" in html
    assert f'href="{reverse("anregung_detail", args=[a.pk])}">{a.nummer}</a>' in html
    assert benutzer["sozialplanung"].get_full_name() in html
    assert f"{timezone.localtime(a.erfasst_am):%d.%m.%Y}" in html
