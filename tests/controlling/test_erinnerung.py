"""The reminder pass: stages by date, at most once per recipient, Meldung and kind, escalation
to the Leitung, weekly overview. (Through a real worker: test_erinnerung_worker.py.)"""

import io
from datetime import date

import pytest
from django.core.management import call_command

from controlling import services
from controlling.models import Einstellung, Erinnerung
from empfehlungen.models import Handlungsempfehlung
from notifications.models import Benachrichtigung
from tests.controlling.hilfen import JAHR, eroeffnet, nur_diese, veroeffentlicht
from tests.factories import demo

FRIST = date(JAHR, 4, 30)


@pytest.mark.parametrize(
    ("tag", "erwartet"),
    [
        (date(JAHR, 4, 15), None),
        (date(JAHR, 4, 16), ("vor_frist", 14)),
        (date(JAHR, 4, 26), ("vor_frist", 14)),
        (date(JAHR, 4, 27), ("vor_frist", 3)),
        (date(JAHR, 4, 30), ("vor_frist", 3)),  # the Frist day itself
        (date(JAHR, 5, 1), ("eskalation", 0)),
        (date(JAHR, 6, 1), ("eskalation", 0)),
    ],
)
def test_stage_of_a_day(db, tag, erwartet):
    periode = eroeffnet()
    assert periode.frist == FRIST
    assert services.stufe(periode, tag, Einstellung.aktuell()) == erwartet


def test_stages_follow_the_admin_setting(db):
    Einstellung.objects.update_or_create(
        pk=1, defaults={"erinnerung_tage_vor_frist": "7", "eskalation_tage_nach_frist": 5}
    )
    periode = eroeffnet()
    e = Einstellung.aktuell()
    assert services.stufe(periode, date(JAHR, 4, 16), e) is None
    assert services.stufe(periode, date(JAHR, 4, 23), e) == ("vor_frist", 7)
    assert services.stufe(periode, date(JAHR, 5, 4), e) is None
    assert services.stufe(periode, date(JAHR, 5, 5), e) == ("eskalation", 0)


@pytest.fixture
def offen_und_eingereicht(db):
    offen = veroeffentlicht(Handlungsempfehlung, titel="noch offen")
    fertig = veroeffentlicht(Handlungsempfehlung, titel="schon gemeldet")
    periode = eroeffnet()
    m_fertig = nur_diese(periode, fertig).get()
    services.sachstandsmeldung_speichern(
        meldung=m_fertig,
        user=demo("fb-jugend"),
        daten={"umsetzungsstatus": "in_umsetzung", "sachstand": "läuft"},
        version=0,
        einreichen=True,
    )
    return periode, nur_diese(periode, offen).get(), m_fertig


def _erinnerungen(meldung, art):
    return sorted(
        Erinnerung.objects.filter(meldung=meldung, art=art).values_list(
            "empfaenger__username", "tage"
        )
    )


def test_each_reminder_goes_once_and_only_for_what_is_missing(offen_und_eingereicht):
    _periode, offen, fertig = offen_und_eingereicht
    services.erinnerungen_senden(heute=date(JAHR, 4, 16))
    services.erinnerungen_senden(heute=date(JAHR, 4, 16))  # the task ran twice
    services.erinnerungen_senden(heute=date(JAHR, 4, 20))  # and on later days of the stage
    assert _erinnerungen(offen, "vor_frist") == [("bl-jugend", 14), ("fb-jugend", 14)]
    assert not Erinnerung.objects.filter(meldung=fertig).exists()
    nachricht = Erinnerung.objects.get(meldung=offen, empfaenger=demo("fb-jugend")).benachrichtigung
    assert nachricht.art == Benachrichtigung.Art.ERINNERUNG
    assert f"bis {FRIST:%d.%m.%Y}" in nachricht.titel
    assert "noch offen" in nachricht.text and "schon gemeldet" not in nachricht.text
    # 3 days before: a second, different reminder, again once.
    services.erinnerungen_senden(heute=date(JAHR, 4, 27))
    services.erinnerungen_senden(heute=date(JAHR, 4, 28))
    assert _erinnerungen(offen, "vor_frist") == [
        ("bl-jugend", 3),
        ("bl-jugend", 14),
        ("fb-jugend", 3),
        ("fb-jugend", 14),
    ]


def test_after_the_frist_only_the_leitung_is_told(offen_und_eingereicht):
    _periode, offen, _fertig = offen_und_eingereicht
    ausgabe = io.StringIO()
    call_command("erinnerungen_senden", "--datum", f"{JAHR}-05-01", stdout=ausgabe)
    call_command("erinnerungen_senden", "--datum", f"{JAHR}-05-02", stdout=io.StringIO())
    assert _erinnerungen(offen, "eskalation") == [("bl-jugend", 0)]
    nachricht = Benachrichtigung.objects.get(
        empfaenger=demo("bl-jugend"), art=Benachrichtigung.Art.ESKALATION
    )
    assert "Frist überschritten" in nachricht.titel and "noch offen" in nachricht.text
    assert not Benachrichtigung.objects.filter(
        empfaenger=demo("fb-jugend"), art=Benachrichtigung.Art.ESKALATION
    ).exists()
    assert "01.05.2031:" in ausgabe.getvalue() and "Eskalationen" in ausgabe.getvalue()


def test_a_submitted_meldung_gets_no_later_reminder(offen_und_eingereicht):
    _periode, offen, _ = offen_und_eingereicht
    services.erinnerungen_senden(heute=date(JAHR, 4, 16))
    services.sachstandsmeldung_speichern(
        meldung=offen,
        user=demo("bl-jugend"),
        daten={"umsetzungsstatus": "nicht_begonnen", "sachstand": "wartet auf Haushalt"},
        version=0,
        einreichen=True,
    )
    services.erinnerungen_senden(heute=date(JAHR, 4, 27))
    services.erinnerungen_senden(heute=date(JAHR, 5, 1))
    assert _erinnerungen(offen, "vor_frist") == [("bl-jugend", 14), ("fb-jugend", 14)]
    assert not Erinnerung.objects.filter(meldung=offen, art="eskalation").exists()


def test_weekly_overview_for_sozialplanung_once_a_week(offen_und_eingereicht):
    # 05.05.2031 is a Monday (default weekday); the pass runs hourly and daily.
    for tag in (5, 5, 6, 11):
        services.erinnerungen_senden(heute=date(JAHR, 5, tag))
    uebersichten = Benachrichtigung.objects.filter(
        empfaenger=demo("sozialplanung"), art=Benachrichtigung.Art.UEBERSICHT
    )
    assert [u.titel for u in uebersichten] == ["Wochenübersicht Controlling (KW 19/2031)"]
    assert "3-1 Kinder, Jugend und Familie: " in uebersichten[0].text
    assert "Zu prüfen: " in uebersichten[0].text
    services.erinnerungen_senden(heute=date(JAHR, 5, 12))  # next Monday: the next week's overview
    assert uebersichten.all().count() == 2


def test_the_pass_is_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    for i in range(30):
        veroeffentlicht(Handlungsempfehlung, titel=f"Empfehlung {i}")
    eroeffnet()
    # Per recipient: one message (two queries) – not per Meldung.
    with django_assert_max_num_queries(40):
        lauf = services.erinnerungen_senden(heute=date(JAHR, 4, 16))
    assert lauf.erinnerungen >= 60 and lauf.nachrichten <= 6


def test_a_deputy_named_twice_gets_one_escalation(offen_und_eingereicht):
    from stammdaten.models import Bereich, Vertretung

    _, offen, _ = offen_und_eingereicht
    jugend = Bereich.objects.get(code="3-1")
    for _ in range(2):  # two overlapping Vertretungen for the same person
        Vertretung.objects.create(
            bereich=jugend,
            vertretene=demo("bl-jugend"),
            vertretung=demo("fb-jugend"),
            von=date(2020, 1, 1),
            bis=date(2040, 1, 1),
        )
    services.erinnerungen_senden(heute=date(JAHR, 5, 1))
    assert _erinnerungen(offen, "eskalation") == [("bl-jugend", 0), ("fb-jugend", 0)]
