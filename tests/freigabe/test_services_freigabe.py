"""Abstimmung, Freigabe, versions and Vertretung of Steckbriefe and Empfehlungen (services)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.models import Statuswechsel
from core.workflow import WorkflowError, verlauf
from empfehlungen import services
from empfehlungen import services as empfehlungen_services
from empfehlungen.models import Handlungsempfehlung
from freigabe import services as freigabe
from freigabe.models import Freigabestatus as F
from freigabe.versionen import versionen
from massnahmen import services as massnahmen_services
from notifications.models import Benachrichtigung
from stammdaten import services as stammdaten_services
from stammdaten.models import Bereich
from tests import factories
from tests.factories import demo, in_freigabe_zustand

pytestmark = pytest.mark.django_db
E = Handlungsempfehlung.Status
ROLLEN = [
    "sozialplanung",
    "fb-jugend",
    "bl-jugend",
    "fb-gesundheit",
    "bl-gesundheit",
    "lesend",
    "ohne-rolle",
]


def _nachrichten(o, **filter):
    """The notifications about this item (the demo data has its own)."""
    return Benachrichtigung.objects.filter(schluessel__contains=f":empfehlung:{o.pk}:", **filter)


def _bereich_fuer(user, objekt) -> Bereich:
    """The user's own Bereich among the item's, else the lead one (to be refused)."""
    eigene = [b for b in objekt.bereiche() if b.pk in user.bereich_rollen]
    return eigene[0] if eigene else objekt.bereiche()[0]


def _abstimmen(o, user):
    return freigabe.abstimmung_beantworten(
        objekt=o, user=user, bereich=_bereich_fuer(user, o), antwort="einverstanden", stand=o.stand
    )


def _entscheiden(o, user, freigeben=True):
    return freigabe.freigabe_entscheiden(
        objekt=o,
        user=user,
        bereich=_bereich_fuer(user, o),
        freigeben=freigeben,
        begruendung="" if freigeben else "Finanzierung offen",
    )


# (step, state the item starts in, call, roles that may) – the Empfehlung is led by 3-1 and
# involves 3-4; Umsetzung is reported by Sozialplanung or the lead Bereich.
SCHRITTE = {
    "zur_abstimmung": (
        F.ENTWURF,
        lambda o, u: freigabe.vorgang_zur_abstimmung_geben(objekt=o, user=u),
        {"sozialplanung"},
    ),
    "abstimmen": (
        F.IN_ABSTIMMUNG,
        _abstimmen,
        {"fb-jugend", "bl-jugend", "fb-gesundheit", "bl-gesundheit"},
    ),
    "zur_freigabe": (
        "alle_einverstanden",
        lambda o, u: freigabe.vorgang_zur_freigabe_geben(objekt=o, user=u),
        {"sozialplanung"},
    ),
    "freigeben": (F.ZUR_FREIGABE, _entscheiden, {"bl-jugend", "bl-gesundheit"}),
    "ablehnen": (
        F.ZUR_FREIGABE,
        lambda o, u: _entscheiden(o, u, False),
        {"bl-jugend", "bl-gesundheit"},
    ),
    "neue_fassung": (
        F.FREIGEGEBEN,
        lambda o, u: freigabe.vorgang_neue_fassung_anlegen(
            objekt=o, user=u, kommentar="Neue Richtlinie"
        ),
        {"sozialplanung"},
    ),
    "zurueckziehen": (
        F.ZUR_FREIGABE,
        lambda o, u: freigabe.vorgang_zurueckziehen(objekt=o, user=u, grund="Landesprogramm"),
        {"sozialplanung"},
    ),
    "umsetzung_beginnen": (
        F.VEROEFFENTLICHT,
        lambda o, u: empfehlungen_services.empfehlung_umsetzung_melden(
            empfehlung=o, user=u, schritt="umsetzung_beginnen"
        ),
        {"sozialplanung", "fb-jugend", "bl-jugend"},
    ),
    "als_umgesetzt": (
        E.IN_UMSETZUNG,
        lambda o, u: empfehlungen_services.empfehlung_umsetzung_melden(
            empfehlung=o, user=u, schritt="als_umgesetzt"
        ),
        {"sozialplanung", "fb-jugend", "bl-jugend"},
    ),
    "veroeffentlichen": (
        F.FREIGEGEBEN,
        lambda o, u: _veroeffentlichen(o, u),
        {"sozialplanung"},
    ),
    "als_nicht_umsetzbar": (
        F.VEROEFFENTLICHT,
        lambda o, u: empfehlungen_services.empfehlung_umsetzung_melden(
            empfehlung=o, user=u, schritt="als_nicht_umsetzbar", kommentar="Keine Räume"
        ),
        {"sozialplanung", "fb-jugend", "bl-jugend"},
    ),
}


def _veroeffentlichen(o, user):
    from strategiepapier import services as strategiepapier
    from strategiepapier.models import Strategiepapier

    papier = Strategiepapier.objects.create(
        sozialraum=o.sozialraeume.get(), ausgabe=2080, erstellt_von=factories.sozialplanung()
    )
    papier.empfehlungen.add(o)
    strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=user)


def _vorbereiten(zustand):
    if zustand == E.IN_UMSETZUNG:
        o = in_freigabe_zustand(factories.empfehlung(), F.VEROEFFENTLICHT)
        return empfehlungen_services.empfehlung_umsetzung_melden(
            empfehlung=o, user=factories.sozialplanung(), schritt="umsetzung_beginnen"
        )
    if zustand == "alle_einverstanden":
        o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
        for name in ("fb-jugend", "fb-gesundheit"):
            o = Handlungsempfehlung.objects.get(pk=o.pk)
            _abstimmen(o, demo(name))
        return Handlungsempfehlung.objects.get(pk=o.pk)
    return in_freigabe_zustand(factories.empfehlung(), zustand)


@pytest.mark.parametrize("rolle", ROLLEN)
@pytest.mark.parametrize("schritt", sorted(SCHRITTE))
def test_every_step_for_every_role(schritt, rolle, ohne_rolle):
    zustand, aufruf, erlaubt = SCHRITTE[schritt]
    objekt = _vorbereiten(zustand)
    user = ohne_rolle if rolle == "ohne-rolle" else demo(rolle)
    vorher = (objekt.status, objekt.fassung, Statuswechsel.objects.count())
    if rolle in erlaubt:
        aufruf(objekt, user)
        objekt.refresh_from_db()
        assert (objekt.status, objekt.fassung) != vorher[:2] or schritt in {
            "abstimmen",
            "freigeben",
        }
        return
    with pytest.raises((PermissionDenied, WorkflowError)) as fehler:
        aufruf(objekt, user)
    if fehler.type is WorkflowError:
        assert "dürfen" in str(fehler.value), str(fehler.value)
    objekt.refresh_from_db()
    assert (objekt.status, objekt.fassung, Statuswechsel.objects.count()) == vorher


@pytest.mark.parametrize(
    ("schritt", "zustand", "meldung"),
    [
        ("zur_freigabe", F.ENTWURF, "„Zur Freigabe geben“ ist im Zustand „Entwurf“ nicht möglich."),
        (
            "zur_freigabe",
            F.IN_ABSTIMMUNG,
            "Noch nicht alle Bereiche haben dem aktuellen Stand zugestimmt.",
        ),
        (
            "zur_abstimmung",
            F.FREIGEGEBEN,
            "„Zur Abstimmung geben“ ist im Zustand „freigegeben“ nicht möglich.",
        ),
        (
            "zurueckziehen",
            F.VEROEFFENTLICHT,
            "„Zurückziehen“ ist im Zustand „veröffentlicht“ nicht möglich.",
        ),
        ("freigeben", F.IN_ABSTIMMUNG, "wartet nicht (mehr) auf eine Freigabe"),
        ("abstimmen", F.ZUR_FREIGABE, "ist nicht in Abstimmung"),
        (
            "umsetzung_beginnen",
            F.FREIGEGEBEN,
            "„Umsetzung beginnt“ ist im Zustand „freigegeben“ nicht möglich.",
        ),
    ],
)
def test_steps_not_allowed_now_get_a_german_message(schritt, zustand, meldung):
    _, aufruf, erlaubt = SCHRITTE[schritt]
    objekt = in_freigabe_zustand(factories.empfehlung(), zustand)
    vorher = Statuswechsel.objects.count()
    with pytest.raises(WorkflowError, match=meldung.replace("(", r"\(").replace(")", r"\)")):
        aufruf(objekt, demo(sorted(erlaubt)[0]))
    assert Statuswechsel.objects.count() == vorher


def test_without_bereich_there_is_no_abstimmung():
    o = factories.empfehlung(federfuehrung=None, beteiligte=())
    with pytest.raises(WorkflowError, match="Bitte zuerst den verantwortlichen Bereich"):
        freigabe.vorgang_zur_abstimmung_geben(objekt=o, user=factories.sozialplanung())


def test_every_transition_is_recorded_with_who_when_from_to_and_comment():
    o = in_freigabe_zustand(factories.empfehlung(), F.VEROEFFENTLICHT)
    eintraege = list(verlauf(o).order_by("zeitpunkt", "pk"))
    assert [(w.von, w.nach) for w in eintraege] == [
        ("entwurf", "in_abstimmung"),
        ("in_abstimmung", "zur_freigabe"),
        ("zur_freigabe", "freigegeben"),
        ("freigegeben", "veroeffentlicht"),
    ]
    assert eintraege[2].user == demo("bl-gesundheit")  # the last missing approval
    assert "Letzte Freigabe: 3-4" in eintraege[2].kommentar
    assert all(w.zeitpunkt for w in eintraege)
    assert "Veröffentlicht in Strategiepapier" in eintraege[3].kommentar


def test_abstimmung_every_bereich_must_agree_to_the_current_stand():
    sp = factories.sozialplanung()
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    jugend, gesundheit = o.bereiche()
    freigabe.abstimmung_beantworten(
        objekt=o, user=demo("fb-jugend"), bereich=jugend, antwort="einverstanden", stand=o.stand
    )
    freigabe.abstimmung_beantworten(
        objekt=o,
        user=demo("fb-gesundheit"),
        bereich=gesundheit,
        antwort="aenderungsbedarf",
        text="Bitte die Kosten beziffern.",
        stand=o.stand,
    )
    hinweis = Benachrichtigung.objects.get(
        empfaenger=sp, titel__startswith="Änderungsbedarf", titel__contains=o.nummer
    )
    assert "Bitte die Kosten beziffern." in hinweis.text
    with pytest.raises(WorkflowError, match="Noch nicht alle Bereiche"):
        freigabe.vorgang_zur_freigabe_geben(objekt=o, user=sp)

    # Sozialplanung revises: every Bereich is asked again for the new stand.
    o = services.empfehlung_aendern(
        empfehlung=o, user=sp, stand=o.stand, text="Zwei Stellen, Kosten 120.000 € jährlich."
    )
    assert Benachrichtigung.objects.filter(
        empfaenger=demo("fb-jugend"), schluessel__startswith=f"abstimmung:empfehlung:{o.pk}:1:1:"
    ).exists()
    antworten = o.antworten()
    assert antworten[jugend.pk].stand == 0 and antworten[jugend.pk].einverstanden
    with pytest.raises(WorkflowError, match="Noch nicht alle Bereiche"):
        freigabe.vorgang_zur_freigabe_geben(objekt=o, user=sp)
    for user, bereich in ((demo("fb-jugend"), jugend), (demo("bl-gesundheit"), gesundheit)):
        freigabe.abstimmung_beantworten(
            objekt=o, user=user, bereich=bereich, antwort="einverstanden", stand=o.stand
        )
    freigabe.vorgang_zur_freigabe_geben(objekt=o, user=sp)
    o.refresh_from_db()
    assert o.status == F.ZUR_FREIGABE


def test_answer_to_an_old_stand_is_refused():
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    alter_stand = o.stand
    services.empfehlung_aendern(
        empfehlung=o, user=factories.sozialplanung(), stand=o.stand, titel="Streetwork plus"
    )
    with pytest.raises(WorkflowError, match="inzwischen geändert"):
        freigabe.abstimmung_beantworten(
            objekt=o,
            user=demo("fb-jugend"),
            bereich=o.federfuehrung,
            antwort="einverstanden",
            stand=alter_stand,
        )
    assert not o.abstimmungen.filter().exists()


def test_aenderungsbedarf_needs_a_text():
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    with pytest.raises(WorkflowError, match="Bitte den Änderungsbedarf beschreiben"):
        freigabe.abstimmung_beantworten(
            objekt=o,
            user=demo("fb-jugend"),
            bereich=o.federfuehrung,
            antwort="aenderungsbedarf",
            text="  ",
            stand=o.stand,
        )


def test_member_cannot_answer_for_another_bereich():
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    with pytest.raises(PermissionDenied):
        freigabe.abstimmung_beantworten(
            objekt=o,
            user=demo("fb-jugend"),
            bereich=Bereich.objects.get(code="3-4"),
            antwort="einverstanden",
            stand=o.stand,
        )


def test_freigabe_request_notifies_each_leitung_once():
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    for name in ("bl-jugend", "bl-gesundheit"):
        n = _nachrichten(o).get(empfaenger=demo(name), art="freigabe")
        assert n.link == f"/freigabe/empfehlung/{o.pk}/"
    assert not _nachrichten(o).filter(empfaenger=demo("fb-jugend"), art="freigabe").exists()


def test_last_approval_frees_the_item_and_notifies():
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    _entscheiden(o, demo("bl-jugend"))
    o.refresh_from_db()
    assert o.status == F.ZUR_FREIGABE  # 3-4 is still missing
    _entscheiden(o, demo("bl-gesundheit"))
    o.refresh_from_db()
    assert o.status == F.FREIGEGEBEN
    assert verlauf(o).filter(uebergang="freigeben").count() == 1
    for name in ("sozialplanung", "bl-jugend", "bl-gesundheit"):
        assert _nachrichten(o).filter(empfaenger=demo(name), art="freigegeben").count() == 1


def test_a_bereich_decides_once():
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    _entscheiden(o, demo("bl-jugend"))
    with pytest.raises(WorkflowError, match="Für den Bereich 3-1 .* ist schon entschieden"):
        _entscheiden(o, demo("bl-jugend"))
    assert o.freigaben.filter().count() == 1


def test_rejection_needs_a_reason_and_sends_back_to_entwurf():
    sp = factories.sozialplanung()
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    with pytest.raises(WorkflowError, match="Bitte die Ablehnung begründen"):
        freigabe.freigabe_entscheiden(
            objekt=o, user=demo("bl-gesundheit"), bereich=o.bereiche()[1], freigeben=False
        )
    _entscheiden(o, demo("bl-gesundheit"), freigeben=False)
    o.refresh_from_db()
    assert (o.status, o.fassung) == (F.ENTWURF, 2)
    wechsel = verlauf(o).get(uebergang="ablehnen")
    assert wechsel.kommentar == "Abgelehnt für 3-4 Gesundheit: Finanzierung offen"
    n = _nachrichten(o).get(empfaenger=sp, art="abgelehnt")
    assert "Finanzierung offen" in n.text and "Fassung 2" in n.text
    # The new Fassung goes through Abstimmung again: old answers no longer count.
    assert o.antworten() == {}
    freigabe.vorgang_zur_abstimmung_geben(objekt=o, user=sp)
    with pytest.raises(WorkflowError, match="Noch nicht alle Bereiche"):
        freigabe.vorgang_zur_freigabe_geben(objekt=o, user=sp)


@pytest.mark.parametrize("zustand", [F.ZUR_FREIGABE, F.FREIGEGEBEN, F.VEROEFFENTLICHT])
def test_content_is_locked_in_and_after_freigabe(zustand):
    o = in_freigabe_zustand(factories.empfehlung(), zustand)
    with pytest.raises(WorkflowError, match="der Inhalt ist gesperrt"):
        services.empfehlung_aendern(
            empfehlung=o, user=factories.sozialplanung(), stand=o.stand, titel="Anders"
        )
    o.refresh_from_db()
    assert o.titel == "Streetwork am Bahnhof ausbauen"


def test_steckbrief_content_is_locked_too():
    s = in_freigabe_zustand(factories.steckbrief(), F.ZUR_FREIGABE)
    with pytest.raises(WorkflowError, match="der Inhalt ist gesperrt"):
        massnahmen_services.steckbrief_aendern(
            steckbrief=s, user=factories.sozialplanung(), stand=s.stand, titel="Anders"
        )


def test_change_after_freigabe_is_a_new_version_through_the_whole_path():
    sp = factories.sozialplanung()
    o = in_freigabe_zustand(factories.empfehlung(), F.FREIGEGEBEN)
    with pytest.raises(WorkflowError, match="Bitte begründen"):
        freigabe.vorgang_neue_fassung_anlegen(objekt=o, user=sp, kommentar=" ")
    o = freigabe.vorgang_neue_fassung_anlegen(objekt=o, user=sp, kommentar="Neue Förderrichtlinie")
    assert (o.status, o.fassung) == (F.ENTWURF, 2)
    o = services.empfehlung_aendern(empfehlung=o, user=sp, stand=o.stand, text="Drei Stellen.")
    o = in_freigabe_zustand(o, F.FREIGEGEBEN)
    assert o.fassung == 2
    assert o.freigaben.filter(fassung=2, entscheidung="freigegeben").count() == 2


def test_second_save_on_the_same_stand_is_refused_with_what_changed():
    sp = factories.sozialplanung()
    o = factories.empfehlung()
    stand = o.stand
    services.empfehlung_aendern(empfehlung=o, user=sp, stand=stand, text="Erste Änderung.")
    with pytest.raises(WorkflowError) as fehler:
        services.empfehlung_aendern(empfehlung=o, user=sp, stand=stand, titel="Zweite Änderung")
    meldung = str(fehler.value)
    assert "Inzwischen geändert von Svenja Albers" in meldung
    assert ": Empfehlung." in meldung  # the field that changed, by its label
    assert "nicht gespeichert" in meldung
    o.refresh_from_db()
    assert (o.titel, o.text) == ("Streetwork am Bahnhof ausbauen", "Erste Änderung.")


def test_versions_show_a_word_diff_and_no_state_changes():
    sp = factories.sozialplanung()
    o = factories.empfehlung()
    o = services.empfehlung_aendern(
        empfehlung=o, user=sp, stand=o.stand, text="Drei zusätzliche Stellen für Jugendarbeit."
    )
    in_freigabe_zustand(o, F.ZUR_FREIGABE)
    liste = versionen(o)
    assert len(liste) == 2  # created, then one content change; transitions are no versions
    neueste = liste[0]
    assert neueste.user == sp and neueste.stand == 1
    diff = {a.feld: str(a.diff) for a in neueste.aenderungen}
    assert set(diff) == {"Empfehlung"}
    text = diff["Empfehlung"]
    assert "<del>Zwei</del> <ins>Drei</ins> zusätzliche Stellen für" in text
    assert "<del>aufsuchende</del>" in text


def test_history_is_read_only_in_the_admin(client_als):
    o = factories.empfehlung()
    services.empfehlung_aendern(
        empfehlung=o, user=factories.sozialplanung(), stand=o.stand, titel="Neu"
    )
    admin = client_als("admin")
    historie = o.history.order_by("history_date").first()
    url = f"/admin/empfehlungen/handlungsempfehlung/{o.pk}/history/{historie.history_id}/"
    antwort = admin.get(url)
    assert antwort.status_code == 200
    assert 'name="_save"' not in antwort.content.decode()
    assert admin.post(url, {"titel": "Alt"}).status_code == 405
    o.refresh_from_db()
    assert o.titel == "Neu"


# --- Vertretung ---------------------------------------------------------------------------------
def _vertretung(von=0, bis=7):
    heute = timezone.localdate()
    return stammdaten_services.vertretung_benennen(
        bereich=Bereich.objects.get(code="3-4"),
        leitung=demo("bl-gesundheit"),
        vertretung=demo("fb-gesundheit"),
        von=heute + timedelta(days=von),
        bis=heute + timedelta(days=bis),
    )


def test_deputy_decides_in_vertretung_with_both_names():
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    deputy = demo("fb-gesundheit")
    with pytest.raises(PermissionDenied):
        _entscheiden(o, deputy)
    _vertretung()
    deputy = demo("fb-gesundheit")  # fresh user object: its Vertretungen are cached per request
    f = _entscheiden(o, deputy)
    assert f.bereich.code == "3-4" and f.in_vertretung_fuer == demo("bl-gesundheit")
    assert f.unterschrift == "Mehmet Yilmaz i. V. für Andrea Krüger"
    assert _nachrichten(o).filter(empfaenger=deputy, art="freigabe").count() == 0  # asked before


def test_deputy_is_asked_when_the_vertretung_runs():
    _vertretung()
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    assert _nachrichten(o).filter(empfaenger=demo("fb-gesundheit"), art="freigabe").count() == 1


def test_vertretung_outside_its_period_does_not_count():
    _vertretung(von=3, bis=10)
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    with pytest.raises(PermissionDenied):
        _entscheiden(o, demo("fb-gesundheit"))


def test_only_the_leitung_names_a_vertretung_and_the_period_must_be_valid():
    heute = timezone.localdate()
    with pytest.raises(PermissionDenied):
        stammdaten_services.vertretung_benennen(
            bereich=Bereich.objects.get(code="3-4"),
            leitung=demo("fb-gesundheit"),
            vertretung=demo("bl-gesundheit"),
            von=heute,
            bis=heute,
        )
    with pytest.raises(WorkflowError, match="„bis“ liegt vor „von“"):
        _vertretung(von=5, bis=1)


# --- Notifications are idempotent ---------------------------------------------------------------
def test_repeating_a_step_notifies_nobody_twice():
    from notifications.services import benachrichtigen

    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    vorher = Benachrichtigung.objects.count()
    freigabe._abstimmung_erbitten(o)  # same Fassung and stand: the same keys
    zweite = benachrichtigen(
        empfaenger=[demo("bl-jugend")],
        art="freigabe",
        titel="x",
        text="x",
        link="/",
        schluessel=f"freigabe:empfehlung:{o.pk}:{o.fassung}:{o.federfuehrung_id}",
    )
    assert zweite == []
    assert Benachrichtigung.objects.count() == vorher


def test_mail_is_claimed_once():
    from notifications import services as n

    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    nachricht = _nachrichten(o).get(empfaenger=demo("bl-jugend"), art="freigabe")
    assert n.mail_beanspruchen(nachricht.pk) is True
    assert n.mail_beanspruchen(nachricht.pk) is False
    # A claim that was never finished (worker killed) is taken over after the lease.
    spaeter = timezone.now() + n.VERSAND_FRIST + timedelta(seconds=1)
    assert n.mail_beanspruchen(nachricht.pk, jetzt=spaeter) is True
    assert nachricht.link == f"/freigabe/empfehlung/{o.pk}/"


def test_versions_name_the_bereiche_that_were_added():
    sp = factories.sozialplanung()
    o = factories.empfehlung(beteiligte=())
    services.empfehlung_aendern(
        empfehlung=o, user=sp, stand=o.stand, beteiligte=list(Bereich.objects.filter(code="3-4"))
    )
    neueste = versionen(o)[0]
    diff = {a.feld: str(a.diff) for a in neueste.aenderungen}
    assert diff == {"beteiligte Bereiche": "<ins>3-4 Gesundheit</ins>"}


def test_vertretung_ends_when_the_leitung_loses_her_role():
    from stammdaten.models import Mitgliedschaft

    _vertretung()
    o = in_freigabe_zustand(factories.empfehlung(), F.ZUR_FREIGABE)
    Mitgliedschaft.objects.filter(user=demo("bl-gesundheit"), bereich__code="3-4").update(
        rolle=Mitgliedschaft.Rolle.MITARBEIT
    )
    with pytest.raises(PermissionDenied):
        _entscheiden(o, demo("fb-gesundheit"))
    assert not o.freigaben.filter().exists()


def test_long_titles_fit_into_the_notification():
    o = in_freigabe_zustand(factories.empfehlung(titel="Ä" * 195), F.ZUR_FREIGABE)
    n = _nachrichten(o, art="freigabe").first()
    assert len(n.titel) == 200 and n.titel.endswith("…")


def test_saving_without_changes_keeps_the_answers_and_asks_nobody():
    o = in_freigabe_zustand(factories.empfehlung(), F.IN_ABSTIMMUNG)
    _abstimmen(o, demo("fb-jugend"))
    vorher = (o.stand, Benachrichtigung.objects.count(), o.history.count())
    felder = {
        "titel": o.titel,
        "text": o.text,
        "beteiligte": list(o.beteiligte.all()),
        "federfuehrung": o.federfuehrung,
    }
    o = services.empfehlung_aendern(
        empfehlung=o, user=factories.sozialplanung(), stand=o.stand, **felder
    )
    o.refresh_from_db()
    assert (o.stand, Benachrichtigung.objects.count(), o.history.count()) == vorher
    assert o.antworten()[o.federfuehrung_id].stand == o.stand
