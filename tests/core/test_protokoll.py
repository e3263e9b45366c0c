"""The audit log: sign-ins (also failed, with the client's address behind the proxy), rights,
memberships and deputies changed in the admin or by a service, API tokens, export downloads;
read-only in the admin for the administration, removed after the retention period."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import protokoll
from core.models import Protokolleintrag as P
from stammdaten import services as stammdaten
from stammdaten.models import Bereich, Mitgliedschaft, Vertretung
from tests.factories import demo

pytestmark = pytest.mark.django_db
A = P.Art


def letzte(art: str) -> P:
    return P.objects.filter(art=art).order_by("-pk").first()


def test_sign_ins_and_failures_are_logged_with_the_client_address(settings):
    settings.BEHIND_TLS_PROXY, settings.VERTRAUTE_PROXYS = True, 1
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    client.post(reverse("anmelden"), {"username": "fb-jugend", "password": "falsch"})
    e = letzte(A.ANMELDUNG_FEHLGESCHLAGEN)
    assert (e.betroffen, e.adresse, e.handelnde) == ("fb-jugend", "203.0.113.9", None)
    client.post(reverse("anmelden"), {"username": "fb-jugend", "password": "demo"})
    e = letzte(A.ANMELDUNG)
    assert (e.betroffen, e.adresse, e.handelnde_name) == ("fb-jugend", "203.0.113.9", "fb-jugend")
    client.post(reverse("abmelden"))
    assert letzte(A.ABMELDUNG).betroffen == "fb-jugend"


def test_rights_changed_in_the_admin_name_who_changed_them(client_als):
    lesend = demo("lesend")
    admin = client_als("admin")
    url = reverse("admin:stammdaten_user_change", args=[lesend.pk])
    formular = admin.get(url).context["adminform"].form
    daten = {
        k: v
        for k, v in formular.initial.items()
        if v is not None and not isinstance(v, list | tuple)
    }
    daten.update(
        {
            "username": lesend.username,
            "ist_sozialplanung": "on",
            "ist_lesend": "on",
            "is_active": "on",
            "date_joined_0": lesend.date_joined.strftime("%d.%m.%Y"),
            "date_joined_1": lesend.date_joined.strftime("%H:%M:%S"),
            "mitgliedschaften-TOTAL_FORMS": "0",
            "mitgliedschaften-INITIAL_FORMS": "0",
        }
    )
    antwort = admin.post(url, daten)
    assert antwort.status_code == 302, (
        antwort.context["adminform"].form.errors if antwort.context else antwort
    )
    lesend.refresh_from_db()
    assert lesend.ist_sozialplanung
    e = letzte(A.RECHTE)
    assert e.betroffen == "lesend" and "Sozialplanung: ja" in e.text
    assert e.handelnde == demo("admin")


def test_memberships_are_logged_when_added_changed_and_removed():
    person = demo("lesend")
    m = Mitgliedschaft.objects.create(user=person, bereich=Bereich.objects.get(code="3-1"))
    assert letzte(A.MITGLIEDSCHAFT).text == "Mitarbeit in 3-1"
    m.rolle = Mitgliedschaft.Rolle.LEITUNG
    m.save()
    assert letzte(A.MITGLIEDSCHAFT).text == "in 3-1: Mitarbeit → Leitung"
    m.delete()
    assert letzte(A.MITGLIEDSCHAFT).text == "nicht mehr Leitung in 3-1"


def test_a_deputy_ended_early_stays_on_record_and_in_the_log():
    heute = timezone.localdate()
    leitung = demo("bl-jugend")
    v = stammdaten.vertretung_benennen(
        bereich=Bereich.objects.get(code="3-1"),
        leitung=leitung,
        vertretung=demo("fb-jugend"),
        von=heute,
        bis=heute + timedelta(days=7),
    )
    assert "vertritt bl-jugend in 3-1" in letzte(A.VERTRETUNG).text
    stammdaten.vertretung_beenden(vertretung=v, user=leitung)
    v.refresh_from_db()
    assert v.beendet_am and v.beendet_von == leitung
    assert not Vertretung.objects.gueltig().filter(pk=v.pk).exists()
    assert "vorzeitig beendet" in letzte(A.VERTRETUNG).text


def test_export_downloads_and_tokens_are_logged(client_als):
    client = client_als("sozialplanung")
    client.get(reverse("anregung_export"), {"format": "csv", "status": "eingegangen"})
    e = letzte(A.EXPORT)
    assert e.betroffen == "Anregungen (CSV)" and "status=eingegangen" in e.text
    assert e.handelnde == demo("sozialplanung")
    client.post(reverse("api_zugang"), {"bezeichnung": "Fachverfahren"})
    assert "„Fachverfahren“" in letzte(A.TOKEN).text and "erstellt" in letzte(A.TOKEN).text


def test_old_entries_are_removed_after_the_retention(settings):
    settings.PROTOKOLL_AUFBEWAHRUNG_TAGE = 30
    # Written with an old time (an entry cannot be changed afterwards, on PostgreSQL not at all).
    alt = P.objects.create(
        art=A.EXPORT, betroffen="alt", zeitpunkt=timezone.now() - timedelta(days=31)
    )
    neu = protokoll.protokollieren(A.EXPORT, betroffen="neu")
    assert protokoll.aufraeumen() >= 1
    assert not P.objects.filter(pk=alt.pk).exists() and P.objects.filter(pk=neu.pk).exists()


def test_the_log_is_read_only_and_for_the_administration_only(client_als):
    url = reverse("admin:core_protokolleintrag_changelist")
    assert client_als("admin").get(url).status_code == 200
    assert client_als("sozialplanung").get(url).status_code == 403
    e = protokoll.protokollieren(A.EXPORT, betroffen="x")
    aendern = client_als("admin").post(
        reverse("admin:core_protokolleintrag_change", args=[e.pk]), {"betroffen": "y"}
    )
    assert aendern.status_code == 403
    e.refresh_from_db()
    assert e.betroffen == "x"
