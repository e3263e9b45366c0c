"""Periods, the Meldung workflow and its permissions, as services (views: test_views_meldung)."""

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from controlling import services
from controlling.models import (
    Ampel,
    Berichtsperiode,
    Einstellung,
    Sachstandsmeldung,
    Umsetzungsstatus,
    ampel_fuer,
    quartal_von,
)
from core.workflow import WorkflowError, verlauf
from empfehlungen.models import Empfehlungsstatus, Handlungsempfehlung
from freigabe.models import Freigabestatus
from massnahmen.models import Massnahmensteckbrief
from notifications.models import Benachrichtigung
from stammdaten.models import Bereich
from tests.controlling.hilfen import JAHR, bereich, eroeffnet, nur_diese, veroeffentlicht
from tests.factories import demo

M = Sachstandsmeldung.Status
U = Umsetzungsstatus


# --- Calendar -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tag", "quartal"),
    [
        (date(2026, 1, 1), (2026, 1)),
        (date(2026, 3, 31), (2026, 1)),
        (date(2026, 4, 1), (2026, 2)),
        (date(2026, 9, 30), (2026, 3)),
        (date(2026, 12, 31), (2026, 4)),
    ],
)
def test_quarter_of_a_day(tag, quartal):
    assert quartal_von(tag) == quartal


@pytest.mark.parametrize(
    ("jahr", "quartal", "stichtag", "frist"),
    [
        (2028, 1, date(2028, 3, 31), date(2028, 4, 30)),
        (2028, 2, date(2028, 6, 30), date(2028, 7, 30)),
        (2028, 3, date(2028, 9, 30), date(2028, 10, 30)),
        (2028, 4, date(2028, 12, 31), date(2029, 1, 30)),  # the Frist falls into the next year
    ],
)
def test_stichtag_is_the_quarters_last_day_and_the_frist_follows_it(
    db, jahr, quartal, stichtag, frist
):
    termine = Berichtsperiode.termine(jahr, quartal, Einstellung.aktuell())
    assert (termine["stichtag"], termine["frist"]) == (stichtag, frist)
    assert termine["eroeffnung"] == date(jahr + (quartal == 4), quartal % 4 * 3 + 1, 1)


def test_frist_offset_comes_from_the_admin_setting(db):
    Einstellung.objects.update_or_create(pk=1, defaults={"frist_tage_nach_stichtag": 14})
    assert Berichtsperiode.termine(2028, 1, Einstellung.aktuell())["frist"] == date(2028, 4, 14)


def test_beat_opens_the_quarter_on_the_first_day_of_the_next(db):
    e = veroeffentlicht(Handlungsempfehlung, titel="Quartalswechsel")
    # Local time: 23:59 on 31 March is still the old quarter, 00:01 on 1 April the new one.
    with time_machine.travel(f"{JAHR}-03-31 23:59 +02:00", tick=False):
        services.tageslauf()
        assert not Berichtsperiode.objects.filter(jahr=JAHR, quartal=1).exists()
    with time_machine.travel(f"{JAHR}-04-01 00:01 +02:00", tick=False):
        lauf = services.tageslauf()
    periode = Berichtsperiode.objects.get(jahr=JAHR, quartal=1)
    assert lauf.eroeffnet == [f"1. Quartal {JAHR}"]
    assert (periode.stichtag, periode.frist) == (date(JAHR, 3, 31), date(JAHR, 4, 30))
    assert periode.eroeffnet_von is None  # automatic
    assert nur_diese(periode, e).count() == 1


def test_no_automatic_opening_after_the_frist_or_when_switched_off(db):
    with time_machine.travel(f"{JAHR}-05-01 09:00 +02:00", tick=False):
        services.tageslauf()  # Q1's Frist (30.04.) has passed: too late to open by itself
    assert not Berichtsperiode.objects.filter(jahr=JAHR, quartal=1).exists()
    Einstellung.objects.update_or_create(pk=1, defaults={"automatisch_eroeffnen": False})
    with time_machine.travel(f"{JAHR}-07-01 09:00 +02:00", tick=False):
        services.tageslauf()
    assert not Berichtsperiode.objects.filter(jahr=JAHR, quartal=2).exists()


@pytest.mark.parametrize("heute", [date(JAHR, 6, 30), date(JAHR, 9, 30)])
def test_a_quarter_is_opened_only_after_its_stichtag(db, heute):
    with pytest.raises(WorkflowError, match="3. Quartal 2031 ist noch nicht abgeschlossen"):
        services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=3, heute=heute)
    assert (
        services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=3, heute=date(JAHR, 10, 1))[0].quartal
        == 3
    )


@pytest.mark.parametrize(
    ("werte", "feld"),
    [
        ({"eroeffnung_tage_nach_stichtag": 30, "frist_tage_nach_stichtag": 30}, "eroeffnung"),
        ({"erinnerung_tage_vor_frist": "14, 30"}, "erinnerung"),
        ({"erinnerung_tage_vor_frist": "vierzehn"}, "erinnerung"),
    ],
)
def test_calendar_settings_that_would_stop_the_pass_are_refused(db, werte, feld):
    from django.core.exceptions import ValidationError

    einstellung = Einstellung(pk=1, **werte)
    with pytest.raises(ValidationError) as fehler:
        einstellung.full_clean()
    assert any(k.startswith(feld) for k in fehler.value.message_dict)


# --- Which items are asked, and prefill ---------------------------------------------------------
def test_opening_asks_for_every_active_item_once(db):
    ja = [
        veroeffentlicht(Handlungsempfehlung, titel="veröffentlicht"),
        veroeffentlicht(Massnahmensteckbrief, titel="Angebot läuft"),
    ]
    in_umsetzung = veroeffentlicht(Handlungsempfehlung, titel="in Umsetzung")
    Handlungsempfehlung.objects.filter(pk=in_umsetzung.pk).update(
        status=Empfehlungsstatus.IN_UMSETZUNG
    )
    ja.append(in_umsetzung)
    nein = [
        veroeffentlicht(Massnahmensteckbrief, titel="beendet", laufzeit_bis=date(JAHR - 1, 12, 31)),
        veroeffentlicht(
            Massnahmensteckbrief, titel="Träger", federfuehrung=None, traeger="Caritas"
        ),
    ]
    entwurf = veroeffentlicht(Handlungsempfehlung, titel="Entwurf")
    Handlungsempfehlung.objects.filter(pk=entwurf.pk).update(status=Freigabestatus.ENTWURF)
    umgesetzt = veroeffentlicht(Handlungsempfehlung, titel="umgesetzt")
    Handlungsempfehlung.objects.filter(pk=umgesetzt.pk).update(status=Empfehlungsstatus.UMGESETZT)
    nein += [entwurf, umgesetzt]

    periode, _neu = services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=1, heute=date(JAHR, 4, 1))
    assert {m.titel for m in nur_diese(periode, *ja, *nein)} == {o.titel for o in ja}
    m = nur_diese(periode, in_umsetzung).get()
    assert (m.bereich, m.nummer, m.status) == (bereich("3-1"), in_umsetzung.nummer, M.ANGEFORDERT)
    assert m.umsetzungsstatus == U.IN_UMSETZUNG  # from the item's own state
    assert [r.kurzname for r in m.sozialraeume.all()] == ["OST"]

    # Twice (CLI as after an outage): nothing new, no second message to the Bereich.
    nachrichten = Benachrichtigung.objects.count()
    periode2, neu2 = services.berichtsperiode_eroeffnen(
        jahr=JAHR, quartal=1, heute=date(JAHR, 4, 2)
    )
    assert (periode2, neu2) == (periode, 0)
    ausgabe = io.StringIO()
    with time_machine.travel(f"{JAHR}-04-03 10:00 +02:00", tick=False):
        call_command("berichtsperiode_eroeffnen", str(JAHR), "1", stdout=ausgabe)
    assert ausgabe.getvalue().startswith(f"1. Quartal {JAHR}: 0 Sachstandsmeldungen neu")
    assert nur_diese(periode, *ja).count() == 3
    assert Benachrichtigung.objects.count() == nachrichten
    # Items published since are added on the next run.
    spaeter = veroeffentlicht(Handlungsempfehlung, titel="später veröffentlicht")
    assert services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=1, heute=date(JAHR, 4, 3))[1] == 1
    assert nur_diese(periode, spaeter).count() == 1


def test_the_bereich_is_told_once_what_is_asked(db):
    veroeffentlicht(Handlungsempfehlung, titel="Streetwork")
    periode = eroeffnet()
    for user in ("fb-jugend", "bl-jugend"):
        n = Benachrichtigung.objects.get(
            empfaenger=demo(user), schluessel__startswith=f"controlling:anforderung:{periode.pk}:"
        )
        assert n.titel.startswith(f"Sachstand erbeten: 1. Quartal {JAHR}")
        assert f"bis zum {periode.frist:%d.%m.%Y}" in n.text
        assert n.link == f"/sachstandsmeldungen/?periode={periode.pk}"


def test_next_quarter_is_prefilled_from_the_last_submitted_meldung(db):
    steckbrief = veroeffentlicht(
        Massnahmensteckbrief,
        titel="Familienbüro",
        umsetzungsstand="läuft seit 2020",
        befristet=True,
        laufzeit_bis=date(JAHR, 12, 31),
        finanzierung="Landesmittel",
    )
    q1 = eroeffnet(1)
    m1 = nur_diese(q1, steckbrief).get()
    # The first Meldung starts from the Steckbrief itself.
    assert (m1.sachstand, m1.laufzeit_bis, m1.finanzierung, m1.umsetzungsstatus) == (
        "läuft seit 2020",
        date(JAHR, 12, 31),
        "Landesmittel",
        U.IN_UMSETZUNG,
    )
    services.sachstandsmeldung_speichern(
        meldung=m1,
        user=demo("fb-jugend"),
        daten={
            "umsetzungsstatus": U.VERZOEGERT,
            "fortschritt": 40,
            "sachstand": "Zweite Stelle besetzt",
            "naechste_schritte": "Sprechstunde im Rathaus",
            "hindernisse": "Raum fehlt",
            "laufzeit_bis": date(JAHR + 1, 12, 31),
            "befristet": True,
            "finanzierung": "Landesmittel bis 2032",
        },
        version=0,
        einreichen=True,
    )
    q2 = eroeffnet(2)
    m2 = nur_diese(q2, steckbrief).get()
    assert m2.status == M.ANGEFORDERT
    assert m2.vorbefuellt_aus_id == m1.pk
    assert (m2.umsetzungsstatus, m2.fortschritt, m2.sachstand, m2.hindernisse) == (
        U.VERZOEGERT,
        40,
        "Zweite Stelle besetzt",
        "Raum fehlt",
    )
    assert (m2.laufzeit_bis, m2.finanzierung, m2.ampel) == (
        date(JAHR + 1, 12, 31),
        "Landesmittel bis 2032",
        Ampel.ROT,
    )


# --- Workflow and permissions -------------------------------------------------------------------
@pytest.fixture
def meldung(db):
    e = veroeffentlicht(Handlungsempfehlung, titel="Jugendtreff Osterfeld")
    return nur_diese(eroeffnet(), e).get()


DATEN = {
    "umsetzungsstatus": U.IN_UMSETZUNG,
    "fortschritt": 30,
    "sachstand": "Träger gefunden",
    "naechste_schritte": "Räume anmieten",
    "hindernisse": "",
}


def test_a_meldung_goes_through_its_states(meldung):
    fb, sp = demo("fb-jugend"), demo("sozialplanung")
    m = services.sachstandsmeldung_speichern(
        meldung=meldung, user=fb, daten=DATEN, version=0, einreichen=False
    )
    assert (m.status, m.version, m.ampel, m.geaendert_von) == (M.IN_BEARBEITUNG, 1, "gruen", fb)
    m = services.sachstandsmeldung_speichern(
        meldung=m, user=fb, daten=DATEN, version=1, einreichen=True
    )
    assert (m.status, m.eingereicht_von) == (M.EINGEREICHT, fb)
    with pytest.raises(WorkflowError, match="Begründung"):
        services.sachstandsmeldung_zurueckgeben(meldung=m, user=sp, grund="  ")
    m = services.sachstandsmeldung_zurueckgeben(
        meldung=m, user=sp, grund="Bitte Fortschritt begründen"
    )
    assert (m.status, m.rueckgabe_grund) == (M.ZURUECKGEGEBEN, "Bitte Fortschritt begründen")
    assert Benachrichtigung.objects.filter(
        empfaenger=fb, titel__startswith="Sachstandsmeldung zurückgegeben"
    ).exists()
    m = services.sachstandsmeldung_einreichen(meldung=m, user=fb)
    assert (m.status, m.rueckgabe_grund) == (M.EINGEREICHT, "")
    m = services.sachstandsmeldung_pruefen(meldung=m, user=sp)
    assert m.status == M.GEPRUEFT and m.geprueft_am
    # Geprüft is final for the Bereich.
    with pytest.raises(WorkflowError, match="kann nicht mehr geändert werden"):
        services.sachstandsmeldung_speichern(
            meldung=m, user=fb, daten=DATEN, version=m.version, einreichen=False
        )
    assert [w.nach for w in verlauf(m)] == [
        M.IN_BEARBEITUNG,
        M.EINGEREICHT,
        M.ZURUECKGEGEBEN,
        M.EINGEREICHT,
        M.GEPRUEFT,
    ]


def test_submitting_needs_status_and_sachstand(meldung):
    with pytest.raises(WorkflowError, match="Umsetzungsstatus und den Sachstand"):
        services.sachstandsmeldung_einreichen(meldung=meldung, user=demo("fb-jugend"))
    meldung.refresh_from_db()
    assert meldung.status == M.ANGEFORDERT


@pytest.mark.parametrize("user", ["fb-gesundheit", "bl-gesundheit", "sozialplanung", "lesend"])
def test_only_the_responsible_bereich_writes(meldung, user):
    with pytest.raises(PermissionDenied):
        services.sachstandsmeldung_speichern(
            meldung=meldung, user=demo(user), daten=DATEN, version=0, einreichen=False
        )
    meldung.refresh_from_db()
    assert (meldung.status, meldung.sachstand) == (M.ANGEFORDERT, "")


@pytest.mark.parametrize("user", ["fb-jugend", "bl-jugend", "lesend"])
def test_only_sozialplanung_checks(meldung, user):
    m = services.sachstandsmeldung_speichern(
        meldung=meldung, user=demo("bl-jugend"), daten=DATEN, version=0, einreichen=True
    )
    with pytest.raises(WorkflowError, match="nicht ausführen"):
        services.sachstandsmeldung_pruefen(meldung=m, user=demo(user))
    m.refresh_from_db()
    assert m.status == M.EINGEREICHT


def test_a_stale_form_does_not_overwrite_a_newer_save(meldung):
    fb, bl = demo("fb-jugend"), demo("bl-jugend")
    services.sachstandsmeldung_speichern(
        meldung=meldung, user=fb, daten=DATEN, version=0, einreichen=False
    )
    with pytest.raises(WorkflowError, match="inzwischen von jemand anderem"):
        services.sachstandsmeldung_speichern(
            meldung=meldung,
            user=bl,
            daten={**DATEN, "sachstand": "alt"},
            version=0,
            einreichen=False,
        )
    meldung.refresh_from_db()
    assert meldung.sachstand == "Träger gefunden"


def test_a_closed_period_is_read_only(meldung):
    services.berichtsperiode_abschliessen(periode=meldung.periode, user=demo("sozialplanung"))
    with pytest.raises(WorkflowError):
        services.sachstandsmeldung_speichern(
            meldung=meldung, user=demo("fb-jugend"), daten=DATEN, version=0, einreichen=True
        )
    with pytest.raises(WorkflowError, match="abgeschlossen"):
        services.berichtsperiode_eroeffnen(jahr=JAHR, quartal=1, heute=date(JAHR, 4, 5))


def test_submitting_moves_the_empfehlung_into_umsetzung_and_to_umgesetzt(meldung):
    fb = demo("fb-jugend")
    services.sachstandsmeldung_speichern(
        meldung=meldung, user=fb, daten=DATEN, version=0, einreichen=True
    )
    assert meldung.empfehlung.__class__.objects.get(pk=meldung.empfehlung_id).status == (
        Empfehlungsstatus.IN_UMSETZUNG
    )
    q2 = nur_diese(eroeffnet(2), meldung.empfehlung).get()
    services.sachstandsmeldung_speichern(
        meldung=q2,
        user=fb,
        daten={**DATEN, "umsetzungsstatus": U.UMGESETZT, "fortschritt": 100},
        version=0,
        einreichen=True,
    )
    empfehlung = Handlungsempfehlung.objects.get(pk=meldung.empfehlung_id)
    assert empfehlung.status == Empfehlungsstatus.UMGESETZT
    # Nothing more to ask for once it is done.
    assert not nur_diese(eroeffnet(3), empfehlung).exists()


def test_submitting_updates_the_steckbriefs_status_and_term(db):
    s = veroeffentlicht(Massnahmensteckbrief, titel="Sprachcafé", befristet=False)
    m = nur_diese(eroeffnet(), s).get()
    services.sachstandsmeldung_speichern(
        meldung=m,
        user=demo("fb-jugend"),
        daten={
            **DATEN,
            "laufzeit_bis": date(JAHR, 9, 30),
            "befristet": True,
            "finanzierung": "Projektmittel",
        },
        version=0,
        einreichen=True,
    )
    s.refresh_from_db()
    assert (s.umsetzungsstand, s.befristet, s.laufzeit_bis, s.finanzierung) == (
        "Träger gefunden",
        True,
        date(JAHR, 9, 30),
        "Projektmittel",
    )
    assert s.history.first().history_change_reason == "laut Sachstandsmeldung Q1/2031"


@pytest.mark.parametrize(
    ("status", "hindernisse", "ampel"),
    [
        (U.IN_UMSETZUNG, "", Ampel.GRUEN),
        (U.UMGESETZT, "", Ampel.GRUEN),
        (U.IN_UMSETZUNG, "Personal fehlt", Ampel.GELB),
        (U.NICHT_BEGONNEN, "", Ampel.GELB),
        (U.VERZOEGERT, "", Ampel.GELB),
        (U.VERZOEGERT, "Personal fehlt", Ampel.ROT),
        (U.GESTOPPT, "", Ampel.ROT),
    ],
)
def test_ampel_rule(status, hindernisse, ampel):
    assert ampel_fuer(status, hindernisse) == ampel


def test_resubmitting_umgesetzt_after_a_rueckgabe_works(meldung):
    fb, sp = demo("fb-jugend"), demo("sozialplanung")
    fertig = {**DATEN, "umsetzungsstatus": U.UMGESETZT, "fortschritt": 100}
    m = services.sachstandsmeldung_speichern(
        meldung=meldung, user=fb, daten=fertig, version=0, einreichen=True
    )
    m = services.sachstandsmeldung_zurueckgeben(meldung=m, user=sp, grund="Bitte Beleg ergänzen")
    m = services.sachstandsmeldung_speichern(
        meldung=m,
        user=fb,
        daten={**fertig, "sachstand": "Beleg: Ratsbeschluss"},
        version=1,
        einreichen=True,
    )
    assert (m.status, m.sachstand) == (M.EINGEREICHT, "Beleg: Ratsbeschluss")
    assert Handlungsempfehlung.objects.get(pk=m.empfehlung_id).status == Empfehlungsstatus.UMGESETZT


def test_checking_is_refused_in_a_closed_period(meldung):
    sp = demo("sozialplanung")
    m = services.sachstandsmeldung_speichern(
        meldung=meldung, user=demo("fb-jugend"), daten=DATEN, version=0, einreichen=True
    )
    services.berichtsperiode_abschliessen(periode=m.periode, user=sp)
    with pytest.raises(WorkflowError, match="abgeschlossen"):
        services.sachstandsmeldung_pruefen(meldung=m, user=sp)


def test_a_verlaengerung_entered_meanwhile_is_not_overwritten(db):
    s = veroeffentlicht(
        Massnahmensteckbrief,
        titel="Quartiersbüro",
        befristet=True,
        laufzeit_bis=date(JAHR, 12, 31),
        finanzierung="Land",
    )
    m = nur_diese(eroeffnet(), s).get()
    # Sozialplanung records the extension after the period was opened …
    Massnahmensteckbrief.objects.filter(pk=s.pk).update(
        laufzeit_bis=date(JAHR + 2, 12, 31), finanzierung="Land bis 2033"
    )
    # … and the Bereich submits the prefilled term unchanged: the extension stays.
    services.sachstandsmeldung_speichern(
        meldung=m,
        user=demo("fb-jugend"),
        daten={
            **DATEN,
            "laufzeit_bis": m.laufzeit_bis,
            "befristet": True,
            "finanzierung": "Land",
        },
        version=0,
        einreichen=True,
    )
    s.refresh_from_db()
    assert (s.laufzeit_bis, s.finanzierung, s.umsetzungsstand) == (
        date(JAHR + 2, 12, 31),
        "Land bis 2033",
        "Träger gefunden",
    )


def test_reporting_umgesetzt_without_the_right_is_refused_loudly(meldung):
    """The lead moved to another Bereich since the Meldung was asked: its old Bereich may not
    move the Empfehlung on, and is told so; nothing of its submission is saved."""
    Handlungsempfehlung.objects.filter(pk=meldung.empfehlung_id).update(
        federfuehrung=Bereich.objects.get(code="3-4")
    )
    with pytest.raises(WorkflowError, match="Sie dürfen die Umsetzung .* nicht melden"):
        services.sachstandsmeldung_speichern(
            meldung=meldung,
            user=demo("fb-jugend"),
            daten={**DATEN, "umsetzungsstatus": U.UMGESETZT, "fortschritt": 100},
            version=0,
            einreichen=True,
        )
    meldung.refresh_from_db()
    assert (meldung.status, meldung.version) == (M.ANGEFORDERT, 0)
    empfehlung = Handlungsempfehlung.objects.get(pk=meldung.empfehlung_id)
    assert empfehlung.status == Empfehlungsstatus.VEROEFFENTLICHT


@pytest.mark.parametrize(
    ("daten", "feld", "meldung_text"),
    [
        ({"umsetzungsstatus": U.UMGESETZT, "fortschritt": 60}, "fortschritt", "100 %"),
        ({"umsetzungsstatus": U.NICHT_BEGONNEN, "fortschritt": 20}, "fortschritt", "0 %"),
        ({"fortschritt": 130}, "fortschritt", "zwischen 0 und 100"),
        ({"umsetzungsstatus": "irgendwas"}, "umsetzungsstatus", "angebotenen"),
    ],
)
def test_the_meldung_rules_hold_for_every_way_in(meldung, daten, feld, meldung_text):
    """Not only the form: the service itself refuses, naming the field (import and API use it)."""
    with pytest.raises(WorkflowError, match=meldung_text) as fehler:
        services.sachstandsmeldung_speichern(
            meldung=meldung,
            user=demo("fb-jugend"),
            daten={**DATEN, **daten},
            version=0,
            einreichen=False,
        )
    assert feld in fehler.value.felder
    meldung.refresh_from_db()
    assert (meldung.status, meldung.version) == (M.ANGEFORDERT, 0)
