import pytest
from django.conf import settings
from django.urls import reverse

ANMELDEFEHLER = (
    "Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch. Beide Felder "
    "unterscheiden Groß- und Kleinschreibung."
)


def anmelden(client, username, password):
    return client.post(reverse("anmelden"), {"username": username, "password": password})


def test_every_page_but_login_and_healthz_needs_login(client, db):
    antwort = client.get(reverse("sozialindex"))
    assert antwort.status_code == 302
    assert antwort["Location"] == f"{reverse('anmelden')}?next={reverse('sozialindex')}"


def test_login_page_is_german_and_accessible_markup(client, db):
    antwort = client.get(reverse("anmelden"))
    html = antwort.content.decode()
    assert '<html lang="de">' in html
    assert html.count("<h1") == 1
    assert 'href="#inhalt"' in html and 'id="inhalt"' in html
    assert '<label for="id_username">Benutzername' in html


def test_demo_user_signs_in_and_lands_on_start(client, db):
    antwort = anmelden(client, "bl-jugend", "demo")
    assert antwort.status_code == 302 and antwort["Location"] == reverse("start")
    start = client.get(reverse("start")).content.decode()
    assert "Leitung in 3-1 Kinder, Jugend und Familie" in start


@pytest.mark.parametrize(("username", "password"), [("bl-jugend", "falsch"), ("niemand", "demo")])
def test_wrong_credentials_get_one_german_message_without_hint(client, db, username, password):
    antwort = anmelden(client, username, password)
    assert antwort.status_code == 200
    assert ANMELDEFEHLER in antwort.content.decode()


def test_repeated_failures_are_throttled(client, db):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert anmelden(client, "fb-jugend", "falsch").status_code == 200
    gesperrt = anmelden(client, "fb-jugend", "falsch")
    assert gesperrt.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in gesperrt.content.decode()
    # Even the right password is refused while the pause lasts.
    assert anmelden(client, "fb-jugend", "demo").status_code == 429
    # Another user from the same address is not affected.
    assert anmelden(client, "fb-gesundheit", "demo").status_code == 302


def test_a_nonexistent_user_is_throttled_the_same_way(client, db):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        antwort = anmelden(client, "gibt-es-nicht", "falsch")
    assert antwort.status_code == 429


def test_logout_is_post_only(client, benutzer):
    client.force_login(benutzer["lesend"])
    assert client.get(reverse("abmelden")).status_code == 405
    assert client.post(reverse("abmelden")).status_code == 302
    assert client.get(reverse("start")).status_code == 302


def test_session_expires_after_thirty_idle_minutes(client, benutzer):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client.force_login(benutzer["lesend"])
    client.get(reverse("start"))
    assert client.session.get_expiry_age() == 30 * 60
    # An expired session is a logged-out one.
    client.session.set_expiry(-1)
    sitzung = client.session
    sitzung.set_expiry(-1)
    sitzung.save()
    assert client.get(reverse("start")).status_code == 302


def _sitzung_geschrieben(ctx) -> int:
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


def test_the_idle_timeout_is_renewed_at_most_once_a_minute(client, benutzer):
    """A page view renews the 30 minutes without writing the session every time."""
    import time_machine
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def ablauf():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    with time_machine.travel("2026-03-02 09:00", tick=False) as reise:
        client.force_login(benutzer["lesend"])
        client.get(reverse("start"))
        erster = ablauf()
        reise.shift(30)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("start"))
        assert _sitzung_geschrieben(ctx) == 0
        assert ablauf() == erster
        reise.shift(settings.SESSION_ERNEUERN_SEKUNDEN)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("start"))
        assert _sitzung_geschrieben(ctx) == 1
        assert ablauf() > erster
        # 29 idle minutes later the renewed session still holds; 31 minutes later it ended.
        reise.shift(29 * 60)
        assert client.get(reverse("start")).status_code == 200
        reise.shift(31 * 60)
        assert client.get(reverse("start")).status_code == 302


def test_an_anonymous_visit_creates_no_session(client, db):
    from django.contrib.sessions.models import Session

    client.get(reverse("anmelden"))
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_password_change_in_german(client, benutzer):
    client.force_login(benutzer["fb-jugend"])
    antwort = client.post(
        reverse("passwort_aendern"),
        {"old_password": "demo", "new_password1": "kurz", "new_password2": "kurz"},
    )
    html = antwort.content.decode()
    assert "Dieses Passwort ist zu kurz. Es muss mindestens 10 Zeichen enthalten." in html
    antwort = client.post(
        reverse("passwort_aendern"),
        {
            "old_password": "demo",
            "new_password1": "Sozial-Raum-2026",
            "new_password2": "Sozial-Raum-2026",
        },
    )
    assert antwort["Location"] == reverse("passwort_geaendert")
    benutzer["fb-jugend"].refresh_from_db()
    assert benutzer["fb-jugend"].check_password("Sozial-Raum-2026")


def test_admin_login_uses_the_app_login(client, db):
    antwort = client.get("/admin/login/?next=/admin/")
    assert antwort.status_code == 302
    assert antwort["Location"].startswith(reverse("anmelden"))


def test_unknown_url_gets_a_german_404_in_the_layout(client, benutzer, settings):
    client.force_login(benutzer["lesend"])
    antwort = client.get("/gibt-es-nicht/")
    assert antwort.status_code == 404
    html = antwort.content.decode()
    assert "Seite nicht gefunden" in html and 'aria-label="Hauptnavigation"' in html


def _von(adresse_kette: str, proxy: str = "10.0.0.2"):
    """A test client whose requests come through the TLS proxy for this client chain."""
    from django.test import Client

    return Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=adresse_kette)


def test_behind_the_proxy_the_lockout_counts_the_client_not_the_proxy(db, settings):
    settings.BEHIND_TLS_PROXY, settings.VERTRAUTE_PROXYS = True, 1
    angreifer = _von("203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anmelden(angreifer, "fb-jugend", "falsch")
    assert anmelden(angreifer, "fb-jugend", "demo").status_code == 429
    # The same person from her own office, through the same proxy: not locked out.
    assert anmelden(_von("198.51.100.20"), "fb-jugend", "demo").status_code == 302
    # A forged entry in front of the chain does not help the attacker.
    assert anmelden(_von("198.51.100.20, 203.0.113.7"), "fb-jugend", "demo").status_code == 429


def test_two_trusted_proxies_take_the_second_entry_from_the_right(db, settings):
    from django.test import RequestFactory

    from core.netz import client_adresse

    settings.BEHIND_TLS_PROXY, settings.VERTRAUTE_PROXYS = True, 2
    anfrage = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7, 10.0.0.1"
    )
    assert client_adresse(anfrage) == "203.0.113.7"
    kurz = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_adresse(kurz) == "10.0.0.2"  # fewer entries than proxies: nothing to believe
    kaputt = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="x, y")
    assert client_adresse(kaputt) == "10.0.0.2"


def test_without_a_proxy_the_header_is_ignored(db, settings):
    settings.BEHIND_TLS_PROXY = False
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anmelden(_von("203.0.113.7", proxy="192.0.2.1"), "fb-jugend", "falsch")
    # A forged X-Forwarded-For does not dodge the lockout of the real address.
    assert (
        anmelden(_von("198.51.100.99", proxy="192.0.2.1"), "fb-jugend", "demo").status_code == 429
    )
