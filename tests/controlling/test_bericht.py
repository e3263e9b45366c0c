"""Controllingbericht and dashboard: the figures of a known period, the same figures in PDF and
XLSX, a rebuilt report of a past period, building once, the pages and their permissions, and
one build through a real Celery worker.

The periods lie in 2001, before anything the demo or other tests open, so the trend sees only
this module's periods."""

import io
import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from controlling import auswertung, bericht, bericht_pdf, bericht_xlsx
from controlling.models import (
    Berichtsperiode,
    Controllingbericht,
    Sachstandsmeldung,
    quartalsende,
)
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Sozialraum, User
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")
HEUTE = date(2002, 1, 15)  # after the Frist of Q3/2001


def _zeit(jahr, monat, tag) -> datetime:
    return datetime(jahr, monat, tag, 10, 0, tzinfo=BERLIN)


def periode(jahr: int, quartal: int) -> Berichtsperiode:
    stichtag = quartalsende(jahr, quartal)
    return Berichtsperiode.objects.create(
        jahr=jahr, quartal=quartal, stichtag=stichtag, frist=stichtag + timedelta(days=30)
    )


def meldung(p, gegenstand, *, status="angefordert", raeume=(), **felder) -> Sachstandsmeldung:
    """A Meldung created directly (the FSM field is protected: status set by update)."""
    art = "empfehlung" if gegenstand._meta.model_name == "handlungsempfehlung" else "steckbrief"
    werte = {"bereich": gegenstand.federfuehrung, "titel": gegenstand.titel, **felder}
    m = Sachstandsmeldung.objects.create(periode=p, **{art: gegenstand}, **werte)
    m.sozialraeume.set(Sozialraum.objects.filter(kurzname__in=raeume))
    Sachstandsmeldung.objects.filter(pk=m.pk).update(status=status)
    m.refresh_from_db()
    return m


@pytest.fixture
def daten(db):
    """Q2/2001 (two Meldungen) and Q3/2001 (five, in every state)."""
    jugend, gesundheit = Bereich.objects.get(code="3-1"), Bereich.objects.get(code="3-4")
    e1 = factories.empfehlung(titel="Streetwork am Bahnhof ausbauen")
    s1 = factories.steckbrief("Mobile Jugendarbeit Ölgang", federfuehrung=jugend)
    s2 = factories.steckbrief(
        "Gesundheitskiosk", federfuehrung=gesundheit, befristet=True, laufzeit_bis=date(2002, 3, 31)
    )
    s3 = factories.steckbrief("=Familienbüro", federfuehrung=gesundheit)
    s4 = factories.steckbrief("Stadtteilmütter", federfuehrung=jugend)

    q2 = periode(2001, 2)
    meldung(
        q2,
        e1,
        status="geprueft",
        raeume=["OST"],
        nummer="OST-01",
        ampel="gelb",
        umsetzungsstatus="nicht_begonnen",
        eingereicht_am=_zeit(2001, 7, 10),
    )
    meldung(q2, s1, raeume=["OST"], ampel="gruen", umsetzungsstatus="in_umsetzung")

    q3 = periode(2001, 3)
    meldung(
        q3,
        e1,
        status="geprueft",
        raeume=["OST"],
        nummer="OST-01",
        umsetzungsstatus="in_umsetzung",
        ampel="gruen",
        fortschritt=40,
        sachstand="Zwei Stellen besetzt; Büro in der Marktstraße eröffnet.",
        eingereicht_am=_zeit(2001, 10, 10),
    )
    meldung(
        q3,
        s1,
        status="eingereicht",
        raeume=["OST", "MST"],
        umsetzungsstatus="verzoegert",
        ampel="rot",
        fortschritt=20,
        hindernisse="Träger fehlt",
        sachstand="Ausschreibung ohne Angebot; neuer Anlauf im Frühjahr.",
        eingereicht_am=_zeit(2001, 11, 5),
    )
    meldung(
        q3,
        s2,
        status="eingereicht",
        stadtweit=True,
        umsetzungsstatus="umgesetzt",
        ampel="gruen",
        fortschritt=100,
        sachstand="Kiosk läuft an drei Tagen je Woche.",
        eingereicht_am=_zeit(2001, 10, 29),
        befristet=True,
        laufzeit_bis=date(2002, 3, 31),
        finanzierung="Landesprogramm bis März 2002",
    )
    # Prefilled from the quarter before, not submitted: counts as "keine Meldung".
    meldung(
        q3,
        s3,
        raeume=["MST"],
        umsetzungsstatus="in_umsetzung",
        ampel="gelb",
        fortschritt=70,
        sachstand="alter Stand",
        befristet=True,
        laufzeit_bis=date(2003, 12, 31),
    )
    # Returned and being reworked: what the Bereich types now is not submitted, the report
    # shows the Steckbrief's term and funding as asked.
    meldung(
        q3,
        s4,
        status="zurueckgegeben",
        raeume=["ALL"],
        umsetzungsstatus="umgesetzt",
        ampel="gruen",
        eingereicht_am=_zeit(2001, 10, 20),
        befristet=True,
        laufzeit_bis=date(2001, 11, 30),
        finanzierung="ENTWURF: Stiftung zieht sich zurück",
        vorbefuellung={"befristet": True, "laufzeit_bis": "2001-12-31", "finanzierung": "Stiftung"},
    )
    return {"q2": q2, "q3": q3, "steckbriefe": [s1, s2, s3, s4], "empfehlung": e1}


# --- Auswertung -----------------------------------------------------------------------------------
def test_auswertung_counts_the_period(daten):
    a = auswertung.auswerten(daten["q3"], heute=HEUTE)
    k = a.kennzahlen
    assert (k.gesamt, k.vorgelegt, k.eingereicht, k.geprueft, k.offen) == (5, 3, 2, 1, 2)
    assert (k.verspaetet, k.fehlend) == (1, 2)
    assert k.je_ampel == {"gruen": 2, "gelb": 0, "rot": 1, "keine": 2}
    assert k.je_umsetzungsstatus == {
        "nicht_begonnen": 0,
        "in_umsetzung": 1,
        "umgesetzt": 1,
        "verzoegert": 1,
        "gestoppt": 0,
        "keine": 2,
    }
    assert k.fortschritt_mittel == pytest.approx(160 / 3)
    assert a.titel == "3. Quartal 2001"


def test_auswertung_groups_by_sozialraum_bereich_and_period(daten):
    a = auswertung.auswerten(daten["q3"], heute=HEUTE)
    gebiete = {g.name: g.je_umsetzungsstatus for g in a.gebiete}
    assert [g.name for g in a.gebiete] == [
        "Mitte/Styrum",
        "Alstaden/Lirich",
        "Oberhausen-Ost",
        "stadtweit",
    ]
    assert gebiete["Mitte/Styrum"]["verzoegert"] == 1 and gebiete["Mitte/Styrum"]["keine"] == 1
    assert gebiete["Oberhausen-Ost"]["in_umsetzung"] == 1
    assert gebiete["stadtweit"]["umgesetzt"] == 1
    ost = next(g for g in a.gebiete if g.kurzname == "OST")
    assert [(e.nummer, e.titel) for e in ost.eintraege] == [
        ("OST-01", "Streetwork am Bahnhof ausbauen"),
        ("", "Mobile Jugendarbeit Ölgang"),
    ]
    assert {b.code: b.je_ampel for b in a.bereiche} == {
        "3-1": {"gruen": 1, "gelb": 0, "rot": 1, "keine": 1},
        "3-4": {"gruen": 1, "gelb": 0, "rot": 0, "keine": 1},
    }
    assert [(p.titel, p.je_ampel) for p in a.verlauf] == [
        ("Q2/2001", {"gruen": 0, "gelb": 1, "rot": 0, "keine": 1}),
        ("Q3/2001", {"gruen": 2, "gelb": 0, "rot": 1, "keine": 2}),
    ]


def test_auswertung_lists_missing_late_and_befristet(daten):
    a = auswertung.auswerten(daten["q3"], heute=HEUTE)
    assert [(e.titel, e.bereich) for e in a.fehlend] == [
        ("Stadtteilmütter", "3-1"),
        ("=Familienbüro", "3-4"),
    ]
    assert [(e.titel, e.bereich) for e in a.verspaetet] == [("Mobile Jugendarbeit Ölgang", "3-1")]
    # Ending after the Stichtag and by the end of the second quarter after it (31.03.2002).
    assert a.befristet_bis == date(2002, 3, 31)
    assert [(e.titel, e.laufzeit_bis) for e in a.befristet] == [
        ("Stadtteilmütter", date(2001, 12, 31)),
        ("Gesundheitskiosk", date(2002, 3, 31)),
    ]


def test_nothing_is_missing_while_the_frist_runs(daten):
    a = auswertung.auswerten(daten["q3"], heute=date(2001, 10, 15))
    assert a.kennzahlen.fehlend == 0 and a.fehlend == []
    assert a.kennzahlen.offen == 2


def test_a_rebuilt_report_of_a_past_period_gives_the_same_figures(daten):
    vorher = auswertung.auswerten(daten["q3"], heute=HEUTE)
    # Later: the items change, a new quarter is reported, another Sozialraum joins.
    s1, s2, _, _ = daten["steckbriefe"]
    Massnahmensteckbrief.objects.filter(pk=s1.pk).update(titel="Umbenannt", befristet=False)
    s1.sozialraeume.add(Sozialraum.objects.get(kurzname="ALL"))
    q4 = periode(2001, 4)
    meldung(
        q4,
        s1,
        status="geprueft",
        raeume=["ALL"],
        ampel="gruen",
        umsetzungsstatus="umgesetzt",
        eingereicht_am=_zeit(2002, 1, 10),
    )
    meldung(
        q4,
        s2,
        status="eingereicht",
        stadtweit=True,
        ampel="rot",
        umsetzungsstatus="gestoppt",
        eingereicht_am=_zeit(2002, 1, 11),
    )
    nachher = auswertung.auswerten(daten["q3"], heute=date(2026, 1, 1))

    assert nachher.kennzahlen == vorher.kennzahlen
    assert [(g.name, g.je_umsetzungsstatus) for g in nachher.gebiete] == [
        (g.name, g.je_umsetzungsstatus) for g in vorher.gebiete
    ]
    assert [(b.code, b.je_ampel) for b in nachher.bereiche] == [
        (b.code, b.je_ampel) for b in vorher.bereiche
    ]
    assert [(p.titel, p.je_ampel) for p in nachher.verlauf] == [
        (p.titel, p.je_ampel) for p in vorher.verlauf
    ]
    assert nachher.eintraege == vorher.eintraege
    # The newer period's trend includes Q3 with exactly those figures.
    q4_verlauf = auswertung.auswerten(q4, heute=date(2026, 1, 1)).verlauf
    assert [p.titel for p in q4_verlauf] == ["Q2/2001", "Q3/2001", "Q4/2001"]
    assert q4_verlauf[1].je_ampel == vorher.kennzahlen.je_ampel


def test_auswertung_needs_the_same_queries_for_many_meldungen(daten, django_assert_num_queries):
    with CaptureQueriesContext(connection) as klein:
        auswertung.auswerten(daten["q3"], heute=HEUTE)
    gross = periode(2001, 4)
    _viele_meldungen(gross, 150)
    with CaptureQueriesContext(connection) as viele:
        a = auswertung.auswerten(gross, heute=HEUTE)
    assert a.kennzahlen.gesamt == 150
    # Six for the Meldungen, two for the Wirkungsziele of their items (tests/wirkung).
    assert len(viele) == len(klein) <= 8


def _viele_meldungen(p: Berichtsperiode, anzahl: int) -> None:
    sp = User.objects.get(username="sozialplanung")
    bereiche = list(Bereich.objects.all()[:4])
    raeume = list(Sozialraum.objects.all())
    steckbriefe = Massnahmensteckbrief.objects.bulk_create(
        Massnahmensteckbrief(
            titel=f"Viele {i}", beschreibung="x", federfuehrung=bereiche[i % 4], erstellt_von=sp
        )
        for i in range(anzahl)
    )
    meldungen = Sachstandsmeldung.objects.bulk_create(
        Sachstandsmeldung(
            periode=p,
            steckbrief=s,
            bereich=s.federfuehrung,
            titel=s.titel,
            status=["angefordert", "eingereicht", "geprueft"][i % 3],
            umsetzungsstatus="in_umsetzung",
            ampel=["gruen", "gelb", "rot"][i % 3],
            fortschritt=i % 101,
            sachstand="Sachstand " * 40,
            stadtweit=i % 10 == 0,
        )
        for i, s in enumerate(steckbriefe)
    )
    Durch = Sachstandsmeldung.sozialraeume.through
    Durch.objects.bulk_create(
        Durch(sachstandsmeldung_id=m.pk, sozialraum_id=raeume[i % len(raeume)].pk)
        for i, m in enumerate(meldungen)
    )


# --- PDF and XLSX ---------------------------------------------------------------------------------
@pytest.fixture
def stadt(settings):
    settings.STADT_NAME = "Mülheim an der Ruhr"
    return settings.STADT_NAME


def _pdf_text(inhalt: bytes) -> str:
    """The text of all pages, table cells and wrapped lines joined by single spaces."""
    text = " ".join(seite.extract_text() for seite in PdfReader(io.BytesIO(inhalt)).pages)
    return re.sub(r"\s+", " ", text)


def test_pdf_shows_title_figures_and_items(daten, stadt):
    a = auswertung.auswerten(daten["q3"], heute=HEUTE)
    pdf = bericht_pdf.erzeugen(a, auswertung.diagramme(a), erstellt=_zeit(2002, 1, 15))
    text = _pdf_text(pdf)
    for erwartet in [
        "Stadt Mülheim an der Ruhr",
        "Controllingbericht 3. Quartal 2001",
        "Stichtag: 30.09.2001",
        "Frist für die Meldungen: 30.10.2001",
        "Erstellt am 15.01.2002",
        "Meldungen insgesamt 5",
        "vorgelegt (eingereicht oder geprüft) 3",
        "verspätet eingereicht (nach der Frist) 1",
        "fehlend (Frist abgelaufen) 2",
        "53 %",
        "Umsetzungsstand je Sozialraum",
        "Ampel je Bereich",
        "Ampel im Verlauf",
        "Mobile Jugendarbeit Ölgang",
        "Büro in der Marktstraße eröffnet.",
        "Fehlende und verspätete Meldungen",
        "Befristete Maßnahmen",
        "Landesprogramm bis März 2002",
        "Seite 2",
    ]:
        assert erwartet in text, erwartet
    assert "alter Stand" not in text  # a prefilled Sachstand is not a report
    assert "ENTWURF" not in text and "30.11.2001" not in text  # nor an unsubmitted draft


def test_pdf_copes_with_a_period_without_meldungen(db):
    leer = periode(2000, 4)
    a = auswertung.auswerten(leer, heute=HEUTE)
    text = _pdf_text(bericht_pdf.erzeugen(a, auswertung.diagramme(a)))
    assert "keine Meldungen angefordert" in text


def _uebersicht(inhalt: bytes) -> dict:
    blatt = load_workbook(io.BytesIO(inhalt))["Übersicht"]
    return {z[0]: z[1:] for z in blatt.iter_rows(values_only=True) if z and z[0]}


def test_xlsx_has_the_same_figures_and_guards_formulas(daten, stadt):
    a = auswertung.auswerten(daten["q3"], heute=HEUTE)
    inhalt = bericht_xlsx.erzeugen(a, erstellt=_zeit(2002, 1, 15))
    wb = load_workbook(io.BytesIO(inhalt))
    assert wb.sheetnames == [
        "Übersicht",
        "Einträge",
        "Fehlend und verspätet",
        "Befristet",
        "Verlauf",
        "Wirkung",
    ]
    u = _uebersicht(inhalt)
    assert u["Controllingbericht"][0] == "3. Quartal 2001"
    assert u["Stadt"][0] == "Mülheim an der Ruhr"
    assert u["Stichtag"][0] == datetime(2001, 9, 30)
    assert u["Meldungen insgesamt"][0] == 5
    assert u["vorgelegt (eingereicht oder geprüft)"][0] == 3
    assert u["verspätet eingereicht (nach der Frist)"][0] == 1
    assert u["fehlend (Frist abgelaufen)"][0] == 2
    assert u["mittlerer Fortschritt (%)"][0] == 53.3
    assert u["grün"][0] == 2 and u["rot"][0] == 1 and u["keine Meldung"][0] == 2
    assert u["Oberhausen-Ost"][:6] == (0, 1, 0, 1, 0, 0)

    eintraege = list(wb["Einträge"].iter_rows(values_only=True))
    assert len(eintraege) == 1 + 5
    kopf = eintraege[0]
    zeile = next(z for z in eintraege if z[kopf.index("Titel")] == "Mobile Jugendarbeit Ölgang")
    assert zeile[kopf.index("Sozialräume")] == "Mitte/Styrum, Oberhausen-Ost"
    assert zeile[kopf.index("verspätet")] == "ja"
    titel = [z[kopf.index("Titel")] for z in eintraege[1:]]
    assert "'=Familienbüro" in titel and "=Familienbüro" not in titel

    fehlend = list(wb["Fehlend und verspätet"].iter_rows(values_only=True))[1:]
    assert sorted((z[1], z[6]) for z in fehlend) == [
        ("'=Familienbüro", "fehlt"),
        ("Mobile Jugendarbeit Ölgang", "verspätet"),
        ("Stadtteilmütter", "fehlt"),
    ]
    alle_zellen = [
        str(z) for blatt in wb for zeile in blatt.iter_rows(values_only=True) for z in zeile
    ]
    assert not any("ENTWURF" in z for z in alle_zellen)  # an unsubmitted draft stays private
    befristet = list(wb["Befristet"].iter_rows(values_only=True))[1:]
    assert [(z[0], z[4]) for z in befristet] == [
        ("Stadtteilmütter", datetime(2001, 12, 31)),
        ("Gesundheitskiosk", datetime(2002, 3, 31)),
    ]
    verlauf = list(wb["Verlauf"].iter_rows(values_only=True))
    assert verlauf[0] == ("Periode", "Stichtag", "grün", "gelb", "rot", "keine Meldung", "zusammen")
    assert [z[0] for z in verlauf[1:]] == ["Q2/2001", "Q3/2001"]
    assert verlauf[2][2:] == (2, 0, 1, 2, 5)


# --- The service: request, claim, build -------------------------------------------------------------
def test_request_needs_sozialplanung_and_reuses_a_running_build(daten, benutzer):
    with pytest.raises(PermissionDenied):
        bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["lesend"])
    erster = bericht.controllingbericht_anfordern(
        periode=daten["q3"], user=benutzer["sozialplanung"]
    )
    zweiter = bericht.controllingbericht_anfordern(
        periode=daten["q3"], user=benutzer["sozialplanung"]
    )
    assert zweiter.pk == erster.pk and zweiter.bereits_angefordert
    assert Controllingbericht.objects.filter(periode=daten["q3"]).count() == 1


def test_request_queues_the_task_after_commit(
    daten, benutzer, django_capture_on_commit_callbacks, monkeypatch
):
    from controlling import tasks

    gesendet = []
    monkeypatch.setattr(tasks.bericht_erstellen, "delay", gesendet.append)
    with django_capture_on_commit_callbacks(execute=True):
        b = bericht.controllingbericht_anfordern(
            periode=daten["q3"], user=benutzer["sozialplanung"]
        )
        assert gesendet == []
    assert gesendet == [b.pk]


def test_a_stuck_build_does_not_block_a_new_one(daten, benutzer):
    from django.utils import timezone

    alt = bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["sozialplanung"])
    Controllingbericht.objects.filter(pk=alt.pk).update(
        angefordert_am=timezone.now() - timedelta(hours=2)
    )
    neu = bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["sozialplanung"])
    assert neu.pk != alt.pk and not neu.bereits_angefordert
    alt.refresh_from_db()
    assert alt.status == Controllingbericht.Status.FEHLER and "erneut" in alt.fehler


def _dateien() -> set[Path]:
    from django.conf import settings

    return set((Path(settings.MEDIA_ROOT) / "controlling").glob("*"))


def test_task_delivered_twice_builds_once(daten, benutzer):
    b = bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["sozialplanung"])
    vorher = _dateien()
    assert bericht.controllingbericht_erstellen(bericht_id=b.pk) is True
    nach_dem_ersten = _dateien()
    assert bericht.controllingbericht_erstellen(bericht_id=b.pk) is False
    assert len(nach_dem_ersten - vorher) == 2 and _dateien() == nach_dem_ersten
    b.refresh_from_db()
    assert b.status == Controllingbericht.Status.FERTIG
    assert (b.fortschritt, b.schritt) == (100, "fertig")
    assert b.fertig_am is not None
    assert Path(b.pdf.path).read_bytes().startswith(b"%PDF")
    assert b.pdf.name.startswith("controlling/controlling-2001-Q3-") and b.pdf.name.endswith(".pdf")
    assert b.xlsx.name.endswith(".xlsx")
    # A later build is kept beside it; the newest comes first.
    zweiter = bericht.controllingbericht_anfordern(
        periode=daten["q3"], user=benutzer["sozialplanung"]
    )
    bericht.controllingbericht_erstellen(bericht_id=zweiter.pk)
    assert list(daten["q3"].berichte.values_list("pk", flat=True)) == [zweiter.pk, b.pk]


def test_the_built_files_carry_the_figures(daten, benutzer, stadt):
    b = bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["sozialplanung"])
    bericht.controllingbericht_erstellen(bericht_id=b.pk)
    b.refresh_from_db()
    text = _pdf_text(b.pdf.read())
    assert "Controllingbericht 3. Quartal 2001" in text and "Meldungen insgesamt 5" in text
    b.xlsx.open("rb")
    assert _uebersicht(b.xlsx.read())["Meldungen insgesamt"][0] == 5


def test_a_failing_build_ends_with_a_german_message(daten, benutzer, monkeypatch):
    def kaputt(*args, **kwargs):
        raise ValueError("kaputt")

    monkeypatch.setattr(bericht_pdf, "erzeugen", kaputt)
    b = bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["sozialplanung"])
    assert bericht.controllingbericht_erstellen(bericht_id=b.pk) is False
    b.refresh_from_db()
    assert b.status == Controllingbericht.Status.FEHLER
    assert b.fehler.startswith("Der Controllingbericht konnte nicht erstellt werden (ValueError).")
    assert not b.pdf and not b.xlsx


# --- Views ----------------------------------------------------------------------------------------
def test_reader_sees_the_dashboard_with_charts_and_tables(daten, client_als):
    antwort = client_als("lesend").get(
        reverse("controlling_dashboard"), {"periode": daten["q3"].pk}
    )
    assert antwort.status_code == 200
    html = antwort.content.decode()
    assert "Controlling: 3. Quartal 2001" in html
    assert html.count("<svg ") == 3
    assert ' style="' not in html.split("<svg ", 1)[1]  # CSP: no inline styles in the charts
    assert (
        '<title id="umsetzung-titel">Umsetzungsstand je Sozialraum, 3. Quartal 2001</title>' in html
    )
    assert "Einträge je Sozialraum und Umsetzungsstatus" in html
    a = antwort.context["a"]
    assert a.kennzahlen.gesamt == 5 and a.kennzahlen.fehlend == 2
    assert "Bericht erstellen" not in html  # reading only
    assert antwort.context["form"]["periode"].value() == str(daten["q3"].pk)


def test_dashboard_defaults_to_the_newest_period_and_rejects_unknown_ones(daten, client_als):
    lesend = client_als("lesend")
    antwort = lesend.get(reverse("controlling_dashboard"))
    assert antwort.status_code == 200
    assert antwort.context["periode"] == Berichtsperiode.objects.order_by("-stichtag").first()
    assert lesend.get(reverse("controlling_dashboard"), {"periode": "999999"}).status_code == 404
    assert lesend.get(reverse("controlling_dashboard"), {"periode": "x"}).status_code == 404
    leer = periode(2000, 4)
    antwort = lesend.get(reverse("controlling_dashboard"), {"periode": leer.pk})
    assert antwort.status_code == 200 and "Keine Meldungen in dieser Periode." in antwort.text


def test_anonymous_is_sent_to_the_login(daten, client):
    for url in [
        reverse("controlling_dashboard"),
        reverse("bericht_status", args=[1]),
        reverse("bericht_datei", args=[1, "pdf"]),
    ]:
        antwort = client.get(url)
        assert antwort.status_code == 302 and "/anmelden/" in antwort["Location"]


def test_dashboard_queries_do_not_grow_with_the_meldungen(
    daten, client_als, django_assert_max_num_queries
):
    sp = client_als("sozialplanung")
    url = reverse("controlling_dashboard")
    sp.get(url, {"periode": daten["q3"].pk})  # session and caches warm
    with CaptureQueriesContext(connection) as klein:
        assert sp.get(url, {"periode": daten["q3"].pk}).status_code == 200
    gross = periode(2001, 4)
    _viele_meldungen(gross, 300)
    with django_assert_max_num_queries(len(klein)):
        antwort = sp.get(url, {"periode": gross.pk})
    assert antwort.context["a"].kennzahlen.gesamt == 300
    assert len(klein) <= 16


def test_reader_may_not_build_a_report(daten, client_als):
    url = reverse("bericht_erstellen", args=[daten["q3"].pk])
    assert client_als("lesend").post(url).status_code == 403
    assert client_als("fb-jugend").post(url).status_code == 403
    assert client_als("sozialplanung").get(url).status_code == 405
    assert not Controllingbericht.objects.filter(periode=daten["q3"]).exists()


def test_sozialplanung_builds_and_follows_the_status(daten, client_als):
    sp = client_als("sozialplanung")
    antwort = sp.post(reverse("bericht_erstellen", args=[daten["q3"].pk]))
    b = Controllingbericht.objects.get(periode=daten["q3"])
    assert antwort.status_code == 302 and antwort["Location"] == reverse(
        "bericht_status", args=[b.pk]
    )

    seite = sp.get(antwort["Location"])
    html = seite.content.decode()
    assert '<progress id="auftrag-fortschritt" max="100" value="0">' in html
    assert "/static/js/auftrag-status.js" in html and ">Aktualisieren</a>" in html
    assert "<script>" not in html
    json = sp.get(antwort["Location"], {"format": "json"}).json()
    assert json == {"status": "wartend", "fortschritt": 0, "schritt": "wartet auf die Verarbeitung"}

    # The same click again while it waits: no second build.
    sp.post(reverse("bericht_erstellen", args=[daten["q3"].pk]))
    assert Controllingbericht.objects.filter(periode=daten["q3"]).count() == 1


def test_downloads_only_when_done(daten, client_als, benutzer):
    b = bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["sozialplanung"])
    lesend = client_als("lesend")
    assert lesend.get(reverse("bericht_datei", args=[b.pk, "pdf"])).status_code == 404
    bericht.controllingbericht_erstellen(bericht_id=b.pk)
    assert lesend.get(reverse("bericht_datei", args=[b.pk, "docx"])).status_code == 404
    assert lesend.get(reverse("bericht_datei", args=[999999, "pdf"])).status_code == 404

    pdf = lesend.get(reverse("bericht_datei", args=[b.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Controllingbericht-2001-Q3-' in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = lesend.get(reverse("bericht_datei", args=[b.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].endswith("spreadsheetml.sheet")

    status = lesend.get(reverse("bericht_status", args=[b.pk]))
    html = status.content.decode()
    assert reverse("bericht_datei", args=[b.pk, "xlsx"]) in html
    assert "auftrag-status.js" not in html
    assert lesend.get(reverse("bericht_status", args=[b.pk]), {"format": "json"}).json() == {
        "status": "fertig",
        "fortschritt": 100,
        "schritt": "fertig",
    }


def test_partial_lists_builds_with_links_and_the_button(daten, benutzer, rf):
    from django.template.loader import render_to_string

    fertig = bericht.controllingbericht_anfordern(
        periode=daten["q3"], user=benutzer["sozialplanung"]
    )
    bericht.controllingbericht_erstellen(bericht_id=fertig.pk)
    laufend = bericht.controllingbericht_anfordern(
        periode=daten["q3"], user=benutzer["sozialplanung"]
    )
    request = rf.get("/")
    request.user = benutzer["sozialplanung"]
    berichte = list(daten["q3"].berichte.select_related("angefordert_von"))
    html = render_to_string(
        "controlling/partials/berichte.html",
        {"periode": daten["q3"], "berichte": berichte, "darf_steuern": True},
        request=request,
    )
    assert reverse("bericht_datei", args=[fertig.pk, "pdf"]) in html
    assert reverse("bericht_status", args=[laufend.pk]) in html
    assert "<progress" in html and ">Bericht erstellen</button>" in html
    ohne = render_to_string(
        "controlling/partials/berichte.html",
        {"periode": daten["q3"], "berichte": [], "darf_steuern": False},
        request=request,
    )
    assert "noch kein Bericht" in ohne and "Bericht erstellen</button>" not in ohne


# --- Through a real worker ------------------------------------------------------------------------
@pytest.mark.worker
def test_report_is_built_by_a_real_worker(transactional_db, celery_worker, settings):
    # The worker writes to its own media folder (var/test/media); read the files there.
    settings.MEDIA_ROOT = str(Path(settings.VAR_DIR) / "media")
    sp = User.objects.create_user("sp-worker", ist_sozialplanung=True)
    bereich = Bereich.objects.create(code="W-1", name="Worker-Bereich")
    steckbrief = Massnahmensteckbrief.objects.create(
        titel="Quartiersbüro", beschreibung="x", federfuehrung=bereich, erstellt_von=sp
    )
    p = periode(2000, 1)
    meldung(
        p,
        steckbrief,
        status="geprueft",
        stadtweit=True,
        umsetzungsstatus="umgesetzt",
        ampel="gruen",
        eingereicht_am=_zeit(2000, 4, 2),
    )
    with transaction.atomic():  # the task is queued when this commits
        b = bericht.controllingbericht_anfordern(periode=p, user=sp)
    ende = time.monotonic() + 60
    while time.monotonic() < ende:
        b.refresh_from_db()
        if b.status in (Controllingbericht.Status.FERTIG, Controllingbericht.Status.FEHLER):
            break
        time.sleep(0.2)
    assert b.status == Controllingbericht.Status.FERTIG, (b.status, b.fehler, b.schritt)
    try:
        assert Path(b.pdf.path).read_bytes().startswith(b"%PDF")
        assert Path(b.xlsx.path).stat().st_size > 0
        assert "Quartiersbüro" in _pdf_text(Path(b.pdf.path).read_bytes())
    finally:
        b.pdf.delete(save=False)
        b.xlsx.delete(save=False)


def test_a_build_silent_for_two_minutes_is_shown_dead_and_taken_over(daten, benutzer, client_als):
    from django.utils import timezone

    b = bericht.controllingbericht_anfordern(periode=daten["q3"], user=benutzer["sozialplanung"])
    # A worker claimed it and beat half a minute ago: alive, nobody else takes it.
    Controllingbericht.objects.filter(pk=b.pk).update(
        status="laeuft", lebenszeichen=timezone.now() - timedelta(seconds=30)
    )
    b.refresh_from_db()
    assert not bericht.haengt(b)
    assert bericht.controllingbericht_erstellen(bericht_id=b.pk) is False
    # Its worker died: three minutes without a heartbeat.
    Controllingbericht.objects.filter(pk=b.pk).update(
        lebenszeichen=timezone.now() - timedelta(minutes=3)
    )
    b.refresh_from_db()
    assert bericht.haengt(b)
    seite = client_als("sozialplanung").get(reverse("bericht_status", args=[b.pk]))
    assert "Die Erstellung ist abgebrochen" in seite.content.decode()
    assert "Neu starten" in seite.content.decode()
    # The task, delivered again after its worker was lost, builds it after all.
    assert bericht.controllingbericht_erstellen(bericht_id=b.pk) is True
    b.refresh_from_db()
    assert b.status == Controllingbericht.Status.FERTIG


@pytest.mark.django_db(transaction=True)
def test_a_long_build_beats_while_it_runs(django_db_setup):
    from django.utils import timezone

    p = periode(2001, 4)
    b = Controllingbericht.objects.create(
        periode=p, status="laeuft", lebenszeichen=timezone.now() - timedelta(hours=1)
    )
    try:
        with bericht.lebenszeichen(b.pk, takt=timedelta(seconds=0.05)):
            ende = time.monotonic() + 10
            while Controllingbericht.objects.get(pk=b.pk).lebenszeichen < timezone.now() - (
                timedelta(minutes=1)
            ):
                assert time.monotonic() < ende, "kein Lebenszeichen"
                time.sleep(0.05)
    finally:
        b.delete()
        p.delete()


def test_every_task_has_a_time_limit():
    """A task that hangs ends (SoftTimeLimitExceeded, a German message) instead of holding a
    worker forever."""
    from config.celery import app

    app.loader.import_default_modules()
    eigene = {n: t for n, t in app.tasks.items() if not n.startswith("celery.")}
    assert eigene
    ohne = [n for n, t in eigene.items() if not t.soft_time_limit or not t.time_limit]
    assert not ohne, ohne
