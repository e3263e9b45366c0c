"""Sign-in through the directory against a real OpenLDAP server (slapd on 127.0.0.1, loaded by
the test): roles and Bereich memberships follow the mapped groups at every sign-in, leaving a
group takes its role away, wrong passwords and filter tricks fail, local accounts keep working,
StartTLS checks the server's certificate."""

import os

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Protokolleintrag
from stammdaten.models import Bereich, Mitgliedschaft, User, Verzeichnisgruppe
from tests import slapd

pytestmark = pytest.mark.django_db
R = Verzeichnisgruppe.Rolle


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not slapd.verfuegbar():
        meldung = "slapd fehlt (Debian: apt-get install slapd ldap-utils)."
        if os.environ.get("SLAPD_REQUIRED") == "1":
            pytest.fail(meldung)
        pytest.skip(meldung)
    with slapd.Slapd(tmp_path_factory.mktemp("ldap")) as s:
        yield s


def einstellen(settings, s, **extra):
    settings.LDAP_SERVER_URI = s.uri
    settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORT = slapd.DIENST
    settings.LDAP_BENUTZER_BASIS = f"ou=personen,{slapd.BASIS}"
    settings.LDAP_BENUTZER_FILTER = "(&(objectClass=inetOrgPerson)(uid={username}))"
    settings.LDAP_GRUPPEN_BASIS = f"ou=gruppen,{slapd.BASIS}"
    settings.LDAP_GRUPPEN_FILTER = "(&(objectClass=groupOfNames)(member={dn}))"
    settings.LDAP_ATTR_BENUTZERNAME = "uid"
    settings.LDAP_STARTTLS = False
    settings.LDAP_TLS_CA_DATEI = ""
    for k, v in extra.items():
        setattr(settings, k, v)


@pytest.fixture
def verzeichnis(server, settings):
    einstellen(settings, server)
    jugend = Bereich.objects.get(code="3-1")
    for name, rolle, bereich in (
        ("gg-sozialplanung", R.SOZIALPLANUNG, None),
        ("gg-jugend-leitung", R.LEITUNG, jugend),
        ("gg-jugend-mitarbeit", R.MITARBEIT, jugend),
        ("gg-lesend", R.LESEND, None),
    ):
        # Upper case and blanks as an administrator might paste them: normalised.
        Verzeichnisgruppe.objects.create(
            dn=slapd.gruppe_dn(name).upper().replace(",", ", "), rolle=rolle, bereich=bereich
        )
    yield server
    for name, mitglieder in slapd.GRUPPEN.items():
        server.gruppe_setzen(name, mitglieder)


def anmelden(username, passwort):
    client = Client()
    antwort = client.post(reverse("anmelden"), {"username": username, "password": passwort})
    return client, antwort


def test_a_directory_person_signs_in_with_the_roles_of_her_groups(verzeichnis):
    client, antwort = anmelden("a.krause", "Sommer-2026")
    assert antwort.status_code == 302, antwort.content.decode()[:500]
    user = User.objects.get(username="a.krause")
    assert (user.first_name, user.last_name, user.email) == (
        "Anna",
        "Krause",
        "a.krause@stadt.example",
    )
    assert user.aus_verzeichnis and user.ist_sozialplanung and not user.has_usable_password()
    assert not user.mitgliedschaften.exists()  # gg-kantine is not mapped
    assert "Sozialplanung" in client.get(reverse("start")).content.decode()
    eintrag = Protokolleintrag.objects.filter(art="anmeldung", betroffen="a.krause").latest("pk")
    assert eintrag.text == "über das Verzeichnis"


def test_leitung_wins_over_mitarbeit_in_the_same_bereich(verzeichnis):
    anmelden("b.oezdemir", "Winter-2026")
    (m,) = User.objects.get(username="b.oezdemir").mitgliedschaften.all()
    assert (m.bereich.code, m.rolle) == ("3-1", Mitgliedschaft.Rolle.LEITUNG)


def test_leaving_a_group_takes_the_role_away_at_the_next_sign_in(verzeichnis):
    anmelden("b.oezdemir", "Winter-2026")
    verzeichnis.gruppe_setzen("gg-jugend-leitung", ["a.krause"])
    _, antwort = anmelden("b.oezdemir", "Winter-2026")
    assert antwort.status_code == 302
    (m,) = User.objects.get(username="b.oezdemir").mitgliedschaften.all()
    assert m.rolle == Mitgliedschaft.Rolle.MITARBEIT
    assert Protokolleintrag.objects.filter(
        art="mitgliedschaft", betroffen="b.oezdemir", text__contains="Leitung → Mitarbeit"
    ).exists()
    # Out of every mapped group: no sign-in, nothing left.
    verzeichnis.gruppe_setzen("gg-jugend-mitarbeit", ["c.nowak"])
    _, antwort = anmelden("b.oezdemir", "Winter-2026")
    assert antwort.status_code == 200 and "Anmeldung fehlgeschlagen" in antwort.content.decode()
    user = User.objects.get(username="b.oezdemir")
    assert not user.is_active and not user.mitgliedschaften.exists()
    assert Protokolleintrag.objects.filter(art="verzeichnis", betroffen="b.oezdemir").exists()


@pytest.mark.parametrize(
    ("username", "passwort"),
    [
        ("a.krause", "falsch"),
        ("a.krause", ""),
        ("*", "Sommer-2026"),
        ("a*)(uid=*", "Sommer-2026"),
        ("niemand", "Sommer-2026"),
    ],
)
def test_wrong_passwords_and_filter_tricks_fail(verzeichnis, username, passwort):
    client, antwort = anmelden(username, passwort)
    assert antwort.status_code == 200 and "_auth_user_id" not in client.session
    assert not User.objects.filter(aus_verzeichnis=True, username=username).exists()


def test_local_accounts_keep_working_and_are_not_taken_over(verzeichnis):
    _, antwort = anmelden("admin", "demo")
    assert antwort.status_code == 302
    lokal = User.objects.create_user("c.nowak", password="lokal-Passwort-1")
    _, antwort = anmelden("c.nowak", "Herbst-2026")  # the directory's password
    assert antwort.status_code == 200
    lokal.refresh_from_db()
    assert not lokal.aus_verzeichnis and lokal.check_password("lokal-Passwort-1")


def test_with_the_directory_down_local_sign_in_still_works(settings, db):
    settings.LDAP_SERVER_URI = "ldap://127.0.0.1:9"  # nothing listens
    settings.LDAP_ZEITLIMIT = 1
    _, antwort = anmelden("a.krause", "Sommer-2026")
    assert antwort.status_code == 200 and "Anmeldung fehlgeschlagen" in antwort.content.decode()
    _, antwort = anmelden("sozialplanung", "demo")
    assert antwort.status_code == 302


def test_starttls_checks_the_certificate(tmp_path, settings, db):
    if not slapd.verfuegbar():
        pytest.skip("slapd fehlt")
    with slapd.Slapd(tmp_path, tls=True) as s:
        einstellen(settings, s, LDAP_STARTTLS=True, LDAP_TLS_CA_DATEI=str(s.ca_datei))
        Verzeichnisgruppe.objects.create(dn=slapd.gruppe_dn("gg-lesend"), rolle=R.LESEND)
        _, antwort = anmelden("c.nowak", "Herbst-2026")
        assert antwort.status_code == 302
        # Without the city's CA the server is not trusted: no sign-in (and no password sent).
        settings.LDAP_TLS_CA_DATEI = ""
        Client().post(reverse("abmelden"))
        _, antwort = anmelden("c.nowak", "Herbst-2026")
        assert antwort.status_code == 200
