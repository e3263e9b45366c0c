"""Open data: every public list as CSV and JSON with documented columns and stable ids. The
columns here are the documentation on /transparenz/daten/ and in the DCAT-AP.de catalogue;
the REST API serves the same fields."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.importing import zelle_entschaerfen
from transparenz import selectors
from transparenz.models import OeffentlicherEintrag


def absolut(pfad: str) -> str:
    return settings.SITE_URL + pfad


@dataclass(frozen=True)
class Spalte:
    name: str
    beschreibung: str
    wert: Callable


def zeitpunkt(z) -> str | None:
    """ISO 8601 to the second, in the city's time zone (as the API writes it)."""
    return timezone.localtime(z).isoformat(timespec="seconds") if z else None


def _datum(d) -> str | None:
    return d.isoformat() if d else None


def _zeit(z) -> str | None:
    return zeitpunkt(z)


EINTRAG_SPALTEN = [
    Spalte(
        "id", "Stabile Kennung (Nummer der Empfehlung, bei Maßnahmen M-Nummer)", lambda e: e.kennung
    ),
    Spalte("art", "empfehlung oder massnahme", lambda e: e.art),
    Spalte("titel", "Titel", lambda e: e.titel),
    Spalte("beschreibung", "Text der Empfehlung bzw. Beschreibung der Maßnahme", lambda e: e.text),
    Spalte(
        "sozialraeume",
        "Sozialräume, durch „; “ getrennt (leer bei stadtweit)",
        lambda e: "; ".join(r.name for r in e.sozialraeume.all()),
    ),
    Spalte("stadtweit", "true, wenn für die ganze Stadt", lambda e: e.stadtweit),
    Spalte(
        "handlungsfeld",
        "Handlungsfeld",
        lambda e: e.handlungsfeld.name if e.handlungsfeld_id else "",
    ),
    Spalte(
        "federfuehrung",
        "federführender Bereich (Organisationseinheit)",
        lambda e: str(e.federfuehrung) if e.federfuehrung_id else "",
    ),
    Spalte(
        "umsetzungsstand",
        "nicht_begonnen, in_umsetzung, verzoegert, umgesetzt, gestoppt oder nicht_umsetzbar",
        lambda e: e.umsetzungsstand,
    ),
    Spalte(
        "fortschritt",
        "Fortschritt in Prozent laut letztem geprüftem Sachstand (leer: keiner)",
        lambda e: e.fortschritt,
    ),
    Spalte(
        "sachstand",
        "öffentliche Zusammenfassung des letzten geprüften Sachstands",
        lambda e: e.sachstand,
    ),
    Spalte(
        "sachstand_zum", "Quartal dieses Sachstands, z. B. Q3/2026", lambda e: e.sachstand_periode
    ),
    Spalte(
        "veroeffentlicht_am",
        "erste Veröffentlichung (ISO 8601)",
        lambda e: _zeit(e.veroeffentlicht_am),
    ),
    Spalte("beginn", "Beginn der Umsetzung (Datum)", lambda e: _datum(e.beginn)),
    Spalte("ende", "Abschluss: umgesetzt oder nicht umsetzbar (Datum)", lambda e: _datum(e.ende)),
    Spalte(
        "anregungen", "Zahl der Anregungen aus Beteiligung dahinter", lambda e: e.anzahl_anregungen
    ),
    Spalte("fassung", "veröffentlichte Fassung", lambda e: e.fassung),
    Spalte(
        "neue_fassung_in_arbeit",
        "true, wenn eine überarbeitete Fassung vorbereitet wird",
        lambda e: e.neue_fassung_in_arbeit,
    ),
    Spalte(
        "aktualisiert_am",
        "letzte Änderung dieses Datensatzes (ISO 8601)",
        lambda e: _zeit(e.aktualisiert_am),
    ),
    Spalte(
        "ratsvorlagen",
        "Drucksachen des Rates, durch „; “ getrennt (im JSON mit Datum und Beschluss)",
        lambda e: "; ".join(v["nummer"] for v in e.ratsvorlagen),
    ),
    Spalte(
        "wirkungsziele",
        "Wirkungsziele mit Zustand, durch „; “ getrennt (im JSON mit Ausgangs-, Ziel- und "
        "Istwert, Zielerreichung und Veränderung gegenüber der Stadt)",
        lambda e: "; ".join(f"{z['indikator']}: {z['zustand']}" for z in e.wirkung),
    ),
    Spalte(
        "wirkungspruefung",
        "Urteil der letzten Wirkungsprüfung (wirksam, teilweise wirksam, nicht wirksam, "
        "nicht beurteilbar; leer: keine)",
        lambda e: e.wirkungspruefungen[0]["urteil"] if e.wirkungspruefungen else "",
    ),
    Spalte("url", "öffentliche Seite", lambda e: absolut(e.get_absolute_url())),
]

PAPIER_SPALTEN = [
    Spalte(
        "id",
        "Stabile Kennung: Sozialraum-Kürzel und Ausgabe",
        lambda p: f"{p.sozialraum.kurzname}-{p.ausgabe}",
    ),
    Spalte("sozialraum", "Sozialraum", lambda p: p.sozialraum.name),
    Spalte("ausgabe", "Ausgabe (Jahr)", lambda p: p.ausgabe),
    Spalte(
        "veroeffentlicht_am", "Veröffentlichung (ISO 8601)", lambda p: _zeit(p.veroeffentlicht_am)
    ),
    Spalte("eintraege", "Zahl der Empfehlungen und Maßnahmen darin", lambda p: len(p.eintraege)),
    Spalte("sha256", "Prüfsumme des PDF", lambda p: p.pdf_sha256),
    Spalte(
        "pdf",
        "PDF (unveränderlich)",
        lambda p: absolut(reverse("transparenz_papier_pdf", args=[p.pk])),
    ),
    Spalte(
        "html",
        "barrierefreie HTML-Fassung",
        lambda p: absolut(reverse("transparenz_papier", args=[p.pk])),
    ),
]


@dataclass(frozen=True)
class Datensatz:
    name: str
    titel: str
    beschreibung: str
    spalten: list[Spalte]
    zeilen: Callable
    schlagworte: tuple[str, ...]


DATENSAETZE = {
    "empfehlungen": Datensatz(
        "empfehlungen",
        "Handlungsempfehlungen der Sozialplanung und ihr Umsetzungsstand",
        "Alle veröffentlichten Handlungsempfehlungen der strategischen Sozialplanung mit "
        "Sozialraum, Handlungsfeld, federführendem Bereich, Umsetzungsstand, Fortschritt und "
        "öffentlichem Sachstand aus dem quartalsweisen Controlling.",
        EINTRAG_SPALTEN,
        lambda: _eintraege(OeffentlicherEintrag.Art.EMPFEHLUNG),
        ("Sozialplanung", "Handlungsempfehlung", "Beteiligung", "Rechenschaft"),
    ),
    "massnahmen": Datensatz(
        "massnahmen",
        "Maßnahmen der Sozialplanung (Maßnahmensteckbriefe)",
        "Alle veröffentlichten Maßnahmensteckbriefe: vorhandene Angebote und Maßnahmen mit "
        "Sozialraum, Handlungsfeld, Bereich und Umsetzungsstand.",
        EINTRAG_SPALTEN,
        lambda: _eintraege(OeffentlicherEintrag.Art.MASSNAHME),
        ("Sozialplanung", "Maßnahme", "Angebot"),
    ),
    "strategiepapiere": Datensatz(
        "strategiepapiere",
        "Strategiepapiere je Sozialraum",
        "Die veröffentlichten Strategiepapiere je Sozialraum und Ausgabe mit Verweis auf das "
        "unveränderliche PDF und die barrierefreie HTML-Fassung.",
        PAPIER_SPALTEN,
        lambda: selectors.papiere(),
        ("Sozialplanung", "Strategiepapier", "Sozialraum"),
    ),
}


def _eintraege(art: str):
    return selectors.mit_ratsvorlagen(
        selectors.eintraege(art).prefetch_related("sozialraeume").order_by("kennung")
    )


def als_csv(datensatz: Datensatz) -> str:
    """RFC 4180 (comma, CRLF), UTF-8, a header row of the documented column names; text cells
    that a spreadsheet would run as a formula start with an apostrophe."""
    puffer = io.StringIO()
    schreiber = csv.writer(puffer)
    schreiber.writerow([s.name for s in datensatz.spalten])
    for objekt in datensatz.zeilen():
        schreiber.writerow([_zelle(s.wert(objekt)) for s in datensatz.spalten])
    return puffer.getvalue()


def _zelle(wert):
    if isinstance(wert, bool):
        return "true" if wert else "false"
    if wert is None:
        return ""
    return zelle_entschaerfen(wert) if isinstance(wert, str) else wert


def als_json(datensatz: Datensatz) -> str:
    eintraege = []
    for objekt in datensatz.zeilen():
        eintrag = {s.name: s.wert(objekt) for s in datensatz.spalten}
        if isinstance(objekt, OeffentlicherEintrag):
            eintrag["sozialraeume"] = [r.name for r in objekt.sozialraeume.all()]
            eintrag["verlauf"] = objekt.verlauf
            eintrag["veranstaltungen"] = objekt.veranstaltungen
            eintrag["strategiepapiere"] = [
                {k: p[k] for k in ("sozialraum", "ausgabe")} for p in objekt.strategiepapiere
            ]
            eintrag["ratsvorlagen"] = objekt.ratsvorlagen
            eintrag["wirkung"] = objekt.wirkung
            eintrag["wirkungspruefungen"] = objekt.wirkungspruefungen
        eintraege.append(eintrag)
    return json.dumps(
        {
            "datensatz": datensatz.titel,
            "herausgeber": settings.TRANSPARENZ_HERAUSGEBER,
            "lizenz": settings.TRANSPARENZ_LIZENZ,
            "spalten": {s.name: s.beschreibung for s in datensatz.spalten},
            "anzahl": len(eintraege),
            "daten": eintraege,
        },
        ensure_ascii=False,
        indent=1,
        default=str,
    )
