"""Abstimmung, Freigabe, Vertretung, notifications and Strategiepapier through the test client."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from empfehlungen import services
from freigabe.models import Freigabestatus as F
from notifications.models import Benachrichtigung
from stammdaten.models import Vertretung
from strategiepapier.models import Strategiepapier
from tests import factories
from tests.factories import demo, in_freigabe_zustand

pytestmark = pytest.mark.django_db


def text(antwort) -> str:
    return re.sub(r"\s+", " ", antwort.content.decode())


# --- Meine Aufgaben ------------------------------------------------------------------------------
def test_start_page_shows_each_role_its_tasks_with_their_age(client_als):
    zur_freigabe = in_freigabe_zustand(factories.empfehlung(titel="Freigabe offen"), F.ZUR_FREIGABE)
    in_abstimmung = in_freigabe_zustand(
        factories.empfehlung(titel="Abstimmung offen"), F.IN_ABSTIMMUNG
    )
    bl = text(client_als("bl-gesundheit").get("/"))
    assert f"{zur_freigabe.nummer} Freigabe offen</a> – für 3-4" in bl
    assert f'href="/freigabe/empfehlung/{zur_freigabe.pk}/"' in bl
    assert "(seit " in bl
    fb = text(client_als("fb-gesundheit").get("/"))
    assert f'href="/empfehlungen/{in_abstimmung.pk}/#abstimmung"' in fb
    assert f'href="/freigabe/empfehlung/{zur_freigabe.pk}/"' not in fb  # members do not approve
    lesend = text(client_als("lesend").get("/"))
    assert "Freigabe offen" not in lesend and "Abstimmung offen" not in lesend


def test_sozialplanung_sees_sent_back_and_ready_items(client_als):
    zurueck = in_freigabe_zustand(factories.empfehlung(titel="Zurückgeschickt"), F.ZUR_FREIGABE)
    services_ablehnen = client_als("bl-gesundheit").post(
        reverse("freigabe_entscheiden", args=["empfehlung", zurueck.pk]),
        {
            "bereich": zurueck.bereiche()[1].pk,
            "entscheidung": "ablehnen",
            "begruendung": "Zu teuer",
            "fassung": 1,
        },
    )
    assert services_ablehnen.status_code == 302
    bereit = in_freigabe_zustand(factories.empfehlung(titel="Alle einverstanden"), F.IN_ABSTIMMUNG)
    for name, b in (("fb-jugend", bereit.bereiche()[0]), ("fb-gesundheit", bereit.bereiche()[1])):
        client_als(name).post(
            reverse("abstimmen", args=["empfehlung", bereit.pk]),
            {"bereich": b.pk, "antwort": "einverstanden", "stand": bereit.stand},
        )
    sp = text(client_als("sozialplanung").get("/"))
    assert "Zurückgeschickt:" in sp and "Zu teuer" in sp
    assert "Bereit zur Freigabe:" in sp and "Alle einverstanden" in sp
    assert "Bereit zur Veröffentlichung:" in sp  # demo: a freigegebene Empfehlung waits


@pytest.mark.parametrize("rolle", ["sozialplanung", "bl-jugend", "fb-gesundheit", "lesend"])
def test_start_page_queries_do_not_grow_with_tasks(
    rolle, client_als, django_assert_max_num_queries
):
    client = client_als(rolle)
    in_freigabe_zustand(factories.empfehlung(titel="Erste"), F.ZUR_FREIGABE)
    in_freigabe_zustand(factories.steckbrief(titel="Erste"), F.IN_ABSTIMMUNG)
    # 23: the controlling's open and submitted Meldungen, the undelivered mails and the council
    # papers with fetch problems add one aggregate query each.
    with django_assert_max_num_queries(23) as vorher:
        client.get("/")
    for i in range(6):
        in_freigabe_zustand(factories.empfehlung(titel=f"Mehr {i}"), F.ZUR_FREIGABE)
        in_freigabe_zustand(factories.steckbrief(titel=f"Mehr {i}"), F.IN_ABSTIMMUNG)
    with django_assert_max_num_queries(len(vorher.captured_queries)):
        assert client.get("/").status_code == 200


# --- Item pages ---------------------------------------------------------------------------------
def _aendern_und_antworten(objekt, i: int):
    from freigabe import services as freigabe
    from massnahmen.services import steckbrief_aendern

    sp = factories.sozialplanung()
    objekt = type(objekt).objects.get(pk=objekt.pk)
    if objekt._meta.model_name == "handlungsempfehlung":
        objekt = services.empfehlung_aendern(
            empfehlung=objekt, user=sp, stand=objekt.stand, titel=f"Titel {i}"
        )
    else:
        objekt = steckbrief_aendern(steckbrief=objekt, user=sp, stand=objekt.stand, titel=f"T {i}")
    freigabe.abstimmung_beantworten(
        objekt=objekt,
        user=demo("fb-jugend"),
        bereich=objekt.federfuehrung,
        antwort="aenderungsbedarf",
        text=f"Anmerkung {i}",
        stand=objekt.stand,
    )
    return objekt


@pytest.mark.parametrize("typ", ["empfehlung", "steckbrief"])
def test_item_page_queries_do_not_grow_with_versions_and_answers(
    typ, client_als, django_assert_max_num_queries
):
    objekt = factories.empfehlung() if typ == "empfehlung" else factories.steckbrief()
    objekt = in_freigabe_zustand(objekt, F.IN_ABSTIMMUNG)
    objekt = _aendern_und_antworten(objekt, 0)
    url = reverse(f"{typ}_detail", args=[objekt.pk])
    client = client_als("fb-jugend")
    with django_assert_max_num_queries(30) as wenige:
        assert client.get(url).status_code == 200
    for i in range(1, 9):
        objekt = _aendern_und_antworten(objekt, i)
    with django_assert_max_num_queries(len(wenige.captured_queries)):
        antwort = client.get(url)
    seite = text(antwort)
    assert "„Anmerkung 8“" in seite and "Versionen" in seite and "<ins>8</ins>" in seite


def test_item_page_shows_answers_side_by_side_and_the_timeline(client_als):
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    client_als("fb-gesundheit").post(
        reverse("abstimmen", args=["empfehlung", o.pk]),
        {
            "bereich": o.bereiche()[1].pk,
            "antwort": "aenderungsbedarf",
            "text": "Bitte Kosten nennen.",
            "stand": o.stand,
        },
    )
    seite = text(client_als("sozialplanung").get(reverse("empfehlung_detail", args=[o.pk])))
    assert "Änderungsbedarf" in seite and "„Bitte Kosten nennen.“" in seite
    assert "Entwurf → in Abstimmung</strong> durch Svenja Albers" in seite  # the timeline
    assert "Mehmet Yilmaz" in seite


def test_answer_form_errors_are_german(client_als):
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    client = client_als("fb-jugend")
    antwort = client.post(
        reverse("abstimmen", args=["empfehlung", o.pk]),
        {
            "bereich": o.bereiche()[0].pk,
            "antwort": "aenderungsbedarf",
            "text": "",
            "stand": o.stand,
        },
        follow=True,
    )
    assert "Bitte den Änderungsbedarf beschreiben." in text(antwort)
    assert not o.abstimmungen.filter().exists()


def test_refused_step_shows_a_german_message(client_als):
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    antwort = client_als("sozialplanung").post(
        reverse("vorgang_schritt", args=["empfehlung", o.pk, "zur-freigabe"]), follow=True
    )
    assert "Noch nicht alle Bereiche haben dem aktuellen Stand zugestimmt." in text(antwort)
    o.refresh_from_db()
    assert o.status == F.IN_ABSTIMMUNG


def test_unknown_step_is_404(client_als):
    o = factories.empfehlung()
    url = reverse("vorgang_schritt", args=["empfehlung", o.pk, "loeschen"])
    assert client_als("sozialplanung").post(url).status_code == 404
    url = reverse("vorgang_schritt", args=["nichts", o.pk, "zur-abstimmung"])
    assert client_als("sozialplanung").post(url).status_code == 404


def test_edit_conflict_is_refused_with_what_changed(client_als):
    o = factories.empfehlung()
    url = reverse("empfehlung_bearbeiten", args=[o.pk])
    erste, zweite = client_als("sozialplanung"), client_als("admin")
    formular = text(erste.get(url))
    assert 'name="stand" value="0"' in formular
    daten = {
        "titel": o.titel,
        "text": o.text,
        "art": o.art,
        "prioritaet": o.prioritaet,
        "zeithorizont": o.zeithorizont,
        "sozialraeume": [r.pk for r in o.sozialraeume.all()],
        "federfuehrung": o.federfuehrung_id,
        "beteiligte": [b.pk for b in o.beteiligte.all()],
        "stand": 0,
    }
    assert erste.post(url, {**daten, "text": "Erste Fassung des Textes."}).status_code == 302
    antwort = zweite.post(url, {**daten, "titel": "Überschrieben?"})
    assert antwort.status_code == 400  # refused: nothing saved
    seite = text(antwort)
    assert "Inzwischen geändert von Svenja Albers" in seite and "Empfehlung" in seite
    assert "Ihre Eingaben wurden nicht gespeichert" in seite
    o.refresh_from_db()
    assert (o.titel, o.text) == ("Streetwork am Bahnhof ausbauen", "Erste Fassung des Textes.")


def test_locked_item_cannot_be_edited(client_als):
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    antwort = client_als("sozialplanung").get(
        reverse("empfehlung_bearbeiten", args=[o.pk]), follow=True
    )
    assert "der Inhalt ist gesperrt" in text(antwort)


# --- From the mail to the decision in three clicks ----------------------------------------------
def test_approval_from_the_notification_in_three_clicks(client_als):
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    nachricht = Benachrichtigung.objects.get(
        empfaenger=demo("bl-jugend"), art="freigabe", schluessel__contains=f":empfehlung:{o.pk}:"
    )
    client = client_als("bl-jugend")
    # 1: the link of the mail
    antwort = client.get(reverse("benachrichtigung_oeffnen", args=[nachricht.pk]))
    assert antwort.status_code == 302 and antwort["Location"] == f"/freigabe/empfehlung/{o.pk}/"
    # 2: the decision page, with the Bereich and "Freigeben" already chosen
    seite = text(client.get(antwort["Location"]))
    assert f'<option value="{o.federfuehrung_id}" selected>3-1' in seite
    assert 'value="freigeben" required id="id_entscheidung_0" checked' in seite
    assert '<input type="hidden" name="fassung" value="1"' in seite
    # 3: confirm
    antwort = client.post(
        antwort["Location"],
        {"bereich": o.federfuehrung_id, "entscheidung": "freigeben", "fassung": 1},
    )
    assert antwort.status_code == 302
    assert o.freigaben.filter(bereich=o.federfuehrung, user=demo("bl-jugend")).exists()
    nachricht.refresh_from_db()
    assert nachricht.gelesen_am is not None


def test_rejection_without_reason_is_refused_on_the_page(client_als):
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    antwort = client_als("bl-jugend").post(
        reverse("freigabe_entscheiden", args=["empfehlung", o.pk]),
        {
            "bereich": o.federfuehrung_id,
            "entscheidung": "ablehnen",
            "begruendung": " ",
            "fassung": 1,
        },
    )
    assert antwort.status_code == 200
    assert "Bitte die Ablehnung begründen." in text(antwort)
    assert not o.freigaben.filter().exists()


def test_decision_page_for_a_bereich_of_another_leitung_is_refused(client_als):
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    antwort = client_als("bl-jugend").post(
        reverse("freigabe_entscheiden", args=["empfehlung", o.pk]),
        {"bereich": o.bereiche()[1].pk, "entscheidung": "freigeben", "fassung": 1},
    )
    assert antwort.status_code == 200  # form error: that Bereich is not offered to her
    assert not o.freigaben.filter().exists()


# --- Vertretung ---------------------------------------------------------------------------------
def test_leitung_names_and_ends_a_vertretung(client_als):
    client = client_als("bl-gesundheit")
    url = reverse("bereich_vertretung", args=["3-4"])
    heute = timezone.localdate()
    daten = {
        "vertretung": demo("fb-gesundheit").pk,
        "von": (heute + timedelta(days=60)).isoformat(),
        "bis": (heute + timedelta(days=50)).isoformat(),
    }
    antwort = client.post(url, daten)
    assert antwort.status_code == 200
    assert (
        "bis" in text(antwort)
        and not Vertretung.objects.filter(von=heute + timedelta(days=60)).exists()
    )
    daten["bis"] = (heute + timedelta(days=70)).isoformat()
    antwort = client.post(url, daten, follow=True)
    assert "Mehmet Yilmaz vertritt Sie vom" in text(antwort)
    v = Vertretung.objects.get(von=heute + timedelta(days=60))
    assert client.post(url, {"beenden": "abc"}).status_code == 404
    antwort = client.post(url, {"beenden": v.pk}, follow=True)
    assert "ist beendet" in text(antwort)
    # Kept on record, no longer valid, ended once only.
    v.refresh_from_db()
    assert v.beendet_am is not None and v.beendet_von == demo("bl-gesundheit")
    assert not Vertretung.objects.gueltig(heute + timedelta(days=61)).filter(pk=v.pk).exists()
    assert "vorzeitig beendet am" in text(antwort)
    antwort = client.post(url, {"beenden": v.pk}, follow=True)
    assert "schon beendet" in text(antwort)


# --- Notifications ------------------------------------------------------------------------------
def test_header_shows_unread_count_and_reading_clears_it(client_als):
    user = demo("bl-jugend")
    Benachrichtigung.objects.filter(empfaenger=user).update(gelesen_am=timezone.now())
    in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    ungelesen = Benachrichtigung.objects.filter(empfaenger=user, gelesen_am__isnull=True).count()
    assert ungelesen == 2  # Abstimmung erbeten (member), Freigabe erbeten (Leitung)
    client = client_als("bl-jugend")
    seite = text(client.get("/"))
    assert f'{ungelesen}<span class="visually-hidden"> ungelesen</span>' in seite
    liste = text(client.get(reverse("benachrichtigungen")))
    assert "Freigabe erbeten" in liste
    client.post(reverse("benachrichtigungen_gelesen"))
    assert "ungelesen" not in text(client.get("/")).split("<main")[0]


def test_other_users_notification_is_404(client_als):
    n = Benachrichtigung.objects.filter(empfaenger=demo("bl-jugend")).first()
    assert (
        client_als("bl-gesundheit")
        .get(reverse("benachrichtigung_oeffnen", args=[n.pk]))
        .status_code
        == 404
    )


# --- Strategiepapier pages ----------------------------------------------------------------------
def im_hintergrund(client, antwort):
    """The job the page queued, run here as the worker would; then its page."""
    from core import dokumente
    from core.models import Dokumentauftrag

    auftrag = Dokumentauftrag.objects.get(pk=int(antwort["Location"].strip("/").split("/")[-1]))
    assert dokumente.erstellen(auftrag.pk)
    return client.get(antwort["Location"])


def test_strategiepapier_from_new_to_published(client_als, django_assert_max_num_queries):
    e = in_freigabe_zustand(factories.empfehlung(titel="Jugendtreff Knappenviertel"), F.FREIGEGEBEN)
    client = client_als("sozialplanung")
    antwort = client.post(
        reverse("strategiepapier_neu"), {"sozialraum": e.sozialraeume.get().pk, "ausgabe": 2040}
    )
    papier = Strategiepapier.objects.get(ausgabe=2040)
    assert antwort["Location"] == reverse("strategiepapier_detail", args=[papier.pk])
    with django_assert_max_num_queries(25):
        seite = text(client.get(antwort["Location"]))
    assert "Jugendtreff Knappenviertel" in seite and "checked" in seite
    antwort = client.post(reverse("strategiepapier_veroeffentlichen", args=[papier.pk]))
    assert "ist veröffentlicht" in text(im_hintergrund(client, antwort))
    e.refresh_from_db()
    assert e.status == F.VEROEFFENTLICHT
    lesend = client_als("lesend")
    assert "Oberhausen-Ost" in text(lesend.get(reverse("strategiepapier_liste")))
    assert lesend.get(reverse("strategiepapier_pdf", args=[papier.pk])).status_code == 200
    # A second edition for the same year is refused with a German message.
    antwort = client.post(
        reverse("strategiepapier_neu"), {"sozialraum": e.sozialraeume.get().pk, "ausgabe": 2040}
    )
    assert "gibt es die Ausgabe 2040 schon" in text(antwort)


def test_publishing_takes_the_ticked_selection(client_als):
    drin = in_freigabe_zustand(factories.empfehlung(titel="Angekreuzt"), F.FREIGEGEBEN)
    raus = in_freigabe_zustand(factories.empfehlung(titel="Nicht angekreuzt"), F.FREIGEGEBEN)
    client = client_als("sozialplanung")
    client.post(
        reverse("strategiepapier_neu"), {"sozialraum": drin.sozialraeume.get().pk, "ausgabe": 2041}
    )
    papier = Strategiepapier.objects.get(ausgabe=2041)
    assert set(papier.empfehlungen.all()) >= {drin, raus}  # default: all candidates
    # Untick one and publish in the same step: what is on screen is what gets published.
    antwort = client.post(
        reverse("strategiepapier_veroeffentlichen", args=[papier.pk]),
        {"auswahl": "1", "empfehlungen": [drin.pk, "x"]},
    )
    assert "ist veröffentlicht" in text(im_hintergrund(client, antwort))
    assert list(papier.empfehlungen.all()) == [drin]
    raus.refresh_from_db()
    assert raus.status == F.FREIGEGEBEN
    # Saving a selection on a published paper is refused with a German message.
    antwort = client.post(
        reverse("strategiepapier_detail", args=[papier.pk]),
        {"empfehlungen": [raus.pk]},
        follow=True,
    )
    assert "lässt sich nicht mehr ändern" in text(antwort)
    assert (
        client_als("lesend").post(reverse("strategiepapier_detail", args=[papier.pk])).status_code
        == 403
    )


def test_a_decision_never_lands_on_a_newer_fassung(client_als):
    """bl-gesundheit read Fassung 1; meanwhile it was rejected, revised and resubmitted."""
    from freigabe import services as freigabe

    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    url = reverse("freigabe_entscheiden", args=["empfehlung", o.pk])
    gesundheit = o.bereiche()[1]
    freigabe.freigabe_entscheiden(
        objekt=o,
        user=demo("bl-jugend"),
        bereich=o.federfuehrung,
        freigeben=False,
        begruendung="Nein",
    )
    o.refresh_from_db()
    o = services.empfehlung_aendern(
        empfehlung=o, user=factories.sozialplanung(), stand=o.stand, titel="Ganz anders"
    )
    o = in_freigabe_zustand(o, F.ZUR_FREIGABE)
    assert o.fassung == 2
    antwort = client_als("bl-gesundheit").post(
        url, {"bereich": gesundheit.pk, "entscheidung": "freigeben", "fassung": 1}
    )
    assert antwort.status_code == 200
    assert "Inzwischen liegt Fassung 2 vor (Sie haben Fassung 1 gelesen)" in text(antwort)
    assert not o.freigaben.filter(fassung=2, bereich=gesundheit).exists()


def test_odd_digits_in_posted_ids_are_ignored_not_500(client_als):
    e = in_freigabe_zustand(factories.empfehlung(), F.FREIGEGEBEN)
    papier = Strategiepapier.objects.create(
        sozialraum=e.sozialraeume.get(), ausgabe=2043, erstellt_von=factories.sozialplanung()
    )
    client = client_als("sozialplanung")
    antwort = client.post(
        reverse("strategiepapier_detail", args=[papier.pk]), {"empfehlungen": ["²", str(e.pk)]}
    )
    assert antwort.status_code == 302
    assert list(papier.empfehlungen.all()) == [e]
    url = reverse("bereich_vertretung", args=["3-4"])
    assert client_als("bl-gesundheit").post(url, {"beenden": "²"}).status_code == 404


def test_edit_without_stand_is_refused(client_als):
    o = factories.empfehlung()
    antwort = client_als("sozialplanung").post(
        reverse("empfehlung_bearbeiten", args=[o.pk]),
        {
            "titel": "Ohne Stand",
            "text": o.text,
            "art": o.art,
            "prioritaet": o.prioritaet,
            "zeithorizont": o.zeithorizont,
            "federfuehrung": o.federfuehrung_id,
        },
    )
    assert antwort.status_code == 400  # refused: nothing saved
    o.refresh_from_db()
    assert o.titel == "Streetwork am Bahnhof ausbauen"


def test_the_administration_neither_answers_nor_decides_for_a_bereich(client_als):
    """Django grants a superuser every permission; answering and deciding for a Bereich stay
    with its members and its Leitung (403, never a 500)."""
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    jugend = o.bereiche()[0]
    admin = client_als("admin")
    antwort = admin.post(
        reverse("abstimmen", args=["empfehlung", o.pk]),
        {"bereich": jugend.pk, "antwort": "einverstanden", "stand": o.stand},
    )
    assert antwort.status_code in (302, 403)
    assert not o.abstimmungen.exists()
    o = in_freigabe_zustand(factories.empfehlung(titel="Zur Freigabe"), F.ZUR_FREIGABE)
    seite = admin.get(reverse("freigabe_entscheiden", args=["empfehlung", o.pk]))
    assert "nichts (mehr) zu entscheiden" in seite.content.decode()
    antwort = admin.post(
        reverse("freigabe_entscheiden", args=["empfehlung", o.pk]),
        {"bereich": jugend.pk, "entscheidung": "freigeben", "fassung": o.fassung},
    )
    assert antwort.status_code in (200, 403)
    assert not o.freigaben.exists()
