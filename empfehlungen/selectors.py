"""Reads for the intake pages: the triage queue, the statistics check, history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, Q, QuerySet

from empfehlungen.models import Anregung, Handlungsempfehlung, Veranstaltung
from massnahmen.models import Massnahmensteckbrief
from stammdaten import selectors as stamm_selectors
from stammdaten import sozialindex
from stammdaten.models import Kennzahl, Kennzahlwert


def ist_postgres() -> bool:
    return connection.vendor == "postgresql"


def textsuche(qs: QuerySet, suchtext: str) -> QuerySet:
    """German full-text search on PostgreSQL (stemming: "Jugendlichen" finds "Jugendliche")
    over the model's SUCHFELDER; elsewhere every word as a substring of one of the fields."""
    suchtext = (suchtext or "").strip()
    if not suchtext:
        return qs
    if ist_postgres():
        # The stored, trigger-maintained vector of exactly these fields (GIN-indexed).
        return qs.filter(suchvektor=SearchQuery(suchtext, config="german", search_type="websearch"))
    for wort in suchtext.split():
        bedingung = Q()
        for feld in qs.model.SUCHFELDER:
            bedingung |= Q(**{f"{feld}__icontains": wort})
        qs = qs.filter(bedingung)
    return qs


def anregung_aus_nummer(text: str) -> Anregung:
    """The Anregung a user names by its number ("A-17", "a17" or "17")."""
    from stammdaten.workflow import WorkflowError

    wert = text.strip().upper().removeprefix("A").removeprefix("-").strip()
    if not wert.isdecimal():
        raise WorkflowError(f"„{text.strip()}“ ist keine Anregungsnummer (Beispiel: A-17).")
    anregung = Anregung.objects.filter(pk=int(wert)).first()
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


def fuer_liste(qs: QuerySet) -> QuerySet:
    return qs.select_related(
        "sozialraum", "handlungsfeld", "veranstaltung", "veranstaltung__sozialraum", "zustaendig"
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
def steckbriefe_suchen(*, suche="", sozialraum=None, handlungsfeld=None) -> QuerySet:
    qs = Massnahmensteckbrief.objects.select_related("federfuehrung", "handlungsfeld")
    if sozialraum is not None:
        qs = qs.filter(Q(stadtweit=True) | Q(sozialraeume=sozialraum)).distinct()
    if handlungsfeld is not None:
        qs = qs.filter(handlungsfeld=handlungsfeld)
    return textsuche(qs, suche)


def empfehlungen_suchen(*, suche="", sozialraum=None, handlungsfeld=None) -> QuerySet:
    qs = Handlungsempfehlung.objects.select_related("federfuehrung", "handlungsfeld", "steckbrief")
    if sozialraum is not None:
        qs = qs.filter(Q(stadtweit=True) | Q(sozialraeume=sozialraum)).distinct()
    if handlungsfeld is not None:
        qs = qs.filter(handlungsfeld=handlungsfeld)
    return textsuche(qs, suche)
