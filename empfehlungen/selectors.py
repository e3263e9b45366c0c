"""Reads of the intake and of Empfehlungen: the triage queue, the statistics check, research,
the Empfehlung pages, and the exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import tablib
from django.db.models import Count, Q, QuerySet

from core.importing import tabelle_exportieren
from core.suche import textsuche
from core.texte import ganzzahl
from core.workflow import WorkflowError
from empfehlungen.models import Anregung, Handlungsempfehlung, Statistikpruefung, Veranstaltung
from empfehlungen.resources import AnregungExportResource, AnregungImport
from stammdaten import selectors as stamm_selectors
from stammdaten import sozialindex
from stammdaten.models import Kennzahl, Kennzahlwert
from stammdaten.rules import sichtbar_fuer_beteiligte


def anregung_aus_nummer(text: str) -> Anregung:
    """The Anregung a user names by its number ("A-17", "a17" or "17")."""
    wert = text.strip().upper().removeprefix("A").removeprefix("-").strip()
    if (nummer := ganzzahl(wert)) is None:
        raise WorkflowError(f"„{text.strip()[:40]}“ ist keine Anregungsnummer (Beispiel: A-17).")
    anregung = Anregung.objects.filter(pk=nummer).first()
    if anregung is None:
        raise WorkflowError(f"Die Anregung A-{wert} gibt es nicht.")
    return anregung


# --- Triage queue -------------------------------------------------------------------------------
def anregungen_gefiltert(
    *,
    user,
    status="",
    sozialraum="",
    handlungsfeld="",
    veranstaltung="",
    mir_zugewiesen=False,
    suche="",
) -> tuple[QuerySet, QuerySet]:
    """The filtered queue, and the same without the state filter (for the counts per state)."""
    qs = Anregung.objects.all()
    if sozialraum == "stadtweit":
        qs = qs.filter(sozialraum__isnull=True)
    elif sozialraum:
        qs = qs.filter(sozialraum_id=sozialraum)
    if handlungsfeld == "ohne":
        qs = qs.filter(handlungsfeld__isnull=True)
    elif handlungsfeld:
        qs = qs.filter(handlungsfeld_id=handlungsfeld)
    if veranstaltung:
        qs = qs.filter(veranstaltung_id=veranstaltung)
    if mir_zugewiesen:
        qs = qs.filter(zustaendig=user)
    qs = textsuche(qs, suche)
    ohne_status = qs
    if status == "offen":
        qs = qs.exclude(status__in=Anregung.ABGESCHLOSSEN)
    elif status:
        qs = qs.filter(status=status)
    return qs, ohne_status


def anzahl_je_status(qs: QuerySet) -> dict[str, int]:
    zeilen = qs.order_by().values("status").annotate(n=Count("*"))
    return {z["status"]: z["n"] for z in zeilen}


@dataclass(frozen=True, slots=True)
class Listenzeile:
    """One card as a list shows it: plain values, no model instances (a page of 50 cards costs
    a fraction of building six related objects per row)."""

    pk: int
    text: str
    zielgruppe: str
    status: str
    erfasst_am: datetime
    sozialraum: str
    handlungsfeld: str
    zustaendig: str

    @property
    def nummer(self) -> str:
        return f"A-{self.pk}"

    @property
    def status_label(self) -> str:
        return Anregung.Status(self.status).label


LISTENSPALTEN = (
    "pk",
    "text",
    "zielgruppe",
    "status",
    "erfasst_am",
    "sozialraum__kurzname",
    "handlungsfeld__name",
    "zustaendig__first_name",
    "zustaendig__last_name",
    "zustaendig__username",
)


def fuer_liste(qs: QuerySet) -> QuerySet:
    """The rows of a list of cards, as tuples of LISTENSPALTEN (see `listenzeilen`)."""
    return qs.values_list(*LISTENSPALTEN)


def listenzeilen(werte) -> list[Listenzeile]:
    zeilen = []
    for pk, text, zielgruppe, status, erfasst_am, raum, feld, vor, nach, name in werte:
        zustaendig = f"{vor} {nach}".strip() or name or ""
        zeilen.append(
            Listenzeile(
                pk, text, zielgruppe, status, erfasst_am, raum or "", feld or "", zustaendig
            )
        )
    return zeilen


def zuletzt_erfasst(user, anzahl: int = 10) -> QuerySet[Anregung]:
    """The quick entry shows what this person entered last."""
    return Anregung.objects.filter(erfasst_von=user).select_related("sozialraum", "handlungsfeld")[
        :anzahl
    ]


def anregung_fuer_seite() -> QuerySet[Anregung]:
    return Anregung.objects.select_related(
        "sozialraum",
        "handlungsfeld",
        "veranstaltung",
        "veranstaltung__sozialraum",
        "erfasst_von",
        "zustaendig",
        "steckbrief",
        "dublette_von_anregung",
        "dublette_von_empfehlung",
    )


# --- Veranstaltungen ----------------------------------------------------------------------------
def veranstaltungen() -> QuerySet[Veranstaltung]:
    return Veranstaltung.objects.select_related("sozialraum").annotate(
        anzahl=Count("anregungen"),
        entschieden=Count("anregungen", filter=Q(anregungen__status__in=Anregung.ABGESCHLOSSEN)),
    )


# --- Statistics check ---------------------------------------------------------------------------
@dataclass
class Pruefzeile:
    kennzahl: Kennzahl
    wert: Decimal | None
    vergleich: Decimal | None  # the city value (Sozialraum) or the base-year value (stadtweit)
    rang: int | None
    anzahl: int
    abweichung: Decimal | None
    auffaellig: bool


@dataclass
class Statistik:
    sozialraum: object
    jahr: int | None
    basisjahr: int | None
    zeilen: list[Pruefzeile]
    index: sozialindex.Sozialindex | None

    @property
    def vergleich_titel(self) -> str:
        return "Stadt" if self.sozialraum else f"Stadt {self.basisjahr}"


def statistik_fuer(sozialraum, *, jahr: int | None = None) -> Statistik:
    """What the Statistikprüfung shows: for a Sozialraum its Kennzahlen against the city with
    rank, and its quarters' Sozialindex; city-wide, each Kennzahl against its earlier value."""
    jahr = jahr or stamm_selectors.neuestes_jahr()
    if jahr is None:
        return Statistik(sozialraum, None, None, [], None)
    basisjahr = jahr - sozialindex.STANDARD_SPANNE
    if sozialraum is not None:
        zeilen = [
            Pruefzeile(z.kennzahl, z.wert, z.stadt, z.rang, z.anzahl, z.abweichung, z.auffaellig)
            for z in stamm_selectors.kennzahlen_vergleich(sozialraum, jahr)
        ]
        index = sozialindex.berechnen(jahr=jahr, sozialraum=sozialraum)
        return Statistik(sozialraum, jahr, basisjahr, zeilen, index)
    stadt = {
        (k, j): w
        for k, j, w in Kennzahlwert.objects.filter(
            sozialquartier__isnull=True, sozialraum__isnull=True, jahr__in=[jahr, basisjahr]
        ).values_list("kennzahl_id", "jahr", "wert")
    }
    zeilen = []
    for k in Kennzahl.objects.all():
        jetzt, vorher = stadt.get((k.pk, jahr)), stadt.get((k.pk, basisjahr))
        abweichung = jetzt - vorher if jetzt is not None and vorher is not None else None
        auffaellig = False
        if abweichung is not None and vorher and k.richtung != Kennzahl.Richtung.NEUTRAL:
            relativ = abweichung / abs(vorher)
            auffaellig = (
                relativ >= stamm_selectors.AUFFAELLIG_AB
                if k.hoeher_ist_schlechter
                else relativ <= -stamm_selectors.AUFFAELLIG_AB
            )
        zeilen.append(Pruefzeile(k, jetzt, vorher, None, 0, abweichung, auffaellig))
    return Statistik(None, jahr, basisjahr, zeilen, None)


# --- Research -----------------------------------------------------------------------------------
def empfehlungen_suchen(*, suche="", sozialraum=None, handlungsfeld=None) -> QuerySet:
    qs = Handlungsempfehlung.objects.select_related("federfuehrung", "handlungsfeld", "steckbrief")
    if sozialraum is not None:
        qs = qs.filter(Q(stadtweit=True) | Q(sozialraeume=sozialraum)).distinct()
    if handlungsfeld is not None:
        qs = qs.filter(handlungsfeld=handlungsfeld)
    return textsuche(qs, suche)


# --- Empfehlungen -------------------------------------------------------------------------------
def empfehlungen_fuer(user, *, suche: str = "") -> QuerySet[Handlungsempfehlung]:
    """The list: what the user may read, searched, with what the rows show."""
    qs = textsuche(sichtbar_fuer_beteiligte(user, Handlungsempfehlung.objects.all()), suche)
    return (
        qs.select_related("handlungsfeld", "federfuehrung")
        .annotate(anzahl_anregungen=Count("anregungen", distinct=True))
        .prefetch_related("sozialraeume")
        .order_by("nummernkreis", "laufende_nummer")
    )


def empfehlung_fuer_seite() -> QuerySet[Handlungsempfehlung]:
    return Handlungsempfehlung.objects.select_related(
        "handlungsfeld", "federfuehrung", "steckbrief", "erstellt_von"
    ).prefetch_related("sozialraeume", "beteiligte")


def anregungen_hinter(empfehlung: Handlungsempfehlung) -> QuerySet[Anregung]:
    """The Anregungen that feed an Empfehlung, each with its number of duplicates."""
    return empfehlung.anregungen.select_related("sozialraum", "veranstaltung").annotate(
        anzahl_dubletten=Count("dubletten")
    )


def belege(empfehlung: Handlungsempfehlung) -> QuerySet[Statistikpruefung]:
    """The evidence: the checks that found the need behind the Empfehlung backed by data."""
    return Statistikpruefung.objects.filter(
        anregung__empfehlungen=empfehlung, ergebnis=Statistikpruefung.Ergebnis.BELEGT
    ).select_related("anregung", "sozialraum", "erstellt_von")


def anregungen_je_empfehlung(empfehlung_ids: list[int]) -> dict[int, int]:
    """Anregungen behind each Empfehlung: linked cards, their duplicates, and the cards that
    were closed as duplicates of the Empfehlung itself."""
    anzahl: dict[int, int] = dict.fromkeys(empfehlung_ids, 0)
    for feld in ("empfehlungen", "dublette_von_anregung__empfehlungen", "dublette_von_empfehlung"):
        zeilen = (
            Anregung.objects.filter(**{f"{feld}__in": empfehlung_ids})
            .values(feld)
            .annotate(n=Count("pk", distinct=True))
        )
        for z in zeilen:
            anzahl[z[feld]] += z["n"]
    return anzahl


# --- Exports ------------------------------------------------------------------------------------
def anregungen_exportieren(qs: QuerySet[Anregung], format: str) -> bytes:
    qs = qs.select_related(
        "sozialraum", "handlungsfeld", "veranstaltung", "veranstaltung__sozialraum", "zustaendig"
    ).order_by("pk")
    return tabelle_exportieren(AnregungExportResource().export(queryset=qs), format)


def anregungen_vorlage(format: str) -> bytes:
    vorlage = tablib.Dataset(headers=AnregungImport.SPALTEN, title="Anregungen")
    vorlage.append(
        [
            "Mehr Sprechstunden der Frühen Hilfen im Quartier",
            "OST",
            "Präventionsketten, Familien(grundschul)zentren, Frühe Hilfen",
            "Familien mit Kleinkindern",
            "",
        ]
    )
    vorlage.append(
        ["Treffpunkt für Jugendliche am Abend", "Oberhausen-Ost", "Jugend", "Jugendliche", ""]
    )
    return tabelle_exportieren(vorlage, format)
