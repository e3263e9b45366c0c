"""Nothing internal leaks: with items in every state, a draft of a new Fassung, an unchecked
Sachstand, internal comments and Anregung texts, each carrying a marker, an anonymous client
walks every public page, list, filter, download and the catalogue, and finds no marker and no
staff name anywhere (HTML, CSV, JSON, Turtle, RDF/XML, PDF)."""

import io
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from pypdf import PdfReader

from controlling import services as controlling
from empfehlungen import services as empfehlungen
from freigabe import services as freigabe
from freigabe.models import Freigabestatus as F
from stammdaten.models import User
from tests import factories
from tests.controlling.hilfen import eroeffnet, nur_diese
from tests.factories import demo, in_freigabe_zustand
from transparenz import services

pytestmark = pytest.mark.django_db
GEHEIM = "GEHEIM"  # every internal text below carries it


@pytest.fixture
def alle_zustaende(settings):
    settings.TRANSPARENZ_AKTIV = True
    sp = factories.sozialplanung()
    for zustand in (F.ENTWURF, F.IN_ABSTIMMUNG, F.ZUR_FREIGABE, F.FREIGEGEBEN, F.ZURUECKGEZOGEN):
        in_freigabe_zustand(factories.empfehlung(titel=f"{GEHEIM}-Empfehlung-{zustand}"), zustand)
        in_freigabe_zustand(factories.steckbrief(titel=f"{GEHEIM}-Steckbrief-{zustand}"), zustand)
    anregung = factories.in_zustand("bedarf_belegt", text=f"{GEHEIM}-Anregung von Familie X")
    e = in_freigabe_zustand(
        factories.empfehlung(titel="Öffentlich: Treffpunkt", anregungen=[anregung]),
        F.VEROEFFENTLICHT,
    )
    e = empfehlungen.empfehlung_umsetzung_melden(
        empfehlung=e, user=sp, schritt="umsetzung_beginnen", kommentar=f"{GEHEIM}-Kommentar"
    )
    # A checked Meldung (its public summary is public, its text is not) and an unchecked one.
    periode = eroeffnet(quartal=1, jahr=2035)
    meldung = nur_diese(periode, e).get()
    daten = {
        "umsetzungsstatus": "in_umsetzung",
        "fortschritt": 50,
        "sachstand": f"{GEHEIM}-Sachstand des Bereichs",
        "naechste_schritte": f"{GEHEIM}-Schritte",
        "hindernisse": f"{GEHEIM}-Hindernis",
    }
    meldung = controlling.sachstandsmeldung_speichern(
        meldung=meldung, user=demo("fb-jugend"), daten=daten, version=0, einreichen=True
    )
    controlling.sachstandsmeldung_pruefen(
        meldung=meldung, user=sp, oeffentlicher_sachstand="Der Treffpunkt ist eröffnet."
    )
    spaeter = nur_diese(eroeffnet(quartal=2, jahr=2035), e).get()
    controlling.sachstandsmeldung_speichern(
        meldung=spaeter,
        user=demo("fb-jugend"),
        daten={**daten, "sachstand": f"{GEHEIM}-noch nicht geprüft", "fortschritt": 90},
        version=spaeter.version,
        einreichen=True,
    )
    # Published, then a new Fassung in preparation with a changed title and text.
    s = in_freigabe_zustand(factories.steckbrief(titel="Öffentlich: Beratung"), F.VEROEFFENTLICHT)
    s = freigabe.vorgang_neue_fassung_anlegen(objekt=s, user=sp, kommentar=f"{GEHEIM}-Grund")
    from massnahmen import services as massnahmen

    massnahmen.steckbrief_aendern(
        steckbrief=s,
        user=sp,
        stand=s.stand,
        titel=f"{GEHEIM}-neue Fassung",
        beschreibung=f"{GEHEIM}-Text",
    )
    services.alles_abgleichen()
    return {"empfehlung": e, "steckbrief": s}


def _text(antwort) -> str:
    if antwort["Content-Type"].startswith("application/pdf"):
        inhalt = b"".join(antwort.streaming_content)
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhalt)).pages)
    if hasattr(antwort, "streaming_content"):
        return b"".join(antwort.streaming_content).decode()
    return antwort.content.decode()


def _links(html: str, basis: str) -> set[str]:
    ziele = set()
    for href in re.findall(r'href="([^"#]+)', html):
        ziel = urljoin(basis, href.replace("&amp;", "&"))
        teile = urlsplit(ziel)
        if teile.path.startswith("/transparenz/") and teile.netloc in ("", "127.0.0.1:8000"):
            ziele.add(teile.path + (f"?{teile.query}" if teile.query else ""))
    return ziele


def test_an_anonymous_walk_finds_no_draft_no_internal_text_and_no_staff_name(alle_zustaende):
    namen = [f"{u.first_name} {u.last_name}" for u in User.objects.exclude(last_name="")] + [
        f"{u.last_name}, {u.first_name}" for u in User.objects.exclude(last_name="")
    ]
    client = Client()
    offen = deque(
        [
            "/transparenz/",
            "/transparenz/empfehlungen/?sozialraum=OST&umsetzungsstand=in_umsetzung",
            "/transparenz/massnahmen/?suche=Beratung",
        ]
    )
    gesehen: set[str] = set()
    while offen:
        url = offen.popleft()
        if url in gesehen:
            continue
        gesehen.add(url)
        antwort = client.get(url)
        assert antwort.status_code == 200, url
        text = _text(antwort)
        assert GEHEIM not in text, f"{url}: interner Text"
        assert "Familie X" not in text, url
        for name in namen:
            assert name not in text, f"{url}: {name}"
        if antwort["Content-Type"].startswith("text/html"):
            offen.extend(_links(text, url) - gesehen)
    # The public API and its schema (examples included), anonymously.
    api_urls = ["/api/v1/schema/", "/api/v1/oeffentlich/strategiepapiere/"]
    for liste in ("empfehlungen", "massnahmen"):
        url = f"/api/v1/oeffentlich/{liste}/?pro_seite=200"
        api_urls.append(url)
        api_urls += [
            f"/api/v1/oeffentlich/{liste}/{e['id']}/" for e in client.get(url).json()["results"]
        ]
    for url in api_urls:
        antwort = client.get(url)
        assert antwort.status_code == 200, url
        text = antwort.content.decode()
        assert GEHEIM not in text and "Familie X" not in text, url
        for name in namen:
            assert name not in text, f"{url}: {name}"
    gesehen |= set(api_urls)
    # The walk reached every kind of public resource.
    for teil in (
        "/empfehlungen/",
        "/massnahmen/",
        "/strategiepapiere/",
        ".csv",
        ".json",
        ".ttl",
        ".rdf",
        ".pdf",
        "/ueberblick/",
    ):
        assert any(teil in u for u in gesehen), teil
    # And it did see the public parts of those very items.
    e, s = alle_zustaende["empfehlung"], alle_zustaende["steckbrief"]
    seite = client.get(f"/transparenz/empfehlungen/{e.nummer}/").content.decode()
    assert "Der Treffpunkt ist eröffnet." in seite and "50 %" in seite
    seite = client.get(f"/transparenz/massnahmen/M-{s.pk}/").content.decode()
    assert "Öffentlich: Beratung" in seite and "überarbeitete Fassung wird vorbereitet" in seite
