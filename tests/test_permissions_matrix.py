"""Every URL of the project against every demo role.

A URL pattern without a row here fails `test_every_url_has_a_row`, so no later view can slip
past the permission rules. Expected answers: 200 (allowed), 302 to the login (anonymous),
403 (the role may not), 404 (the object belongs to another Bereich), 405 (wrong method).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ANONYM, OHNE_ROLLE = "anonym", "ohne-rolle"
ANGEMELDET = [
    "sozialplanung",
    "fb-jugend",
    "bl-jugend",
    "fb-gesundheit",
    "bl-gesundheit",
    "lesend",
    "admin",
]
ALLE_ROLLEN = [ANONYM, OHNE_ROLLE, *ANGEMELDET]
LOGIN = "login"  # expectation: redirect to the sign-in page


@dataclass
class Zeile:
    erwartet: dict[str, int | str]
    kwargs: dict | Callable[[dict], dict] = field(default_factory=dict)
    query: str = ""
    methode: str = "get"


def fuer_rollen(standard, **abweichend) -> dict[str, int | str]:
    """Expectation per role: `standard` for every signed-in role, login for anonymous."""
    werte = {ANONYM: LOGIN, OHNE_ROLLE: standard, **dict.fromkeys(ANGEMELDET, standard)}
    werte.update({k.replace("_", "-"): v for k, v in abweichend.items()})
    return werte


STAMMDATEN_LESEN = fuer_rollen(200, ohne_rolle=403)
NUR_JUGEND = fuer_rollen(
    404, ohne_rolle=403, lesend=403, sozialplanung=200, admin=200, fb_jugend=200, bl_jugend=200
)
NUR_SOZIALPLANUNG = fuer_rollen(403, sozialplanung=200, admin=200)
NUR_SOZIALPLANUNG_POST = fuer_rollen(403, sozialplanung=302, admin=302)
BEREICHE_UND_SOZIALPLANUNG = fuer_rollen(200, ohne_rolle=403, lesend=403)
# Published items and papers are read by every role; drafts only by those involved.
ALLE_ROLLEN_LESEN = fuer_rollen(200, ohne_rolle=403)
OEFFENTLICH = fuer_rollen(200, anonym=200)
ENTWURF_DER_JUGEND = fuer_rollen(
    404, ohne_rolle=403, sozialplanung=200, admin=200, fb_jugend=200, bl_jugend=200
)
WIRKUNG_SOZIALPLANUNG = fuer_rollen(
    404, ohne_rolle=403, sozialplanung=200, admin=200, fb_jugend=403, bl_jugend=403
)


def pk(name):
    return lambda objekte: {"pk": objekte[name].pk}


MATRIX: dict[str, Zeile] = {
    "start": Zeile(fuer_rollen(200)),
    "anmelden": Zeile(fuer_rollen(302, anonym=200)),
    "abmelden": Zeile(fuer_rollen(302), methode="post"),
    "passwort_aendern": Zeile(fuer_rollen(200)),
    "passwort_geaendert": Zeile(fuer_rollen(200)),
    "healthz": Zeile(fuer_rollen(503, anonym=503)),  # public; 503 as no worker runs here
    # The API (JSON; anonymous 401 instead of the login page). The token matrix with own and
    # other Bereich is tests/api/test_matrix.py.
    "api_oeffentlich_empfehlungen": Zeile(OEFFENTLICH),
    "api_oeffentlich_empfehlung": Zeile(
        OEFFENTLICH, kwargs=lambda o: {"kennung": o["oeffentlich"].kennung}
    ),
    "api_oeffentlich_massnahmen": Zeile(OEFFENTLICH),
    "api_oeffentlich_massnahme": Zeile(fuer_rollen(404, anonym=404), kwargs={"kennung": "M-0"}),
    "api_oeffentlich_papiere": Zeile(OEFFENTLICH),
    "api_schema": Zeile(OEFFENTLICH),
    "api_docs": Zeile(OEFFENTLICH),
    "api_redoc": Zeile(OEFFENTLICH),
    "api_empfehlungen": Zeile(fuer_rollen(200, anonym=401, ohne_rolle=403)),
    "api_empfehlung": Zeile(ENTWURF_DER_JUGEND | {ANONYM: 401}, kwargs=pk("empfehlung")),
    "api_steckbriefe": Zeile(fuer_rollen(200, anonym=401, ohne_rolle=403)),
    "api_steckbrief": Zeile(ENTWURF_DER_JUGEND | {ANONYM: 401}, kwargs=pk("steckbrief")),
    "api_meldungen": Zeile(fuer_rollen(200, anonym=401)),
    "api_meldung": Zeile(
        NUR_JUGEND | {ANONYM: 401, "lesend": 404, OHNE_ROLLE: 404}, kwargs=pk("meldung")
    ),
    # Visible: the form-encoded body of the test client is refused (415, JSON only); the
    # token matrix tests writing itself.
    "api_meldung_speichern": Zeile(
        fuer_rollen(404, anonym=401, sozialplanung=415, admin=415, fb_jugend=415, bl_jugend=415),
        methode="post",
        kwargs=pk("meldung"),
    ),
    "api_zugang": Zeile(fuer_rollen(200)),
    # Council papers: Sozialplanung links them and looks after fetch problems.
    "ratsvorlage_liste": Zeile(NUR_SOZIALPLANUNG),
    "ratsvorlage_abrufen": Zeile(
        NUR_SOZIALPLANUNG_POST, methode="post", kwargs=lambda o: {"vorlage": o["ratsvorlage"].pk}
    ),
    "ratsvorlage_verknuepfen": Zeile(
        NUR_SOZIALPLANUNG_POST,
        methode="post",
        kwargs=lambda o: {"art": "empfehlung", "pk": o["empfehlung"].pk},
    ),
    "ratsvorlage_loesen": Zeile(
        NUR_SOZIALPLANUNG_POST,
        methode="post",
        kwargs=lambda o: {
            "art": "empfehlung",
            "pk": o["empfehlung"].pk,
            "vorlage": o["ratsvorlage"].pk,
        },
    ),
    "api_token_widerrufen": Zeile(
        fuer_rollen(404), methode="post", kwargs={"token_key": "unbekannt"}
    ),
    # The public pages: everyone, signed in or not (the settings switch them on in tests).
    "transparenz_start": Zeile(OEFFENTLICH),
    "transparenz_ueberblick": Zeile(OEFFENTLICH),
    "transparenz_papiere": Zeile(OEFFENTLICH),
    "transparenz_papier": Zeile(OEFFENTLICH, kwargs=pk("papier_veroeffentlicht")),
    "transparenz_papier_pdf": Zeile(OEFFENTLICH, kwargs=pk("papier_veroeffentlicht")),
    "transparenz_daten": Zeile(OEFFENTLICH),
    "transparenz_katalog": Zeile(OEFFENTLICH, kwargs={"format": "ttl"}),
    "transparenz_datei": Zeile(OEFFENTLICH, kwargs={"name": "empfehlungen", "format": "csv"}),
    "transparenz_liste": Zeile(OEFFENTLICH, kwargs={"art": "empfehlungen"}),
    "transparenz_eintrag": Zeile(
        OEFFENTLICH,
        kwargs=lambda o: {"art": "empfehlungen", "kennung": o["oeffentlich"].kennung},
    ),
    "admin/login/": Zeile(fuer_rollen(302, anonym=302)),
    "favicon": Zeile(fuer_rollen(302, anonym=302)),
    "sozialraum_liste": Zeile(STAMMDATEN_LESEN),
    "sozialraum_detail": Zeile(STAMMDATEN_LESEN, kwargs={"kurzname": "OST"}),
    "bereich_liste": Zeile(STAMMDATEN_LESEN),
    "bereich_detail": Zeile(STAMMDATEN_LESEN, kwargs={"code": "3-1"}),
    "bereich_mitglieder": Zeile(NUR_JUGEND, kwargs={"code": "3-1"}),
    "kennzahl_liste": Zeile(STAMMDATEN_LESEN),
    "sozialindex": Zeile(STAMMDATEN_LESEN),
    "sozialindex_diagramm": Zeile(
        STAMMDATEN_LESEN, query="?jahr=2024&basisjahr=2020&ebene=sozialquartier"
    ),
    # Intake: Veranstaltungen are public, Anregungen Sozialplanung's working material.
    "veranstaltung_liste": Zeile(STAMMDATEN_LESEN),
    "veranstaltung_detail": Zeile(STAMMDATEN_LESEN, kwargs=pk("veranstaltung")),
    "veranstaltung_neu": Zeile(NUR_SOZIALPLANUNG),
    "veranstaltung_bearbeiten": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("veranstaltung")),
    "anregung_liste": Zeile(NUR_SOZIALPLANUNG),
    "anregung_sammelaktion": Zeile(NUR_SOZIALPLANUNG_POST, methode="post"),
    "anregung_erfassen": Zeile(NUR_SOZIALPLANUNG),
    "anregung_import": Zeile(NUR_SOZIALPLANUNG),
    "anregung_vorlage": Zeile(NUR_SOZIALPLANUNG, kwargs={"format": "xlsx"}),
    "anregung_export": Zeile(NUR_SOZIALPLANUNG, query="?format=csv"),
    "anregung_detail": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("anregung")),
    "anregung_schritt": Zeile(
        NUR_SOZIALPLANUNG_POST,
        methode="post",
        kwargs=lambda o: {"pk": o["anregung"].pk, "aktion": "recherche"},
    ),
    "anregung_statistikpruefung": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("anregung")),
    "anregung_steckbrief_neu": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("anregung")),
    "anregung_empfehlung_neu": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("anregung")),
    # Drafts: the Bereiche involved read them, other Bereiche get 404.
    # Lists show every role what it may read (published items for everyone).
    "empfehlung_liste": Zeile(ALLE_ROLLEN_LESEN),
    "empfehlung_neu": Zeile(NUR_SOZIALPLANUNG),
    "empfehlung_detail": Zeile(ENTWURF_DER_JUGEND, kwargs=pk("empfehlung")),
    "empfehlung_bearbeiten": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("empfehlung")),
    "steckbrief_liste": Zeile(ALLE_ROLLEN_LESEN),
    "steckbrief_neu": Zeile(NUR_SOZIALPLANUNG),
    "steckbrief_detail": Zeile(ENTWURF_DER_JUGEND, kwargs=pk("steckbrief")),
    "steckbrief_bearbeiten": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("steckbrief")),
    # Abstimmung and Freigabe: Sozialplanung steers, the Bereiche answer, the Leitung decides.
    "vorgang_schritt": Zeile(
        fuer_rollen(
            404, ohne_rolle=403, sozialplanung=302, admin=302, fb_jugend=403, bl_jugend=403
        ),
        methode="post",
        kwargs=lambda o: {
            "typ": "empfehlung",
            "pk": o["empfehlung"].pk,
            "aktion": "zur-abstimmung",
        },
    ),
    "abstimmen": Zeile(
        fuer_rollen(
            404, ohne_rolle=403, sozialplanung=403, admin=302, fb_jugend=302, bl_jugend=302
        ),
        methode="post",
        kwargs=lambda o: {"typ": "empfehlung", "pk": o["empfehlung"].pk},
    ),
    "freigabe_entscheiden": Zeile(
        fuer_rollen(
            404, ohne_rolle=403, sozialplanung=403, admin=200, fb_jugend=403, bl_jugend=200
        ),
        kwargs=lambda o: {"typ": "empfehlung", "pk": o["empfehlung"].pk},
    ),
    "bereich_vertretung": Zeile(
        fuer_rollen(403, admin=200, bl_jugend=200, bl_gesundheit=404), kwargs={"code": "3-1"}
    ),
    # Strategiepapiere: drafts are Sozialplanung's, the published PDF everybody's.
    "strategiepapier_liste": Zeile(ALLE_ROLLEN_LESEN),
    "strategiepapier_neu": Zeile(NUR_SOZIALPLANUNG),
    "strategiepapier_detail": Zeile(
        fuer_rollen(404, ohne_rolle=403, sozialplanung=200, admin=200), kwargs=pk("papier")
    ),
    "strategiepapier_vorschau": Zeile(NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("papier")),
    "strategiepapier_pdf": Zeile(ALLE_ROLLEN_LESEN, kwargs=pk("papier_veroeffentlicht")),
    "strategiepapier_ausgabe": Zeile(ALLE_ROLLEN_LESEN, kwargs=pk("papier_veroeffentlicht")),
    "strategiepapier_veroeffentlichen": Zeile(
        NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("papier")
    ),
    # Controlling: figures and reports for every role; a Meldung only for its Bereich.
    "controlling_dashboard": Zeile(ALLE_ROLLEN_LESEN),
    "periode_liste": Zeile(ALLE_ROLLEN_LESEN),
    "periode_eroeffnen": Zeile(NUR_SOZIALPLANUNG_POST, methode="post"),
    "periode_detail": Zeile(ALLE_ROLLEN_LESEN, kwargs=pk("periode")),
    "periode_abschliessen": Zeile(NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("periode")),
    "bericht_erstellen": Zeile(NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("periode")),
    "bericht_status": Zeile(ALLE_ROLLEN_LESEN, kwargs=pk("bericht")),
    "bericht_datei": Zeile(
        ALLE_ROLLEN_LESEN, kwargs=lambda o: {"pk": o["bericht"].pk, "format": "pdf"}
    ),
    "meldung_liste": Zeile(BEREICHE_UND_SOZIALPLANUNG),
    "meldung_detail": Zeile(NUR_JUGEND, kwargs=pk("meldung")),
    "meldung_pruefen": Zeile(NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("meldung")),
    "meldung_zurueckgeben": Zeile(NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("meldung")),
    # World-Café: results of the public Veranstaltungen for every role; entry by Sozialplanung.
    "weltcafe_uebersicht": Zeile(STAMMDATEN_LESEN, kwargs=pk("veranstaltung")),
    "weltcafe_pdf": Zeile(
        fuer_rollen(302, ohne_rolle=403), methode="post", kwargs=pk("veranstaltung")
    ),
    # A document built in the background: who may ask for it may watch and open it.
    "dokument_status": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("vorschau")),
    "dokument_datei": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("vorschau")),
    "bekanntheit_rangliste": Zeile(STAMMDATEN_LESEN),
    "themeninsel_neu": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("veranstaltung")),
    "themeninsel_bearbeiten": Zeile(
        NUR_SOZIALPLANUNG,
        kwargs=lambda o: {"pk": o["veranstaltung"].pk, "insel": o["themeninsel"].pk},
    ),
    "themeninsel_punkte": Zeile(
        NUR_SOZIALPLANUNG,
        kwargs=lambda o: {"pk": o["veranstaltung"].pk, "insel": o["themeninsel"].pk},
    ),
    "weltcafe_karten": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("veranstaltung")),
    "karte_anregung": Zeile(NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("karte")),
    "karte_bearbeiten": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("karte")),
    "karte_loeschen": Zeile(NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("karte")),
    "weltcafe_woerter": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("veranstaltung")),
    "weltcafe_import": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("veranstaltung")),
    # Live rounds: run by Sozialplanung; the participants' short link needs no account.
    "live_runden": Zeile(NUR_SOZIALPLANUNG, kwargs=pk("veranstaltung")),
    "live_projektor": Zeile(
        NUR_SOZIALPLANUNG,
        kwargs=lambda o: {"pk": o["veranstaltung"].pk, "runde": o["liverunde"].pk},
    ),
    "live_stand": Zeile(
        NUR_SOZIALPLANUNG,
        kwargs=lambda o: {"pk": o["veranstaltung"].pk, "runde": o["liverunde"].pk},
    ),
    "live_moderation": Zeile(
        NUR_SOZIALPLANUNG,
        kwargs=lambda o: {"pk": o["veranstaltung"].pk, "runde": o["liverunde"].pk},
    ),
    "live_schliessen": Zeile(
        NUR_SOZIALPLANUNG_POST,
        methode="post",
        kwargs=lambda o: {"pk": o["veranstaltung"].pk, "runde": o["liverunde"].pk},
    ),
    "live_moderieren": Zeile(
        NUR_SOZIALPLANUNG_POST,
        methode="post",
        kwargs=lambda o: {
            "pk": o["veranstaltung"].pk,
            "runde": o["liverunde"].pk,
            "antwort": o["liveantwort"].pk,
        },
    ),
    "live_sperrwoerter": Zeile(NUR_SOZIALPLANUNG),
    "live_teilnehmen": Zeile(
        fuer_rollen(200, anonym=200), kwargs=lambda o: {"code": o["liverunde"].kurzcode}
    ),
    # Wirkung: Sozialplanung defines and assesses; who reads the item reads its values; other
    # Bereiche do not see a draft's goals (404).
    "wirkungsziel_neu": Zeile(
        WIRKUNG_SOZIALPLANUNG, kwargs=lambda o: {"typ": "empfehlung", "pk": o["empfehlung"].pk}
    ),
    "wirkungsziel_bearbeiten": Zeile(
        {**WIRKUNG_SOZIALPLANUNG, OHNE_ROLLE: 404}, kwargs=lambda o: {"ziel": o["wirkungsziel"].pk}
    ),
    "wirkungsziel_loeschen": Zeile(
        {**WIRKUNG_SOZIALPLANUNG, OHNE_ROLLE: 404, "sozialplanung": 302, "admin": 302},
        methode="post",
        kwargs=lambda o: {"ziel": o["wirkungsziel"].pk},
    ),
    "wirkung_istwerte": Zeile(
        {**ENTWURF_DER_JUGEND, OHNE_ROLLE: 404}, kwargs=lambda o: {"ziel": o["wirkungsziel"].pk}
    ),
    "wirkung_uebersicht": Zeile(STAMMDATEN_LESEN),
    "wirkung_export": Zeile(STAMMDATEN_LESEN, query="?format=csv"),
    "wirkung_istwerte_import": Zeile(fuer_rollen(200, ohne_rolle=403, lesend=403)),
    "wirkung_pruefen": Zeile(
        WIRKUNG_SOZIALPLANUNG, kwargs=lambda o: {"typ": "empfehlung", "pk": o["empfehlung"].pk}
    ),
    # Notifications are personal: someone else's is 404.
    "benachrichtigungen": Zeile(fuer_rollen(200)),
    "benachrichtigungen_gelesen": Zeile(fuer_rollen(302), methode="post"),
    # Undelivered mails are Sozialplanung's to look after.
    "mailversand": Zeile(NUR_SOZIALPLANUNG),
    "mail_erneut_senden": Zeile(
        NUR_SOZIALPLANUNG_POST, methode="post", kwargs=pk("benachrichtigung")
    ),
    "benachrichtigung_oeffnen": Zeile(
        fuer_rollen(404, fb_jugend=302), kwargs=pk("benachrichtigung")
    ),
}


@pytest.fixture
def objekte(db):
    """One object of each kind; Steckbrief and Empfehlung belong to Bereich 3-1."""
    from empfehlungen import services
    from stammdaten.models import Bereich
    from tests import factories

    jugend = Bereich.objects.get(code="3-1")
    empfehlung = services.empfehlung_anlegen(
        user=factories.sozialplanung(),
        titel="Streetwork",
        text="…",
        stadtweit=True,
        federfuehrung=jugend,
    )
    from django.core.files.base import ContentFile

    from notifications.services import benachrichtigen
    from stammdaten.models import Sozialraum, User
    from strategiepapier.models import Strategiepapier

    ost = Sozialraum.objects.get(kurzname="OST")
    sp = User.objects.get(username="sozialplanung")
    veroeffentlicht = Strategiepapier(
        sozialraum=ost, ausgabe=2020, status=Strategiepapier.Status.VEROEFFENTLICHT, erstellt_von=sp
    )
    veroeffentlicht.pdf.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    veroeffentlicht.html_ausgabe = "<h1>Strategiepapier</h1>"
    veroeffentlicht.save()
    from datetime import date

    from controlling.models import Berichtsperiode, Controllingbericht, Sachstandsmeldung

    steckbrief = factories.steckbrief(federfuehrung=jugend)
    periode = Berichtsperiode.objects.create(
        jahr=2040, quartal=1, stichtag=date(2040, 3, 31), frist=date(2040, 4, 30)
    )
    bericht = Controllingbericht(
        periode=periode, status=Controllingbericht.Status.FERTIG, angefordert_von=sp
    )
    bericht.pdf.save("matrix-bericht.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    bericht.xlsx.save("matrix-bericht.xlsx", ContentFile(b"PK"), save=False)
    bericht.save()
    from weltcafe.models import Angebotsabfrage, Karte, Themeninsel

    veranstaltung = factories.veranstaltung()
    themeninsel = Themeninsel.objects.create(veranstaltung=veranstaltung, titel="Jugend")
    Angebotsabfrage.objects.create(themeninsel=themeninsel, steckbrief=steckbrief, ja=3, nein=1)
    karte = Karte.objects.create(
        veranstaltung=veranstaltung, themeninsel=themeninsel, text="Mehr Plakate"
    )
    from core.models import Dokumentauftrag

    papier = Strategiepapier.objects.create(sozialraum=ost, ausgabe=2099, erstellt_von=sp)
    vorschau = Dokumentauftrag(
        art="strategiepapier_vorschau", objekt=papier, status="fertig", dateiname="v.pdf"
    )
    vorschau.datei.save("matrix-vorschau.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    vorschau.save()
    from transparenz.models import OeffentlicherEintrag

    oeffentlich = OeffentlicherEintrag.objects.create(
        art="empfehlung",
        quelle_id=empfehlung.pk,
        kennung="MATRIX-01",
        fassung=1,
        titel="Öffentlich",
        text="…",
        umsetzungsstand="in_umsetzung",
        veroeffentlicht_am=empfehlung.erstellt_am,
    )
    from ratsinfo.models import Ratsvorlage

    ratsvorlage = Ratsvorlage.objects.create(
        oparl_id="http://127.0.0.1:9/oparl/v1/paper/1", nummer="1/2026"
    )
    ratsvorlage.empfehlungen.add(empfehlung)
    from weltcafe import live

    liverunde = live.runde_oeffnen(user=sp, veranstaltung=veranstaltung, art="woerter")
    liveantwort = live.antworten(runde=liverunde, geraet="matrix", text="lebendig")
    from wirkung.models import Wirkungsziel

    wirkungsziel = Wirkungsziel.objects.create(
        empfehlung=empfehlung,
        quelle="eigen",
        bezeichnung="Beratungsfälle",
        richtung="steigen",
        basis_jahr=2024,
        basis_wert=10,
        ziel_jahr=2026,
        ziel_wert=20,
    )
    return {
        "wirkungsziel": wirkungsziel,
        "liverunde": liverunde,
        "liveantwort": liveantwort,
        "ratsvorlage": ratsvorlage,
        "oeffentlich": oeffentlich,
        "vorschau": vorschau,
        "themeninsel": themeninsel,
        "karte": karte,
        "periode": periode,
        "bericht": bericht,
        "meldung": Sachstandsmeldung.objects.create(
            periode=periode, steckbrief=steckbrief, bereich=jugend, titel=steckbrief.titel
        ),
        "papier": papier,
        "papier_veroeffentlicht": veroeffentlicht,
        "benachrichtigung": benachrichtigen(
            empfaenger=[User.objects.get(username="fb-jugend")],
            art="hinweis",
            schluessel="matrix",
            titel="Test",
            text="Test",
            link="/",
        )[0],
        "veranstaltung": veranstaltung,
        "anregung": factories.anregung(),
        "steckbrief": steckbrief,
        "empfehlung": empfehlung,
    }


# The Django admin answers non-staff with its own login redirect; staff without the model
# permission get 403. Sozialplanung is staff for statistics upkeep only.
ADMIN_NICHT_STAFF = fuer_rollen(LOGIN)
ADMIN_NUR_SUPERUSER = {**ADMIN_NICHT_STAFF, "admin": 200, "sozialplanung": 403}
ADMIN_STATISTIK = {**ADMIN_NICHT_STAFF, "admin": 200, "sozialplanung": 200}


# Nobody adds these by hand: login records (django-axes) come from the sign-in, workflow
# objects and their history from the services.
ADMIN_NIEMAND = {**ADMIN_NUR_SUPERUSER, "admin": 403}
NUR_LESEN = {
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "core.statuswechsel",
    "core.protokolleintrag",
    "empfehlungen.anregung",
    "empfehlungen.statistikpruefung",
    "empfehlungen.handlungsempfehlung",
    "massnahmen.massnahmensteckbrief",
    "freigabe.abstimmung",
    "freigabe.freigabe",
    "strategiepapier.strategiepapier",
    "notifications.benachrichtigung",
    "controlling.einstellung",  # one row, created with the demo or on first use
    "controlling.berichtsperiode",
    "controlling.sachstandsmeldung",
    "controlling.erinnerung",
    "controlling.controllingbericht",
}


def admin_zeilen() -> list[tuple[str, dict]]:
    zeilen = [("admin:index", {**ADMIN_NICHT_STAFF, "admin": 200, "sozialplanung": 200})]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        erwartet = (
            ADMIN_STATISTIK
            if model._meta.model_name in {"kennzahl", "kennzahlwert"}
            else ADMIN_NUR_SUPERUSER
        )
        zeilen.append((f"{name}_changelist", erwartet))
        zeilen.append(
            (f"{name}_add", ADMIN_NIEMAND if model._meta.label_lower in NUR_LESEN else erwartet)
        )
    zeilen.append(("admin:stammdaten_kennzahlwert_importieren", ADMIN_STATISTIK))
    zeilen.append(("admin:stammdaten_kennzahlwert_export", ADMIN_STATISTIK))
    return zeilen


def alle_muster(resolver=None, namespace="", prefix=""):
    """Every URL pattern as its name (with namespace) or, unnamed, its route."""
    resolver = resolver or get_resolver()
    for muster in resolver.url_patterns:
        if isinstance(muster, URLResolver):
            ns = f"{namespace}{muster.namespace}:" if muster.namespace else namespace
            yield from alle_muster(muster, ns, prefix + str(muster.pattern))
        elif isinstance(muster, URLPattern):
            yield namespace + (muster.name or prefix + str(muster.pattern))


def test_every_url_has_a_row():
    ohne_zeile = sorted(
        name for name in set(alle_muster()) if name not in MATRIX and not name.startswith("admin:")
    )
    assert not ohne_zeile, f"URLs ohne Zeile in der Berechtigungsmatrix: {ohne_zeile}"


def test_every_admin_model_is_checked():
    geprueft = {name for name, _ in admin_zeilen()}
    for model in admin.site._registry:
        assert f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist" in geprueft


def _pruefen(client, url: str, methode: str, erwartet):
    antwort = getattr(client, methode)(url)
    if erwartet == LOGIN:
        assert antwort.status_code == 302, (url, antwort.status_code)
        ziel = urlsplit(antwort["Location"]).path
        assert ziel in {reverse("anmelden"), "/admin/login/"}, (url, ziel)
    else:
        assert antwort.status_code == erwartet, (url, antwort.status_code)


@pytest.mark.parametrize("rolle", ALLE_ROLLEN)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_app_urls(name, rolle, client_als, settings, objekte):
    settings.HEALTHZ_WORKER_TIMEOUT = 0.05
    settings.TRANSPARENZ_AKTIV = True
    zeile = MATRIX[name]
    kwargs = zeile.kwargs(objekte) if callable(zeile.kwargs) else zeile.kwargs
    url = (reverse(name, kwargs=kwargs) if "/" not in name else "/" + name) + zeile.query
    _pruefen(client_als(rolle), url, zeile.methode, zeile.erwartet[rolle])


@pytest.mark.parametrize("rolle", ALLE_ROLLEN)
@pytest.mark.parametrize(("name", "erwartet"), admin_zeilen())
def test_admin_urls(name, erwartet, rolle, client_als):
    _pruefen(client_als(rolle), reverse(name), "get", erwartet[rolle])


@pytest.mark.parametrize("rolle", ANGEMELDET)
def test_unknown_object_is_404_for_everyone(rolle, client_als):
    assert client_als(rolle).get(reverse("bereich_detail", args=["9-9"])).status_code == 404
    assert client_als(rolle).get(reverse("sozialraum_detail", args=["XYZ"])).status_code == 404


DATEIARTEN = {
    "application/pdf",
    "application/vnd.oai.openapi",
    "text/turtle",
    "application/rdf+xml",
    "image/svg+xml",
    "application/json",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SEITEN = sorted(
    name
    for name, zeile in MATRIX.items()
    if zeile.methode == "get" and zeile.erwartet["sozialplanung"] == 200
)


@pytest.mark.parametrize("name", SEITEN)
def test_every_page_title_is_short_plain_text(name, client_als, settings, objekte):
    """The browser tab and screen readers read the <title>: one short line, no markup."""
    import re

    settings.HEALTHZ_WORKER_TIMEOUT = 0.05
    zeile = MATRIX[name]
    kwargs = zeile.kwargs(objekte) if callable(zeile.kwargs) else zeile.kwargs
    url = (reverse(name, kwargs=kwargs) if "/" not in name else "/" + name) + zeile.query
    antwort = client_als("sozialplanung").get(url)
    art = antwort.get("Content-Type", "")
    if "text/html" not in art:  # files and data have no title
        assert art.split(";")[0] in DATEIARTEN, (url, art)
        return
    titel = re.search(r"<title>(.*?)</title>", antwort.content.decode(), re.S)
    assert titel is not None, url
    text = titel.group(1)
    assert "\n" not in text.strip() and "<" not in text and len(text) <= 120, (url, text)
