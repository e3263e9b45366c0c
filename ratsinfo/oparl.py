"""A small OParl 1.1 client (https://oparl.org, spec 1.1.1): fetch a Paper by its URL, and
the decision of its authoritative Consultation (Meeting.start, AgendaItem.result).

Only URLs on the configured server (OPARL_URL's scheme, host and port) are fetched, also after
a redirect: a URL typed by a user must not make this server request anything else (SSRF)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

import httpx
from django.conf import settings

TYP = "https://schema.oparl.org/1.1/"
HOECHSTENS_BERATUNGEN = 5  # followed per Paper (each costs two requests)


class OParlFehler(Exception):
    """The paper cannot be read now; the message is German (shown to Sozialplanung)."""

    vorlaeufig = False  # True: worth retrying (timeout, server error)


class VorlaeufigerFehler(OParlFehler):
    vorlaeufig = True


@dataclass
class Drucksache:
    id: str
    nummer: str
    titel: str
    datum: date | None
    art: str
    web: str
    geloescht: bool = False
    beschluss: str = ""
    beschluss_am: date | None = None
    gremium: str = ""


def herkunft(url: str) -> tuple[str, str, int | None]:
    teile = urlsplit(url)
    return teile.scheme, teile.hostname or "", teile.port


def erlaubt(url: str) -> bool:
    """On the configured OParl server (same scheme, host and port)."""
    basis = settings.OPARL_URL
    return (
        bool(basis)
        and urlsplit(url).scheme in ("http", "https")
        and herkunft(url) == herkunft(basis)
    )


def holen(url: str, *, client: httpx.Client | None = None) -> dict:
    """One OParl object as JSON; German errors for everything that can go wrong."""
    if not erlaubt(url):
        raise OParlFehler(
            "Die Adresse liegt nicht auf dem eingestellten OParl-Server "
            f"({settings.OPARL_URL or 'keiner eingestellt'})."
        )
    eigener = client is None
    client = client or neuer_client()
    try:
        antwort = client.get(url)
        # OParl answers 301 for non-canonical URLs; follow only within the server.
        for _ in range(3):
            if antwort.status_code not in (301, 302, 307, 308):
                break
            ziel = str(antwort.next_request.url) if antwort.next_request else ""
            if not erlaubt(ziel):
                raise OParlFehler("Der OParl-Server leitet auf eine fremde Adresse um.")
            antwort = client.get(ziel)
    except httpx.TimeoutException as exc:
        raise VorlaeufigerFehler(
            f"Der OParl-Server antwortet nicht rechtzeitig (über {settings.OPARL_ZEITLIMIT} s)."
        ) from exc
    except httpx.TransportError as exc:
        raise VorlaeufigerFehler(
            f"Der OParl-Server ist nicht erreichbar ({type(exc).__name__})."
        ) from exc
    finally:
        if eigener:
            client.close()
    if antwort.status_code == 404 or antwort.status_code == 410:
        raise OParlFehler(
            f"Der OParl-Server kennt diese Drucksache nicht (HTTP {antwort.status_code})."
        )
    if antwort.status_code >= 500:
        raise VorlaeufigerFehler(
            f"Der OParl-Server meldet einen Fehler (HTTP {antwort.status_code})."
        )
    if antwort.status_code != 200:
        raise OParlFehler(f"Unerwartete Antwort des OParl-Servers (HTTP {antwort.status_code}).")
    if len(antwort.content) > 2_000_000:
        raise OParlFehler("Die Antwort des OParl-Servers ist unerwartet groß.")
    try:
        daten = antwort.json()
    except ValueError as exc:
        raise OParlFehler("Der OParl-Server liefert kein gültiges JSON.") from exc
    ist_liste = isinstance(daten, dict) and isinstance(daten.get("data"), list)
    if not ist_liste and (
        not isinstance(daten, dict) or not str(daten.get("type", "")).startswith(TYP)
    ):
        raise OParlFehler("Die Antwort ist kein OParl-1.1-Objekt.")
    return daten


def neuer_client() -> httpx.Client:
    zeit = settings.OPARL_ZEITLIMIT
    return httpx.Client(
        timeout=httpx.Timeout(zeit, connect=min(zeit, 5)),
        headers={"Accept": "application/json", "User-Agent": "Sozialplanung-OParl/1"},
        follow_redirects=False,
    )


def drucksache(url: str) -> Drucksache:
    """The Paper at `url` and, from its authoritative Consultation, the decision."""
    with neuer_client() as client:
        paper = holen(url, client=client)
        if paper["type"] != TYP + "Paper":
            raise OParlFehler("Unter dieser Adresse steht keine Drucksache (OParl-Paper).")
        if paper.get("deleted"):
            return Drucksache(
                id=paper.get("id", url),
                nummer="",
                titel="",
                datum=None,
                art="",
                web="",
                geloescht=True,
            )
        ergebnis = Drucksache(
            id=str(paper.get("id") or url),
            nummer=_text(paper.get("reference"), 100),
            titel=_text(paper.get("name"), 500),
            datum=_datum(paper.get("date")),
            art=_text(paper.get("paperType"), 200),
            web=_web(paper.get("web")),
        )
        beratungen = [b for b in paper.get("consultation") or [] if isinstance(b, dict)]
        entscheidend = [b for b in beratungen if b.get("authoritative")] or []
        for beratung in entscheidend[:HOECHSTENS_BERATUNGEN]:
            _beschluss(client, beratung, ergebnis)
            if ergebnis.beschluss:
                break
        return ergebnis


def _beschluss(client, beratung: dict, ergebnis: Drucksache) -> None:
    """Decision date from the Meeting, the result from the AgendaItem (both optional)."""
    if isinstance(beratung.get("meeting"), str):
        sitzung = holen(beratung["meeting"], client=client)
        ergebnis.beschluss_am = _datum(sitzung.get("start"))
        ergebnis.gremium = _text(sitzung.get("name"), 300)
    if isinstance(beratung.get("agendaItem"), str):
        punkt = holen(beratung["agendaItem"], client=client)
        ergebnis.beschluss = _text(punkt.get("result"), 300)
        if ergebnis.beschluss_am is None:
            ergebnis.beschluss_am = _datum(punkt.get("start"))


def _text(wert, laenge: int) -> str:
    """One line, no control characters, at most `laenge` characters: foreign data is data."""
    if not isinstance(wert, str):
        return ""
    text = " ".join(wert.split())
    text = "".join(z for z in text if z.isprintable())
    return text[:laenge]


def _datum(wert) -> date | None:
    if not isinstance(wert, str) or len(wert) < 10:
        return None
    try:
        if len(wert) == 10:
            return date.fromisoformat(wert)
        return datetime.fromisoformat(wert).date()
    except ValueError:
        return None


def _web(wert) -> str:
    """A link for people to click: only http(s), nothing else (no javascript: URL)."""
    if isinstance(wert, str) and urlsplit(wert).scheme in ("http", "https") and len(wert) <= 500:
        return wert
    return ""
