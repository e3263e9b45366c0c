"""The REST API with real tokens: the token lifecycle (shown once, stored hashed, expiring,
revocable), who sees and writes what (own and other Bereich), a Sachstand submitted by API
exactly as if typed, German JSON errors, the public data equal to the open-data download,
throttling, and a schema that validates."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle

from api.models import ApiToken
from controlling.models import Sachstandsmeldung
from core.models import Statuswechsel
from empfehlungen.models import Handlungsempfehlung
from stammdaten.models import Bereich
from tests.controlling.hilfen import eroeffnet, nur_diese, veroeffentlicht
from tests.factories import demo
from transparenz import services as transparenz

pytestmark = pytest.mark.django_db
M = Sachstandsmeldung.Status


def token_fuer(username: str) -> str:
    return ApiToken.objects.create(user=demo(username), bezeichnung="Test")[1]


def api(token: str | None = None) -> Client:
    kopf = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    return Client(**kopf)


def senden(client, url, daten):
    return client.post(url, json.dumps(daten), content_type="application/json")


@pytest.fixture
def meldungen(db):
    jugend = veroeffentlicht(Handlungsempfehlung, titel="API Jugendtreff")
    gesundheit = veroeffentlicht(
        Handlungsempfehlung,
        titel="API Gesundheitslotsen",
        federfuehrung=Bereich.objects.get(code="3-4"),
    )
    periode = eroeffnet(quartal=3, jahr=2036)
    return nur_diese(periode, jugend).get(), nur_diese(periode, gesundheit).get()


EINGABE = {
    "umsetzungsstatus": "in_umsetzung",
    "fortschritt": 50,
    "sachstand": "Räume angemietet",
    "naechste_schritte": "Eröffnung im Mai",
    "hindernisse": "",
}


# --- Tokens -----------------------------------------------------------------------------------
def test_a_token_is_shown_once_stored_hashed_and_revocable(client_als):
    client = client_als("fb-jugend")
    seite = client.post(reverse("api_zugang"), {"bezeichnung": "Fachverfahren Jugendhilfe"})
    token = seite.context["neues_token"]
    assert token.startswith("sozp_") and token in seite.content.decode()
    gespeichert = ApiToken.objects.get(bezeichnung="Fachverfahren Jugendhilfe")
    assert token not in (gespeichert.digest, gespeichert.token_key) and gespeichert.digest != token
    assert gespeichert.expiry > timezone.now() + timedelta(days=179)
    # Shown once: the list names it by its first characters only.
    assert token not in client.get(reverse("api_zugang")).content.decode()
    antwort = api(token).get(reverse("api_meldungen"))
    assert antwort.status_code == 200
    gespeichert.refresh_from_db()
    assert gespeichert.zuletzt_benutzt is not None
    api(token).get(reverse("api_meldungen"))  # the same day: logged once
    from core.models import Protokolleintrag

    benutzt = Protokolleintrag.objects.filter(art="token", text__endswith="benutzt")
    assert benutzt.count() == 1 and benutzt.get().betroffen == "fb-jugend"
    client.post(reverse("api_token_widerrufen", args=[gespeichert.token_key]))
    antwort = api(token).get(reverse("api_meldungen"))
    assert antwort.status_code == 401
    assert antwort.json() == {"fehler": "Das Token ist ungültig, abgelaufen oder widerrufen."}


def test_an_expired_token_is_refused():
    token = token_fuer("fb-jugend")
    ApiToken.objects.filter(user=demo("fb-jugend")).update(
        expiry=timezone.now() - timedelta(seconds=1)
    )
    assert api(token).get(reverse("api_meldungen")).status_code == 401


def test_nobody_revokes_someone_elses_token(client_als):
    token_fuer("fb-gesundheit")
    fremd = ApiToken.objects.get(user=demo("fb-gesundheit"))
    antwort = client_als("fb-jugend").post(reverse("api_token_widerrufen", args=[fremd.token_key]))
    assert antwort.status_code == 404 and ApiToken.objects.filter(pk=fremd.pk).exists()


def test_a_token_name_with_a_line_break_is_refused(client_als):
    antwort = client_als("fb-jugend").post(reverse("api_zugang"), {"bezeichnung": "a\nb"})
    assert (
        antwort.status_code == 400 and not ApiToken.objects.filter(user=demo("fb-jugend")).exists()
    )


# --- Who sees and writes what ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rolle", "eigene", "fremde", "schreiben"),
    [
        ("fb-jugend", 200, 404, 200),
        ("bl-jugend", 200, 404, 200),
        ("fb-gesundheit", 404, 200, 404),
        ("sozialplanung", 200, 200, 403),
        ("lesend", 404, 404, 404),
    ],
)
def test_meldungen_by_token_follow_the_rules(meldungen, rolle, eigene, fremde, schreiben):
    jugend, gesundheit = meldungen
    client = api(token_fuer(rolle))
    assert client.get(reverse("api_meldung", args=[jugend.pk])).status_code == eigene
    assert client.get(reverse("api_meldung", args=[gesundheit.pk])).status_code == fremde
    antwort = senden(
        client, reverse("api_meldung_speichern", args=[jugend.pk]), {**EINGABE, "version": 0}
    )
    assert antwort.status_code == schreiben, antwort.content
    if schreiben == 200:
        assert antwort.json()["status"] == M.IN_BEARBEITUNG
    else:
        assert "fehler" in antwort.json()
    if schreiben == 403:
        assert antwort.json() == {"fehler": "Dafür fehlt die Berechtigung."}


def test_lists_show_only_what_the_person_may_see(meldungen):
    jugend, gesundheit = meldungen
    ids = {
        m["id"]
        for m in api(token_fuer("fb-jugend"))
        .get(reverse("api_meldungen"), {"pro_seite": 200})
        .json()["results"]
    }
    assert jugend.pk in ids and gesundheit.pk not in ids
    assert api().get(reverse("api_empfehlungen")).status_code == 401


def test_a_sachstand_by_api_is_exactly_as_if_typed(meldungen, client_als):
    zwilling_e = veroeffentlicht(Handlungsempfehlung, titel="API Zwilling")
    periode = eroeffnet(quartal=4, jahr=2036)  # asks both Empfehlungen of 3-1
    jugend = nur_diese(periode, Handlungsempfehlung.objects.get(titel="API Jugendtreff")).get()
    zwilling = nur_diese(periode, zwilling_e).get()
    # The same content: through the form for one Meldung, through the API for its twin.
    client_als("fb-jugend").post(
        reverse("meldung_detail", args=[jugend.pk]),
        {**{k: str(v) for k, v in EINGABE.items()}, "version": "0", "aktion": "einreichen"},
    )
    antwort = senden(
        api(token_fuer("fb-jugend")),
        reverse("api_meldung_speichern", args=[zwilling.pk]),
        {**EINGABE, "version": 0, "einreichen": True},
    )
    assert antwort.status_code == 200, antwort.content
    per_formular = Sachstandsmeldung.objects.get(pk=jugend.pk)
    per_api = Sachstandsmeldung.objects.get(pk=zwilling.pk)
    felder = (
        "status",
        "version",
        "umsetzungsstatus",
        "fortschritt",
        "sachstand",
        "naechste_schritte",
        "hindernisse",
        "ampel",
        "eingereicht_von_id",
        "geaendert_von_id",
    )
    assert [getattr(per_api, f) for f in felder] == [getattr(per_formular, f) for f in felder]

    def schritte(m):
        return list(
            Statuswechsel.objects.filter(object_id=m.pk, content_type__model="sachstandsmeldung")
            .order_by("pk")
            .values_list("von", "nach", "user__username", "kommentar")
        )

    assert schritte(per_api) == schritte(per_formular) != []
    zwilling_e.refresh_from_db()
    assert zwilling_e.status == Handlungsempfehlung.objects.get(pk=jugend.empfehlung_id).status
    assert antwort.json()["status"] == M.EINGEREICHT and antwort.json()["ampel"] == "gruen"


@pytest.mark.parametrize(
    ("daten", "feld", "meldung"),
    [
        ({"fortschritt": 150}, "fortschritt", "kleiner oder gleich 100"),
        ({"sachstand": ""}, "sachstand", "darf nicht leer sein"),
        ({"umsetzungsstatus": "fertig"}, "umsetzungsstatus", "ist keine gültige Option"),
        (
            {"umsetzungsstatus": "umgesetzt", "fortschritt": 80},
            "fortschritt",
            "Umgesetzt heißt 100 %",
        ),
        ({"sachstand": "x" * 5_001}, "sachstand", "Höchstens 5.000 Zeichen (jetzt 5.001)."),
        ({"version": 7}, None, "inzwischen von jemand anderem gespeichert"),
    ],
)
def test_bad_input_gets_a_german_json_message_and_saves_nothing(meldungen, daten, feld, meldung):
    jugend, _ = meldungen
    antwort = senden(
        api(token_fuer("fb-jugend")),
        reverse("api_meldung_speichern", args=[jugend.pk]),
        {**EINGABE, "version": 0, **daten},
    )
    assert antwort.status_code == 400
    inhalt = antwort.json()
    text = json.dumps(inhalt, ensure_ascii=False)
    assert meldung in text, text
    if feld:
        assert feld in inhalt["felder"]
    jugend.refresh_from_db()
    assert (jugend.status, jugend.version) == (M.ANGEFORDERT, 0)


def test_errors_are_json_in_german():
    client = api(token_fuer("fb-jugend"))
    assert api().get("/api/v1/gibt-es-nicht/").json() == {
        "fehler": "Diese Adresse gibt es in der API nicht."
    }
    antwort = client.delete(reverse("api_meldungen"))
    assert antwort.status_code == 405 and antwort.json() == {
        "fehler": "Die Methode DELETE ist hier nicht erlaubt."
    }
    assert api().get(reverse("api_meldungen")).json()["fehler"].startswith("Nicht angemeldet")


def test_invalid_json_is_named(meldungen):
    jugend, _ = meldungen
    antwort = api(token_fuer("fb-jugend")).post(
        reverse("api_meldung_speichern", args=[jugend.pk]),
        "{kein json",
        content_type="application/json",
    )
    assert antwort.status_code == 400 and antwort.json() == {
        "fehler": "Der Inhalt ist kein gültiges JSON."
    }


# --- Public ------------------------------------------------------------------------------------------
def test_the_public_api_serves_the_open_data_fields(settings):
    settings.TRANSPARENZ_AKTIV = True
    transparenz.alles_abgleichen()
    client = Client()
    api_daten = client.get(reverse("api_oeffentlich_empfehlungen"), {"pro_seite": 200}).json()[
        "results"
    ]
    download = json.loads(
        client.get(reverse("transparenz_datei", args=["empfehlungen", "json"])).content
    )["daten"]
    assert api_daten and [e["id"] for e in api_daten] == [e["id"] for e in download]
    for aus_api, aus_datei in zip(api_daten, download, strict=True):
        assert set(aus_api) == set(aus_datei)
        assert aus_api == aus_datei
    settings.TRANSPARENZ_AKTIV = False
    assert client.get(reverse("api_oeffentlich_empfehlungen")).status_code == 404


def test_anonymous_requests_are_throttled_in_german(settings, monkeypatch):
    from django.core.cache import cache

    settings.TRANSPARENZ_AKTIV = True
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    cache.clear()
    client = Client()
    codes = [client.get(reverse("api_oeffentlich_papiere")).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    antwort = client.get(reverse("api_oeffentlich_papiere"))
    assert antwort.json()["fehler"].startswith("Zu viele Anfragen; bitte in ")
    assert int(antwort["Retry-After"]) > 0
    cache.clear()


def test_the_openapi_schema_validates(tmp_path):
    datei = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(datei))
    text = datei.read_text()
    for pfad in (
        "/api/v1/oeffentlich/empfehlungen/",
        "/api/v1/sachstandsmeldungen/{id}/speichern/",
    ):
        assert pfad in text
    assert "Token" in text and "fonts.googleapis" not in text
