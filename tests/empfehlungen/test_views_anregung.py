import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from core.workflow import verlauf
from empfehlungen.models import Anregung, Handlungsempfehlung, Statistikpruefung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Kennzahl, Sozialraum
from tests import factories

S = Anregung.Status


@pytest.fixture
def sp(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    return client


def schritt(client, anregung, aktion, **daten):
    return client.post(reverse("anregung_schritt", args=[anregung.pk, aktion]), daten)


def meldungen(antwort) -> list[str]:
    return [str(m) for m in get_messages(antwort.wsgi_request)]


@pytest.mark.parametrize("zustand", [S.EINGEGANGEN, S.IN_RECHERCHE, S.BEDARF_BELEGT, S.VERKNUEPFT])
def test_detail_has_a_bounded_query_count(sp, django_assert_max_num_queries, zustand):
    a = factories.in_zustand(zustand)
    with django_assert_max_num_queries(30):
        antwort = sp.get(reverse("anregung_detail", args=[a.pk]), {"suche": "Jugend"})
    assert antwort.status_code == 200
    assert a.get_status_display() in antwort.content.decode()


def test_detail_shows_history_and_steps(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    html = sp.get(reverse("anregung_detail", args=[a.pk])).content.decode()
    assert "eingegangen → in Recherche" in html
    assert "Angebot fehlt: zur Statistikprüfung" in html and "Recherche beginnen" not in html


def test_research_path_existing_offer(sp):
    a = factories.anregung()
    antwort = schritt(sp, a, "recherche")
    assert meldungen(antwort) == ["Recherche begonnen."]
    steckbrief = factories.steckbrief()
    antwort = schritt(sp, a, "angebot", steckbrief=steckbrief.pk)
    a.refresh_from_db()
    assert a.status == S.VERKNUEPFT and a.steckbrief == steckbrief


def test_research_path_statistics(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    antwort = schritt(sp, a, "statistik")
    assert antwort["Location"] == reverse("anregung_statistikpruefung", args=[a.pk])
    seite = sp.get(antwort["Location"])
    assert seite.context["form"] is not None
    kinderarmut = Kennzahl.objects.get(name="Kinderarmut")
    antwort = sp.post(
        antwort["Location"],
        {
            "kennzahlen": [kinderarmut.pk],
            "ergebnis": "belegt",
            "begruendung": "Kinderarmut über dem Stadtwert",
        },
    )
    assert antwort["Location"] == reverse("anregung_detail", args=[a.pk])
    a.refresh_from_db()
    assert a.status == S.BEDARF_BELEGT
    assert Statistikpruefung.objects.get(anregung=a).ausgewaehlte_werte[0]["name"] == "Kinderarmut"


def test_statistics_form_errors_are_german(sp):
    a = factories.in_zustand(S.STATISTIKPRUEFUNG)
    antwort = sp.post(reverse("anregung_statistikpruefung", args=[a.pk]), {"ergebnis": "belegt"})
    html = antwort.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    a.refresh_from_db()
    assert a.status == S.STATISTIKPRUEFUNG


def test_statistics_post_in_wrong_state_is_refused(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    antwort = sp.post(reverse("anregung_statistikpruefung", args=[a.pk]), {"ergebnis": "belegt"})
    assert meldungen(antwort) == ["Im Zustand „in Recherche“ ist keine Statistikprüfung möglich."]


def test_dublette_and_nicht_zustaendig_steps(sp):
    original = factories.anregung()
    a = factories.anregung()
    antwort = schritt(sp, a, "dublette", original="A-abc")
    assert meldungen(antwort) == ["„A-abc“ ist keine Anregungsnummer (Beispiel: A-17)."]
    schritt(sp, a, "dublette", original=original.nummer)
    a.refresh_from_db()
    assert a.status == S.DUBLETTE
    b = factories.anregung()
    antwort = schritt(sp, b, "nicht-zustaendig", grund="")
    assert meldungen(antwort)[-1] == "Bitte begründen, warum die Stadt nicht zuständig ist."
    schritt(sp, b, "nicht-zustaendig", grund="Bundesaufgabe")
    b.refresh_from_db()
    assert b.status == S.NICHT_ZUSTAENDIG


def test_step_not_allowed_now_changes_nothing(sp):
    a = factories.anregung()
    antwort = schritt(sp, a, "wieder-aufnehmen", kommentar="x")
    assert meldungen(antwort) == [
        "„Wieder in Recherche“ ist im Zustand „eingegangen“ nicht möglich."
    ]
    a.refresh_from_db()
    assert a.status == S.EINGEGANGEN


def test_unknown_step_is_404_and_get_is_405(sp):
    a = factories.anregung()
    assert schritt(sp, a, "zaubern").status_code == 404
    assert sp.get(reverse("anregung_schritt", args=[a.pk, "recherche"])).status_code == 405


def test_steckbrief_draft_from_anregung(sp):
    a = factories.in_zustand(S.IN_RECHERCHE)
    url = reverse("anregung_steckbrief_neu", args=[a.pk])
    formular = sp.get(url)
    assert formular.context["form"].initial["beschreibung"] == a.text
    antwort = sp.post(
        url,
        {"titel": "Streetwork Ost", "beschreibung": a.text, "befristet": "on", "stadtweit": "on"},
    )
    html = antwort.content.decode()
    assert "Bitte den verantwortlichen Bereich oder einen externen Träger angeben." in html
    assert "Ein befristetes Angebot braucht ein Laufzeitende." in html
    antwort = sp.post(
        url,
        {
            "titel": "Streetwork Ost",
            "beschreibung": a.text,
            "befristet": "on",
            "laufzeit_bis": "2026-12-31",
            "stadtweit": "on",
            "federfuehrung": Bereich.objects.get(code="3-1").pk,
        },
    )
    assert antwort.status_code == 302
    a.refresh_from_db()
    assert a.status == S.ANGEBOT_VORHANDEN and a.steckbrief.titel == "Streetwork Ost"


def test_cluster_becomes_one_empfehlung(sp):
    text = "Jugendtreff mit Abendöffnung in Osterfeld fehlt"
    a, b = (
        factories.in_zustand(S.BEDARF_BELEGT, text=text),
        factories.in_zustand(S.BEDARF_BELEGT, text=text),
    )
    url = reverse("anregung_empfehlung_neu", args=[a.pk])
    seite = sp.get(url, {"weitere": [b.pk]})
    assert b in seite.context["kandidaten"]
    ost = Sozialraum.objects.get(kurzname="OST")
    antwort = sp.post(
        url,
        {
            "titel": "Jugendtreff Abendöffnung",
            "text": "Öffnungszeiten erweitern",
            "art": "neu",
            "sozialraeume": [ost.pk],
            "prioritaet": "hoch",
            "zeithorizont": "kurzfristig",
            "weitere": [b.pk],
        },
    )
    empfehlung = Handlungsempfehlung.objects.get(titel="Jugendtreff Abendöffnung")
    assert antwort["Location"] == reverse("empfehlung_detail", args=[empfehlung.pk])
    assert set(empfehlung.anregungen.all()) == {a, b}
    for x in (a, b):
        x.refresh_from_db()
        assert x.status == S.VERKNUEPFT
        assert verlauf(x).last().kommentar == f"Mit der Empfehlung {empfehlung.nummer} verknüpft."


def test_empfehlung_form_requires_area_and_steckbrief_for_verlaengerung(sp):
    antwort = sp.post(
        reverse("empfehlung_neu"),
        {
            "titel": "x",
            "text": "y",
            "art": "verlaengerung",
            "prioritaet": "mittel",
            "zeithorizont": "mittelfristig",
        },
    )
    html = antwort.content.decode()
    assert "Bitte Sozialräume wählen oder „stadtweit“ ankreuzen." in html
    assert "Eine Verlängerung oder Verstetigung braucht den Maßnahmensteckbrief" in html
    assert not Handlungsempfehlung.objects.filter(titel="x").exists()


def test_quick_entry_keeps_veranstaltung_and_sozialraum(sp):
    v = factories.veranstaltung()
    url = reverse("anregung_erfassen")
    formular = sp.get(url, {"veranstaltung": v.pk})
    assert formular.context["form"].initial["sozialraum"] == v.sozialraum
    antwort = sp.post(
        url, {"text": "Mehr Bänke im Park", "veranstaltung": v.pk, "sozialraum": v.sozialraum.pk}
    )
    assert antwort["Location"] == f"{url}?veranstaltung={v.pk}&sozialraum={v.sozialraum.pk}"
    neu = Anregung.objects.get(text="Mehr Bänke im Park")
    assert meldungen(antwort) == [f"{neu.nummer} gespeichert. Nächste Anregung:"]
    ohne = sp.post(url, {"text": "Ohne Herkunft"})
    assert "Ohne Veranstaltung braucht jede Anregung eine Quelle." in ohne.content.decode()


def test_steckbrief_and_empfehlung_lists_respect_bereiche(client, benutzer):
    gesundheit = Bereich.objects.get(code="3-4")
    factories.steckbrief(titel="Nur Gesundheit", federfuehrung=gesundheit)
    client.force_login(benutzer["fb-jugend"])
    html = client.get(reverse("steckbrief_liste")).content.decode()
    assert "Nur Gesundheit" not in html
    sichtbar = Massnahmensteckbrief.objects.filter(federfuehrung__code="3-1")
    assert sichtbar.first().titel in html
    client.force_login(benutzer["bl-gesundheit"])
    assert "Nur Gesundheit" in client.get(reverse("steckbrief_liste")).content.decode()


def test_unticked_cluster_candidates_are_not_linked(sp):
    text = "Jugendtreff mit Abendöffnung in Osterfeld fehlt"
    a, b = (
        factories.in_zustand(S.BEDARF_BELEGT, text=text),
        factories.in_zustand(S.BEDARF_BELEGT, text=text),
    )
    url = reverse("anregung_empfehlung_neu", args=[a.pk]) + f"?weitere={b.pk}"
    ost = Sozialraum.objects.get(kurzname="OST")
    sp.post(
        url,
        {
            "titel": "Nur eine",
            "text": "t",
            "art": "neu",
            "sozialraeume": [ost.pk],
            "prioritaet": "mittel",
            "zeithorizont": "mittelfristig",
        },
    )
    empfehlung = Handlungsempfehlung.objects.get(titel="Nur eine")
    assert list(empfehlung.anregungen.all()) == [a]
    b.refresh_from_db()
    assert b.status == S.BEDARF_BELEGT


def test_state_count_links_replace_the_state_filter(sp):
    html = sp.get(
        reverse("anregung_liste"), {"status": "dublette", "suche": "Jugend"}
    ).content.decode()
    assert 'href="?suche=Jugend"' in html  # "alle"
    assert 'href="?suche=Jugend&amp;status=eingegangen"' in html


def test_detail_query_count_is_the_same_at_10_and_1000_rows(sp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a = factories.in_zustand(S.IN_RECHERCHE)
    url = reverse("anregung_detail", args=[a.pk])

    def abfragen():
        with CaptureQueriesContext(connection) as q:
            assert sp.get(url, {"suche": "Jugend"}).status_code == 200
        return len(q)

    vorher = abfragen()
    user = factories.sozialplanung()
    Anregung.objects.bulk_create(
        Anregung(text=f"Streetwork Karte {i} für Jugendliche", erfasst_von=user)
        for i in range(1000)
    )
    # Not more; on PostgreSQL one less, as the similarity search stops after its first stage
    # (two shared words) once that finds enough, instead of widening to one shared word.
    assert abfragen() <= vorher


def test_research_filters_by_handlungsfeld(sp):
    from stammdaten.models import Handlungsfeld

    a = factories.in_zustand(S.IN_RECHERCHE)
    gesundheit = Handlungsfeld.objects.get(name="Gesundheit")
    antwort = sp.get(
        reverse("anregung_detail", args=[a.pk]), {"handlungsfeld": gesundheit.pk, "ueberall": "1"}
    )
    titel = [s.titel for s in antwort.context["recherche"]["steckbriefe"]]
    assert "Kompetenzzentrum Suchtberatung" in titel
    assert "Fanprojekt Oberhausen" not in titel
