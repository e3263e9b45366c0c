"""Controlling use cases: opening a period, writing, submitting and checking a Meldung, and the
reminder pass. Called alike by views, Celery tasks and management commands."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from controlling.models import (
    OFFEN,
    VORGELEGT,
    Berichtsperiode,
    Einstellung,
    Erinnerung,
    Sachstandsmeldung,
    Umsetzungsstatus,
    ampel_fuer,
    quartal_von,
    quartalsende,
    vorquartal,
)
from core.rechte import erzwingen
from core.texte import TEXT, text_fehler
from core.workflow import WorkflowError, gesperrt, uebergang
from empfehlungen.models import Empfehlungsstatus, Handlungsempfehlung
from empfehlungen.services import empfehlung_umsetzung_melden
from massnahmen.models import Massnahmensteckbrief
from massnahmen.services import AKTIV as STECKBRIEF_AKTIV
from massnahmen.services import steckbrief_umsetzungsstand_melden
from notifications.models import Benachrichtigung
from notifications.services import benachrichtigen
from stammdaten.models import Mitgliedschaft, User, Vertretung

# Items asked for a Sachstand (DESIGN §1 step 6).
EMPFEHLUNG_AKTIV = [Empfehlungsstatus.VEROEFFENTLICHT, Empfehlungsstatus.IN_UMSETZUNG]
# How far back the prefill looks for an item's last submitted Meldung.
VORBEFUELLUNG_PERIODEN = 4
INHALT = [
    "umsetzungsstatus",
    "fortschritt",
    "sachstand",
    "naechste_schritte",
    "hindernisse",
    "laufzeit_bis",
    "befristet",
    "finanzierung",
]
LISTE_IN_MAIL = 20


def meldungen_url(periode: Berichtsperiode) -> str:
    return f"{reverse('meldung_liste')}?periode={periode.pk}"


# --- Opening a period ---------------------------------------------------------------------------
def berichtsperiode_eroeffnen(
    *, jahr: int, quartal: int, user: User | None = None, heute: date | None = None
) -> tuple[Berichtsperiode, int]:
    """Open the period (or request what is missing in it): one Meldung per active item.

    Running it again creates nothing new unless items were published since."""
    if user is not None:
        erzwingen(user, "controlling.steuern")
    heute = heute or timezone.localdate()
    if not 1 <= quartal <= 4:
        raise WorkflowError("Das Quartal ist 1, 2, 3 oder 4.")
    if quartalsende(jahr, quartal) >= heute:
        # Reported "as of the Stichtag": before it, the figures do not exist yet.
        raise WorkflowError(f"Das {quartal}. Quartal {jahr} ist noch nicht abgeschlossen.")
    einstellung = Einstellung.aktuell()
    termine = Berichtsperiode.termine(jahr, quartal, einstellung)
    with transaction.atomic():
        periode, _ = Berichtsperiode.objects.get_or_create(
            jahr=jahr,
            quartal=quartal,
            defaults={
                "stichtag": termine["stichtag"],
                "frist": termine["frist"],
                "eroeffnet_von": user,
            },
        )
        # Serialises openings and reminder passes of this period.
        periode = Berichtsperiode.objects.select_for_update().get(pk=periode.pk)
        if not periode.offen:
            raise WorkflowError(f"Die Berichtsperiode {periode} ist abgeschlossen.")
        neu = _meldungen_anfordern(periode)
        _anforderung_mitteilen(periode, neu)
    return periode, len(neu)


def faellige_periode_eroeffnen(*, heute: date | None = None) -> tuple[Berichtsperiode, int] | None:
    """The automatic opening: the quarter just ended, from its opening day up to its Frist."""
    heute = heute or timezone.localdate()
    einstellung = Einstellung.aktuell()
    if not einstellung.automatisch_eroeffnen:
        return None
    jahr, quartal = vorquartal(*quartal_von(heute))
    termine = Berichtsperiode.termine(jahr, quartal, einstellung)
    if not termine["eroeffnung"] <= heute <= termine["frist"]:
        return None
    if Berichtsperiode.objects.filter(jahr=jahr, quartal=quartal).exists():
        return None
    return berichtsperiode_eroeffnen(jahr=jahr, quartal=quartal, heute=heute)


def _aktive_gegenstaende(periode: Berichtsperiode):
    """Rows (not model instances: opening may meet tens of thousands) of the items to ask."""
    schon = Sachstandsmeldung.objects.filter(periode=periode)
    empfehlungen = Handlungsempfehlung.objects.filter(
        status__in=EMPFEHLUNG_AKTIV, federfuehrung__isnull=False
    ).exclude(Exists(schon.filter(empfehlung=OuterRef("pk"))))
    steckbriefe = (
        Massnahmensteckbrief.objects.filter(
            status__in=STECKBRIEF_AKTIV, federfuehrung__isnull=False
        )
        .filter(Q(laufzeit_bis__isnull=True) | Q(laufzeit_bis__gte=periode.beginn))
        .filter(Q(laufzeit_von__isnull=True) | Q(laufzeit_von__lte=periode.stichtag))
        .exclude(Exists(schon.filter(steckbrief=OuterRef("pk"))))
    )
    return empfehlungen, steckbriefe


def _gebiete(modell, auswahl) -> dict[int, list[int]]:
    """Sozialraum ids per item, in one query."""
    Durch = modell.sozialraeume.through
    spalte = f"{modell._meta.model_name}_id"
    je: dict[int, list[int]] = defaultdict(list)
    zeilen = Durch.objects.filter(**{f"{spalte}__in": auswahl.values("pk")}).values_list(
        spalte, "sozialraum_id"
    )
    for objekt_id, raum_id in zeilen.iterator(chunk_size=10_000):
        je[objekt_id].append(raum_id)
    return je


def _letzte_meldungen(periode: Berichtsperiode) -> dict[tuple[str, int], dict]:
    """The last submitted Meldung of each item in the periods before, newest winning."""
    frueher = list(
        Berichtsperiode.objects.filter(stichtag__lt=periode.stichtag)
        .order_by("-stichtag")
        .values_list("pk", flat=True)[:VORBEFUELLUNG_PERIODEN]
    )
    letzte: dict[tuple[str, int], dict] = {}
    zeilen = (
        Sachstandsmeldung.objects.filter(periode__in=frueher, status__in=VORGELEGT)
        .order_by("periode__stichtag")
        .values("pk", "empfehlung_id", "steckbrief_id", *INHALT)
    )
    for z in zeilen.iterator(chunk_size=5000):
        schluessel = ("e", z["empfehlung_id"]) if z["empfehlung_id"] else ("s", z["steckbrief_id"])
        letzte[schluessel] = z
    return letzte


def _meldungen_anfordern(periode: Berichtsperiode) -> list[Sachstandsmeldung]:
    empfehlungen, steckbriefe = _aktive_gegenstaende(periode)
    letzte = _letzte_meldungen(periode)
    neu, gebiete = [], []
    raeume = _gebiete(Handlungsempfehlung, empfehlungen)
    for e in empfehlungen.values(
        "pk", "nummernkreis", "laufende_nummer", "titel", "stadtweit", "status", "federfuehrung_id"
    ).iterator(chunk_size=5000):
        m = Sachstandsmeldung(
            periode=periode,
            empfehlung_id=e["pk"],
            bereich_id=e["federfuehrung_id"],
            nummer=Handlungsempfehlung.nummer_von(e["nummernkreis"], e["laufende_nummer"]),
            titel=e["titel"],
            stadtweit=e["stadtweit"],
        )
        vorbefuellt = _vorbefuellen(m, letzte.get(("e", e["pk"])))
        if not vorbefuellt and e["status"] == Empfehlungsstatus.IN_UMSETZUNG:
            m.umsetzungsstatus = Umsetzungsstatus.IN_UMSETZUNG
        neu.append(m)
        gebiete.append(raeume.get(e["pk"], []))
    raeume = _gebiete(Massnahmensteckbrief, steckbriefe)
    for s in steckbriefe.values(
        "pk",
        "titel",
        "stadtweit",
        "federfuehrung_id",
        "umsetzungsstand",
        "laufzeit_bis",
        "befristet",
        "finanzierung",
    ).iterator(chunk_size=5000):
        m = Sachstandsmeldung(
            periode=periode,
            steckbrief_id=s["pk"],
            bereich_id=s["federfuehrung_id"],
            nummer="",
            titel=s["titel"],
            stadtweit=s["stadtweit"],
        )
        if not _vorbefuellen(m, letzte.get(("s", s["pk"]))):
            # The first Meldung starts from the Steckbrief's own record.
            m.umsetzungsstatus = Umsetzungsstatus.IN_UMSETZUNG
            m.sachstand = s["umsetzungsstand"]
            m.ampel = ampel_fuer(m.umsetzungsstatus, "")
        # Term and funding always as the Steckbrief has them now.
        m.laufzeit_bis, m.befristet = s["laufzeit_bis"], s["befristet"]
        m.finanzierung = s["finanzierung"]
        m.vorbefuellung = {
            "laufzeit_bis": s["laufzeit_bis"].isoformat() if s["laufzeit_bis"] else None,
            "befristet": s["befristet"],
            "finanzierung": s["finanzierung"],
        }
        neu.append(m)
        gebiete.append(raeume.get(s["pk"], []))
    if not neu:
        return []
    # No batch_size: one statement on PostgreSQL, SQLite splits by its parameter limit.
    neu = Sachstandsmeldung.objects.bulk_create(neu)
    Durch = Sachstandsmeldung.sozialraeume.through
    Durch.objects.bulk_create(
        [
            Durch(sachstandsmeldung_id=m.pk, sozialraum_id=r)
            for m, ids in zip(neu, gebiete, strict=True)
            for r in ids
        ]
    )
    return neu


def _vorbefuellen(meldung: Sachstandsmeldung, vorher: dict | None) -> bool:
    if not vorher:
        return False
    for name in INHALT:
        setattr(meldung, name, vorher[name])
    meldung.vorbefuellt_aus_id = vorher["pk"]
    meldung.ampel = ampel_fuer(meldung.umsetzungsstatus, meldung.hindernisse)
    return True


def _mitglieder_je_bereich(bereich_ids, *, nur_leitung: bool = False) -> dict[int, list[User]]:
    qs = Mitgliedschaft.objects.filter(bereich_id__in=bereich_ids, user__is_active=True)
    if nur_leitung:
        qs = qs.filter(rolle=Mitgliedschaft.Rolle.LEITUNG)
    # Keyed by user: a deputy who also leads, or is named twice, is one recipient.
    je_bereich: dict[int, dict[int, User]] = defaultdict(dict)
    for m in qs.select_related("user"):
        je_bereich[m.bereich_id][m.user_id] = m.user
    if nur_leitung:
        # Today's Vertretung of a Leitung is asked too.
        for v in (
            Vertretung.objects.gueltig()
            .filter(bereich_id__in=bereich_ids, vertretung__is_active=True)
            .select_related("vertretung")
        ):
            je_bereich[v.bereich_id][v.vertretung_id] = v.vertretung
    return {b: list(users.values()) for b, users in je_bereich.items()}


def _anforderung_mitteilen(periode: Berichtsperiode, neu: list[Sachstandsmeldung]) -> None:
    anzahl: dict[int, int] = defaultdict(int)
    for m in neu:
        anzahl[m.bereich_id] += 1
    mitglieder = _mitglieder_je_bereich(anzahl)
    letzte_pk = max((m.pk for m in neu), default=0)
    for bereich_id, n in anzahl.items():
        benachrichtigen(
            empfaenger=mitglieder.get(bereich_id, []),
            art=Benachrichtigung.Art.SACHSTAND,
            titel=f"Sachstand erbeten: {periode} ({n} Meldung{'en' if n != 1 else ''})",
            text=f"Bitte melden Sie bis zum {periode.frist:%d.%m.%Y} den Sachstand zum Stichtag "
            f"{periode.stichtag:%d.%m.%Y}. Die Angaben des Vorquartals sind vorbefüllt.",
            link=meldungen_url(periode),
            schluessel=f"controlling:anforderung:{periode.pk}:{bereich_id}:{letzte_pk}",
        )


@transaction.atomic
def berichtsperiode_abschliessen(*, periode: Berichtsperiode, user: User) -> Berichtsperiode:
    """Freeze the period: its Meldungen become read-only, so its report can be rebuilt as is."""
    erzwingen(user, "controlling.steuern")
    periode = Berichtsperiode.objects.select_for_update().get(pk=periode.pk)
    if not periode.offen:
        raise WorkflowError(f"{periode} ist bereits abgeschlossen.")
    periode.abgeschlossen_am = timezone.now()
    periode.save(update_fields=["abgeschlossen_am"])
    return periode


# --- Writing, submitting, checking --------------------------------------------------------------
def _gesperrt(meldung: Sachstandsmeldung) -> Sachstandsmeldung:
    return gesperrt(meldung, Sachstandsmeldung.objects.select_related("periode"))


@transaction.atomic
def sachstandsmeldung_speichern(
    *,
    meldung: Sachstandsmeldung,
    user: User,
    daten: dict,
    version: int,
    einreichen: bool,
    istwerte: dict | None = None,
) -> Sachstandsmeldung:
    """Save the Bereich's text (and submit it, if asked) in one step. The rules of a Meldung
    (`Sachstandsmeldung.inhalt_fehler`) hold for every way in: form, import, API."""
    erzwingen(user, "controlling.meldung_schreiben", meldung)
    meldung = _gesperrt(meldung)
    if meldung.version != version:
        raise WorkflowError(
            "Diese Meldung wurde inzwischen von jemand anderem gespeichert. Bitte laden Sie die "
            "Seite neu; Ihre Eingaben sind unten noch zu sehen."
        )
    if not meldung.bearbeitbar:
        raise WorkflowError(
            f"Die Meldung ist „{meldung.get_status_display()}“ und kann nicht mehr geändert werden."
        )
    unbekannt = set(daten) - set(INHALT)
    if unbekannt:
        raise WorkflowError(f"Unbekannte Angaben: {', '.join(sorted(unbekannt))}.")
    if meldung.empfehlung_id:  # Laufzeit and Finanzierung belong to Steckbriefe only
        daten = {**daten, "laufzeit_bis": None, "befristet": False, "finanzierung": ""}
    fehler = meldung.inhalt_fehler({**{n: getattr(meldung, n) for n in INHALT}, **daten})
    fehler = {**_feldfehler(meldung, daten), **fehler}
    if fehler:
        raise WorkflowError(" ".join(fehler.values()), felder=fehler)
    if meldung.status != Sachstandsmeldung.Status.IN_BEARBEITUNG:
        uebergang(meldung, "bearbeiten", user=user)
    for name, wert in daten.items():
        setattr(meldung, name, wert)
    meldung.ampel = ampel_fuer(meldung.umsetzungsstatus, meldung.hindernisse)
    meldung.geaendert_am = timezone.now()
    meldung.geaendert_von = user
    meldung.version += 1
    meldung.save()
    if istwerte:
        _istwerte_melden(meldung, user, istwerte)
    if einreichen:
        _einreichen(meldung, user)
    return meldung


def _istwerte_melden(meldung: Sachstandsmeldung, user: User, istwerte: dict) -> None:
    """The actual values of the item's own Wirkung indicators for the period's quarter, in the
    Meldung's transaction: one refused value saves nothing of the Meldung either."""
    from wirkung.selectors import istwert_felder
    from wirkung.services import istwert_erfassen

    erlaubt = {z.pk: z for z, _ in istwert_felder(meldung)}
    periode = meldung.periode
    for ziel_id, wert in istwerte.items():
        if ziel_id not in erlaubt:
            raise WorkflowError("Ein Istwert gehört zu keinem Wirkungsziel dieses Eintrags.")
        if wert is None:
            continue
        try:
            istwert_erfassen(
                user=user,
                ziel=erlaubt[ziel_id],
                jahr=periode.jahr,
                quartal=periode.quartal,
                wert=wert,
                herkunft=f"Sachstandsmeldung {periode.kurz}",
            )
        except WorkflowError as exc:
            meldung_text = f"„{erlaubt[ziel_id]}“: {exc}"
            raise WorkflowError(meldung_text, felder={f"istwert_{ziel_id}": meldung_text}) from exc


def _feldfehler(meldung: Sachstandsmeldung, daten: dict) -> dict[str, str]:
    """The fields' own limits (lengths, lines, 0–100 %) on a copy with the new values."""
    probe = Sachstandsmeldung(**{n: getattr(meldung, n) for n in INHALT})
    for name, wert in daten.items():
        setattr(probe, name, wert)
    try:
        probe.clean_fields(exclude=[f.name for f in probe._meta.fields if f.name not in INHALT])
    except ValidationError as exc:
        return {k: " ".join(v) for k, v in exc.message_dict.items()}
    return {}


@transaction.atomic
def sachstandsmeldung_einreichen(*, meldung: Sachstandsmeldung, user: User) -> Sachstandsmeldung:
    """Submit a prefilled Meldung unchanged (the Sachstand still holds)."""
    erzwingen(user, "controlling.meldung_schreiben", meldung)
    meldung = _gesperrt(meldung)
    fehler = meldung.inhalt_fehler({n: getattr(meldung, n) for n in INHALT})
    if fehler:
        raise WorkflowError(" ".join(fehler.values()), felder=fehler)
    meldung.version += 1
    _einreichen(meldung, user)
    return meldung


def _einreichen(meldung: Sachstandsmeldung, user: User) -> None:
    uebergang(meldung, "einreichen", user=user, von=user, felder=["version"])
    _gegenstand_fortschreiben(meldung, user)


def _gegenstand_fortschreiben(meldung: Sachstandsmeldung, user: User) -> None:
    """A submitted Meldung becomes the item's current status, through the item rooms' own
    services (their rules hold: a Bereich that no longer leads the item is refused)."""
    kommentar = f"laut Sachstandsmeldung {meldung.periode.kurz}"
    if meldung.empfehlung_id:
        empfehlung = Handlungsempfehlung.objects.get(pk=meldung.empfehlung_id)
        U, E = Umsetzungsstatus, Empfehlungsstatus
        # Steps from the item's current state: a resubmission, or a state Sozialplanung set
        # meanwhile, needs fewer or none.
        schritte = []
        if empfehlung.status == E.VEROEFFENTLICHT and meldung.umsetzungsstatus != U.NICHT_BEGONNEN:
            schritte.append("umsetzung_beginnen")
        if meldung.umsetzungsstatus == U.UMGESETZT and empfehlung.status in (
            E.VEROEFFENTLICHT,
            E.IN_UMSETZUNG,
        ):
            schritte.append("als_umgesetzt")
        for schritt in schritte:
            empfehlung = empfehlung_umsetzung_melden(
                empfehlung=empfehlung, user=user, schritt=schritt, kommentar=kommentar
            )
        return
    steckbrief = Massnahmensteckbrief.objects.get(pk=meldung.steckbrief_id)
    if steckbrief.status not in STECKBRIEF_AKTIV:
        return  # a new Fassung is Sozialplanung's draft; the Meldung keeps what was reported
    vorher = meldung.vorbefuellung or {}
    aenderungen = {}
    for feld in ("laufzeit_bis", "befristet", "finanzierung"):
        if feld not in vorher:
            continue
        alt = vorher[feld]
        if feld == "laufzeit_bis" and alt:
            alt = date.fromisoformat(alt)
        if getattr(meldung, feld) != alt:  # the Bereich changed it
            aenderungen[feld] = getattr(meldung, feld)
    if aenderungen.get("befristet", steckbrief.befristet) and not aenderungen.get(
        "laufzeit_bis", steckbrief.laufzeit_bis
    ):
        aenderungen["laufzeit_bis"] = meldung.laufzeit_bis
    steckbrief_umsetzungsstand_melden(
        steckbrief=steckbrief,
        user=user,
        umsetzungsstand=meldung.sachstand,
        aenderungen=aenderungen,
        kommentar=kommentar,
    )


@transaction.atomic
def sachstandsmeldung_pruefen(
    *, meldung: Sachstandsmeldung, user: User, oeffentlicher_sachstand: str = ""
) -> Sachstandsmeldung:
    """Confirm a Meldung; the optional public summary is what the transparency pages show of
    it (the Bereich's own text stays internal)."""
    text = oeffentlicher_sachstand.strip()
    if fehler := text_fehler(text, TEXT, "oeffentlicher_sachstand"):
        raise WorkflowError(
            f"Öffentliche Zusammenfassung: {fehler['oeffentlicher_sachstand']}", felder=fehler
        )
    meldung = _gesperrt(meldung)
    uebergang(meldung, "pruefen", user=user, oeffentlicher_sachstand=text)
    return meldung


@transaction.atomic
def sachstandsmeldung_zurueckgeben(
    *, meldung: Sachstandsmeldung, user: User, grund: str
) -> Sachstandsmeldung:
    if not grund.strip():
        raise WorkflowError("Bitte eine Begründung für die Rückgabe angeben.")
    if fehler := text_fehler(grund.strip(), TEXT, "grund"):
        raise WorkflowError(f"Grund: {fehler['grund']}", felder=fehler)
    meldung = _gesperrt(meldung)
    uebergang(meldung, "zurueckgeben", user=user, kommentar=grund.strip(), grund=grund.strip())
    benachrichtigen(
        empfaenger=_mitglieder_je_bereich([meldung.bereich_id]).get(meldung.bereich_id, []),
        art=Benachrichtigung.Art.SACHSTAND,
        titel=f"Sachstandsmeldung zurückgegeben: {meldung.bezeichnung}",
        text=f"Die Sozialplanung bittet um Überarbeitung: {grund.strip()}",
        link=reverse("meldung_detail", args=[meldung.pk]),
        schluessel=f"controlling:rueckgabe:{meldung.pk}:{meldung.version}",
    )
    return meldung


# --- Reminders ------------------------------------------------------------------------------------
@dataclass
class Lauf:
    """What one pass did (the command prints it, tests read it)."""

    tag: date
    eroeffnet: list[str] = field(default_factory=list)
    erinnerungen: int = 0
    eskalationen: int = 0
    nachrichten: int = 0
    uebersicht: int = 0

    def __str__(self) -> str:
        teile = [f"{self.tag:%d.%m.%Y}:"]
        if self.eroeffnet:
            teile.append(f"eröffnet {', '.join(self.eroeffnet)};")
        teile.append(
            f"{self.erinnerungen} Erinnerungen, {self.eskalationen} Eskalationen in "
            f"{self.nachrichten} Nachrichten, {self.uebersicht} Wochenübersichten."
        )
        return " ".join(teile)


def stufe(
    periode: Berichtsperiode, heute: date, einstellung: Einstellung
) -> tuple[str, int] | None:
    """Which reminder is due on this day: the shortest lead time reached, or the escalation.

    A day missed (beat down) is caught up by the next pass, within the same stage."""
    if heute <= periode.frist:
        faellig = [
            t for t in einstellung.erinnerung_tage if periode.frist - timedelta(days=t) <= heute
        ]
        return (Erinnerung.Art.VOR_FRIST, min(faellig)) if faellig else None
    if heute >= periode.frist + timedelta(days=einstellung.eskalation_tage_nach_frist):
        return (Erinnerung.Art.ESKALATION, 0)
    return None


def tageslauf(*, heute: date | None = None) -> Lauf:
    """The pass Celery beat runs (hourly; idempotent): open the due period, remind, escalate,
    and the weekly overview for Sozialplanung."""
    heute = heute or timezone.localdate()
    lauf = Lauf(tag=heute)
    eroeffnet = faellige_periode_eroeffnen(heute=heute)
    if eroeffnet:
        lauf.eroeffnet.append(str(eroeffnet[0]))
    erinnerungen_senden(heute=heute, lauf=lauf)
    return lauf


def erinnerungen_senden(*, heute: date | None = None, lauf: Lauf | None = None) -> Lauf:
    heute = heute or timezone.localdate()
    lauf = lauf or Lauf(tag=heute)
    einstellung = Einstellung.aktuell()
    perioden = Berichtsperiode.objects.filter(
        abgeschlossen_am__isnull=True, stichtag__lt=heute
    ).order_by("stichtag")
    for periode_id in perioden.values_list("pk", flat=True):
        # One transaction per period: a worker that dies leaves each period all done or not
        # begun, and the next pass does what is left.
        with transaction.atomic():
            periode = Berichtsperiode.objects.select_for_update().get(pk=periode_id)
            faellig = stufe(periode, heute, einstellung)
            if faellig:
                _erinnern(periode, *faellig, heute=heute, lauf=lauf)
    _wochenuebersicht(heute, einstellung, lauf)
    return lauf


def _erinnern(periode: Berichtsperiode, art: str, tage: int, *, heute: date, lauf: Lauf) -> None:
    offene = list(
        periode.meldungen.filter(status__in=OFFEN)
        .order_by("bereich__code", "nummer", "titel")
        .values_list("pk", "bereich_id", "nummer", "titel")
    )
    if not offene:
        return
    eskalation = art == Erinnerung.Art.ESKALATION
    empfaenger = _mitglieder_je_bereich(
        {bereich_id for _, bereich_id, _, _ in offene}, nur_leitung=eskalation
    )
    schon = set(
        Erinnerung.objects.filter(meldung__periode=periode, art=art, tage=tage).values_list(
            "meldung_id", "empfaenger_id"
        )
    )
    je_user: dict[int, list[tuple]] = defaultdict(list)
    users: dict[int, User] = {}
    for meldung_id, bereich_id, nummer, titel in offene:
        for user in empfaenger.get(bereich_id, []):
            if (meldung_id, user.pk) not in schon:
                je_user[user.pk].append((meldung_id, nummer, titel))
                users[user.pk] = user
    jetzt = timezone.now()
    neue = []
    for user_id, meldungen in je_user.items():
        nachricht = _erinnerung_mitteilen(
            periode, users[user_id], meldungen, art=art, tage=tage, heute=heute
        )
        nachricht_id = nachricht.pk if nachricht else None
        neue += [(m[0], user_id, art, tage, nachricht_id, jetzt) for m in meldungen]
    _protokollieren(neue)
    if eskalation:
        lauf.eskalationen += len(neue)
    else:
        lauf.erinnerungen += len(neue)
    lauf.nachrichten += len(je_user)


def _protokollieren(zeilen: list[tuple]) -> None:
    """The reminder log. At tens of thousands of rows per pass, model instances and long
    VALUES lists cost more than the database (bench/controlling_lauf.py); PostgreSQL takes
    the rows as three arrays in one statement."""
    if not zeilen or connection.vendor != "postgresql":
        Erinnerung.objects.bulk_create(
            Erinnerung(
                meldung_id=m, empfaenger_id=e, art=a, tage=t, benachrichtigung_id=b, gesendet_am=g
            )
            for m, e, a, t, b, g in zeilen
        )
        return
    _, _, art, tage, _, jetzt = zeilen[0]  # one pass writes one kind at one time
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO controlling_erinnerung "
            "(meldung_id, empfaenger_id, art, tage, benachrichtigung_id, gesendet_am) "
            "SELECT m, e, %s, %s, b, %s FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[]) "
            "AS x(m, e, b)",
            [
                art,
                tage,
                jetzt,
                [z[0] for z in zeilen],
                [z[1] for z in zeilen],
                [z[4] for z in zeilen],
            ],
        )


def _bis_zur_frist(tage: int) -> str:
    if tage <= 0:
        return "Die Frist endet heute."
    if tage == 1:
        return "Die Frist endet morgen."
    return f"Die Frist endet in {tage} Tagen."


def _erinnerung_mitteilen(periode, user, meldungen, *, art, tage, heute) -> Benachrichtigung | None:
    n = len(meldungen)
    zeilen = [f"- {f'{nr} ' if nr else ''}{titel}" for _, nr, titel in meldungen[:LISTE_IN_MAIL]]
    if n > LISTE_IN_MAIL:
        zeilen.append(f"- … und {n - LISTE_IN_MAIL} weitere")
    liste = "\n".join(zeilen)
    link = reverse("meldung_detail", args=[meldungen[0][0]]) if n == 1 else meldungen_url(periode)
    if art == Erinnerung.Art.ESKALATION:
        titel = (
            f"Frist überschritten: {n} Sachstandsmeldung"
            f"{'en fehlen' if n != 1 else ' fehlt'} ({periode.kurz})"
        )
        text = (
            f"Die Frist {periode.frist:%d.%m.%Y} ist abgelaufen. Aus Ihrem Bereich fehlen noch:\n"
            f"{liste}\nBitte sorgen Sie dafür, dass der Sachstand nachgereicht wird."
        )
        art_nachricht = Benachrichtigung.Art.ESKALATION
    else:
        titel = f"Erinnerung: {n} Sachstandsmeldung{'en' if n != 1 else ''} bis {periode.frist:%d.%m.%Y} ({periode.kurz})"
        text = (
            f"{_bis_zur_frist((periode.frist - heute).days)} Offen sind:\n{liste}\n"
            "Die Angaben des Vorquartals sind vorbefüllt; meist genügt es, sie zu prüfen."
        )
        art_nachricht = Benachrichtigung.Art.ERINNERUNG
    nachrichten = benachrichtigen(
        empfaenger=[user],
        art=art_nachricht,
        titel=titel,
        text=text,
        link=link,
        schluessel=f"controlling:{art}:{tage}:{periode.pk}:{heute:%Y%m%d}:{meldungen[0][0]}",
    )
    return nachrichten[0] if nachrichten else None


def _wochenuebersicht(heute: date, einstellung: Einstellung, lauf: Lauf) -> None:
    """Once per calendar week, from the configured weekday on: what is missing, per Bereich."""
    if heute.weekday() < einstellung.uebersicht_wochentag:
        return
    perioden = list(
        Berichtsperiode.objects.filter(abgeschlossen_am__isnull=True, stichtag__lt=heute)
    )
    if not perioden:
        return
    fehlend = (
        Sachstandsmeldung.objects.filter(periode__in=perioden, status__in=OFFEN)
        .values("periode__jahr", "periode__quartal", "bereich__code", "bereich__name")
        .annotate(n=Count("pk"))
        .order_by("periode__jahr", "periode__quartal", "bereich__code")
    )
    zu_pruefen = Sachstandsmeldung.objects.filter(
        periode__in=perioden, status=Sachstandsmeldung.Status.EINGEREICHT
    ).count()
    zeilen = [
        f"- Q{z['periode__quartal']}/{z['periode__jahr']} {z['bereich__code']} "
        f"{z['bereich__name']}: {z['n']} fehlen"
        for z in fehlend
    ]
    if not zeilen and not zu_pruefen:
        return
    jahr, woche, _ = heute.isocalendar()
    neu = benachrichtigen(
        empfaenger=User.objects.filter(ist_sozialplanung=True, is_active=True),
        art=Benachrichtigung.Art.UEBERSICHT,
        titel=f"Wochenübersicht Controlling (KW {woche}/{jahr})",
        text="Fehlende Sachstandsmeldungen:\n"
        + ("\n".join(zeilen) or "- keine")
        + f"\nZu prüfen: {zu_pruefen} eingereichte Meldungen.",
        link=reverse("periode_liste"),
        schluessel=f"controlling:uebersicht:{jahr}-{woche:02d}",
    )
    lauf.uebersicht += len(neu)
