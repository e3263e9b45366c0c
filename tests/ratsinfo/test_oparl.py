"""Council papers over OParl 1.1 against a small OParl server on 127.0.0.1: linked by URL,
number, date and decision fetched; a slow, broken, vanished or deleted paper keeps its last
data and warns Sozialplanung; only the configured server is ever asked; by hand without OParl;
shown on the Empfehlung, the public page, in the open data and the API."""

import json
import time

import pytest
from django.test import Client
from django.urls import reverse

from core.workflow import WorkflowError
from freigabe.models import Freigabestatus as F
from ratsinfo import oparl, services
from ratsinfo.models import Ratsvorlage
from tests import factories
from tests.factories import in_freigabe_zustand
from tests.oparl_server import OParlServer
from transparenz import services as transparenz

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    with OParlServer(langsam_sekunden=2.5) as s:
        settings.OPARL_URL = s.url("system")
        settings.OPARL_ZEITLIMIT = 1
        settings.TRANSPARENZ_AKTIV = True
        yield s


@pytest.fixture
def empfehlung():
    return in_freigabe_zustand(
        factories.empfehlung(titel="Streetwork mit Ratsbeschluss"), F.VEROEFFENTLICHT
    )


def verknuepft(server, empfehlung, nr="749") -> Ratsvorlage:
    vorlage = services.ratsvorlage_verknuepfen(
        user=factories.sozialplanung(), objekt=empfehlung, oparl_url=server.url(f"paper/{nr}")
    )
    return services.ratsvorlage_abrufen(vorlage.pk)


def test_a_paper_linked_by_its_oparl_url_brings_number_date_and_decision(server, empfehlung):
    v = verknuepft(server, empfehlung)
    assert (v.nummer, v.titel, str(v.datum), v.art) == (
        "1234/2026",
        "Handlungsempfehlung Streetwork am Bahnhof",
        "2026-02-12",
        "Beschlussvorlage",
    )
    assert (v.beschluss, str(v.beschluss_am), v.gremium) == (
        "Geändert beschlossen",
        "2026-03-10",
        "12. Sitzung des Rates",
    )
    assert v.web == "https://ris.example.org/vorlage/749" and v.warnung == ""
    assert server.anfragen == [
        "/oparl/v1/paper/749",
        "/oparl/v1/meeting/243",
        "/oparl/v1/agendaitem/15569",
    ]


def test_a_paper_without_a_decision_yet(server, empfehlung):
    v = verknuepft(server, empfehlung, "750")
    assert v.nummer == "1235/2026" and v.beschluss == "" and v.beschluss_am is None


def test_the_same_paper_twice_is_refused(server, empfehlung):
    verknuepft(server, empfehlung)
    with pytest.raises(WorkflowError, match="schon verknüpft"):
        services.ratsvorlage_verknuepfen(
            user=factories.sozialplanung(), objekt=empfehlung, oparl_url=server.url("paper/749")
        )


@pytest.mark.parametrize(
    ("nr", "meldung", "vorlaeufig"),
    [
        ("langsam", "antwortet nicht rechtzeitig", True),
        ("kaputt", "kein gültiges JSON", False),
        ("fehlt", "kennt diese Drucksache nicht (HTTP 404)", False),
        ("fremd", "kein OParl-1.1-Objekt", False),
        ("umleitung", "leitet auf eine fremde Adresse um", False),
    ],
)
def test_a_failing_fetch_keeps_the_last_data_and_warns(
    server, empfehlung, client_als, nr, meldung, vorlaeufig
):
    v = verknuepft(server, empfehlung)
    # The paper's URL changes its behaviour: simulate by pointing the stored id elsewhere.
    Ratsvorlage.objects.filter(pk=v.pk).update(oparl_id=server.url(f"paper/{nr}"))
    start = time.monotonic()
    if vorlaeufig:
        with pytest.raises(oparl.VorlaeufigerFehler):
            services.ratsvorlage_abrufen(v.pk)
    else:
        services.ratsvorlage_abrufen(v.pk)
    assert time.monotonic() - start < 2.2  # the time limit holds, not the server's pace
    v.refresh_from_db()
    assert meldung in v.abruf_fehler and v.abruf_fehler_seit is not None
    assert (v.nummer, v.beschluss) == ("1234/2026", "Geändert beschlossen")  # last known data
    seite = (
        client_als("sozialplanung")
        .get(reverse("empfehlung_detail", args=[empfehlung.pk]))
        .content.decode()
    )
    assert meldung in seite and "1234/2026" in seite
    # Readers see the paper, not the problem.
    seite = (
        client_als("lesend")
        .get(reverse("empfehlung_detail", args=[empfehlung.pk]))
        .content.decode()
    )
    assert "1234/2026" in seite and meldung not in seite
    # The start page of Sozialplanung names it.
    assert "Ratsvorlage mit Abrufproblem" in client_als("sozialplanung").get("/").content.decode()
    assert not any("169.254" in a for a in server.anfragen)


def test_a_deleted_paper_keeps_its_data_and_is_marked(server, empfehlung, client_als):
    v = verknuepft(server, empfehlung)
    server.loeschen("749")
    v = services.ratsvorlage_abrufen(v.pk)
    assert v.geloescht and v.nummer == "1234/2026" and "gelöscht" in v.warnung
    seite = client_als("sozialplanung").get(reverse("ratsvorlage_liste")).content.decode()
    assert "gelöscht" in seite


def test_only_the_configured_server_is_asked(server, empfehlung, settings):
    for url in (
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "https://127.0.0.1:1/oparl",
    ):
        with pytest.raises(WorkflowError, match="nicht auf dem eingestellten OParl-Server"):
            services.ratsvorlage_verknuepfen(
                user=factories.sozialplanung(), objekt=empfehlung, oparl_url=url
            )
    settings.OPARL_URL = ""
    with pytest.raises(WorkflowError, match="kein OParl-Server eingestellt"):
        services.ratsvorlage_verknuepfen(
            user=factories.sozialplanung(), objekt=empfehlung, oparl_url=server.url("paper/749")
        )
    assert not Ratsvorlage.objects.exists() and server.anfragen == []


def test_by_hand_without_an_oparl_server(settings, empfehlung, client_als):
    settings.OPARL_URL = ""
    client = client_als("sozialplanung")
    url = reverse("ratsvorlage_verknuepfen", args=["empfehlung", empfehlung.pk])
    antwort = client.post(
        url,
        {"nummer": "B/0815/2026", "datum": "2026-04-01", "web": "https://ris.example.org/0815"},
        follow=True,
    )
    assert "Drucksache B/0815/2026 verknüpft" in antwort.content.decode()
    v = Ratsvorlage.objects.get(nummer="B/0815/2026")
    assert v.manuell and list(v.empfehlungen.all()) == [empfehlung]
    # A link that is no web address, and a number with a line break, are refused.
    antwort = client.post(url, {"nummer": "X", "web": "javascript:alert(1)"}, follow=True)
    assert "gültige URL" in antwort.content.decode()
    antwort = client.post(url, {"nummer": "X\nY"}, follow=True)
    assert "in einer Zeile" in antwort.content.decode()
    assert Ratsvorlage.objects.count() == 1
    # Only Sozialplanung links.
    assert client_als("fb-jugend").post(url, {"nummer": "Z"}).status_code == 403


def test_the_decision_is_public_on_the_page_in_the_data_and_the_api(server, empfehlung):
    verknuepft(server, empfehlung)
    transparenz.eintrag_abgleichen(empfehlung)
    client = Client()
    seite = client.get(
        reverse("transparenz_eintrag", args=["empfehlungen", empfehlung.nummer])
    ).content.decode()
    assert "1234/2026" in seite and "Geändert beschlossen" in seite and "10.03.2026" in seite
    daten = json.loads(
        client.get(reverse("transparenz_datei", args=["empfehlungen", "json"])).content
    )
    eintrag = next(e for e in daten["daten"] if e["id"] == empfehlung.nummer)
    assert eintrag["ratsvorlagen"][0]["nummer"] == "1234/2026"
    csv_text = client.get(
        reverse("transparenz_datei", args=["empfehlungen", "csv"])
    ).content.decode()
    assert "1234/2026" in csv_text
    api = client.get(reverse("api_oeffentlich_empfehlung", args=[empfehlung.nummer])).json()
    assert api["ratsvorlagen"] == eintrag["ratsvorlagen"]


def test_the_fake_server_pages_its_paper_list_as_the_spec_says(server):
    erste = oparl.holen(server.url("body/1/paper"))
    assert erste["pagination"]["currentPage"] == 1 and "next" in erste["links"]
    letzte = oparl.holen(erste["links"]["next"])
    assert "next" not in letzte["links"] and letzte["pagination"]["totalPages"] == 2
    assert oparl.holen(server.url("system"))["oparlVersion"] == "https://schema.oparl.org/1.1/"


@pytest.mark.django_db(transaction=True)
def test_a_failing_server_is_asked_again_by_a_real_worker_until_it_answers(django_db_setup):
    """Through a real Celery worker: the paper answers 500 twice, the task waits and tries
    again, the third answer is stored; meanwhile the problem is recorded."""
    from django.db import transaction

    from start import demo as demo_daten
    from tests.worker import Worker, warteschlange_leeren

    demo_daten.laden()
    with OParlServer() as server:
        server.fehler_vor_erfolg = 2
        warteschlange_leeren()
        worker = Worker(
            "--pool=solo",
            env={
                "OPARL_URL": server.url("system"),
                "OPARL_WIEDERHOLUNG_SEKUNDEN": "1",
                "OPARL_ZEITLIMIT": "2",
            },
        )
        try:
            worker.warten_bis_bereit()
            e = in_freigabe_zustand(
                factories.empfehlung(titel="Mit wackeligem Rat"), F.VEROEFFENTLICHT
            )
            from django.test import override_settings

            with override_settings(OPARL_URL=server.url("system")), transaction.atomic():
                v = services.ratsvorlage_verknuepfen(
                    user=factories.sozialplanung(), objekt=e, oparl_url=server.url("paper/wackelig")
                )
            ende = time.monotonic() + 60
            while time.monotonic() < ende:
                v.refresh_from_db()
                if v.nummer:
                    break
                time.sleep(0.2)
            assert v.nummer == "1300/2026" and v.abruf_fehler == "", (
                v.abruf_fehler,
                worker.log.read_text()[-2000:],
            )
            assert server.anfragen.count("/oparl/v1/paper/wackelig") == 3
        finally:
            worker.stoppen()
