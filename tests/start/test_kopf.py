"""The header (menu and bell) is worked out once per request, although a page with parts of
other rooms renders those parts on their own and runs the context processors for each."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from empfehlungen.models import Handlungsempfehlung
from notifications.models import Benachrichtigung
from wirkung.models import Wirkungsziel


def test_glocke_einmal_je_anfrage(client_als, benutzer):
    empfehlung = Handlungsempfehlung.objects.get(
        pk=Wirkungsziel.objects.filter(empfehlung__isnull=False).values("empfehlung")[:1]
    )
    assert empfehlung is not None  # the demo has Empfehlungen with Wirkungsziele
    Benachrichtigung.objects.create(
        empfaenger=benutzer["sozialplanung"],
        art=Benachrichtigung.Art.HINWEIS,
        titel="Neu <für> dich",
    )
    ungelesen = Benachrichtigung.objects.filter(
        empfaenger=benutzer["sozialplanung"], gelesen_am__isnull=True
    ).count()
    client = client_als("sozialplanung")
    with CaptureQueriesContext(connection) as abfragen:
        seite = client.get(empfehlung.get_absolute_url()).content.decode()
    zaehlungen = [
        q["sql"]
        for q in abfragen
        if "COUNT(*)" in q["sql"] and "notifications_benachrichtigung" in q["sql"]
    ]
    assert len(zaehlungen) == 1
    assert f'<span class="zaehler-marke">{ungelesen}<' in seite
    assert seite.count('aria-label="Hauptnavigation"') == 1
    assert '<a href="/empfehlungen/" aria-current="page">Empfehlungen</a>' in seite
