"""Every write of the intake: Veranstaltungen, Anregungen and their research, Statistik-
prüfungen, Empfehlung drafts. Each use case is one function in one transaction: lock the row,
run the transition (which checks state, conditions and permission), save, record history."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet

from empfehlungen import selectors
from empfehlungen.models import (
    Anregung,
    Handlungsempfehlung,
    Nummernkreis,
    Statistikpruefung,
    Veranstaltung,
)
from massnahmen.models import Massnahmensteckbrief
from stammdaten.importing import Tabelle
from stammdaten.permissions import erzwingen
from stammdaten.workflow import WorkflowError, uebergang

S = Anregung.Status


def _gesperrt(anregung: Anregung) -> Anregung:
    return Anregung.objects.select_for_update().get(pk=anregung.pk)


def _felder_setzen(obj, felder: dict, m2m: Iterable[str] = ()) -> dict:
    spaeter = {k: felder.pop(k) for k in m2m if k in felder}
    for name, wert in felder.items():
        setattr(obj, name, wert)
    return spaeter


# --- Veranstaltungen ----------------------------------------------------------------------------
@transaction.atomic
def veranstaltung_speichern(*, user, veranstaltung: Veranstaltung | None = None, **felder):
    erzwingen(user, "empfehlungen.veranstaltung_bearbeiten")
    veranstaltung = veranstaltung or Veranstaltung()
    _felder_setzen(veranstaltung, felder)
    veranstaltung.full_clean()
    veranstaltung.save()
    return veranstaltung


# --- Entering Anregungen ------------------------------------------------------------------------
@transaction.atomic
def anregung_erfassen(
    *,
    user,
    text: str,
    veranstaltung=None,
    quelle: str = "",
    sozialraum=None,
    handlungsfeld=None,
    zielgruppe: str = "",
) -> Anregung:
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    anregung = Anregung(
        text=text.strip(),
        veranstaltung=veranstaltung,
        quelle=quelle,
        sozialraum=sozialraum,
        handlungsfeld=handlungsfeld,
        zielgruppe=zielgruppe,
        erfasst_von=user,
    )
    anregung.full_clean(exclude=["status"])
    anregung.save()
    return anregung


# --- Research transitions -----------------------------------------------------------------------
@transaction.atomic
def anregung_recherche_beginnen(*, anregung: Anregung, user, kommentar: str = "") -> Anregung:
    anregung = _gesperrt(anregung)
    if anregung.zustaendig_id is None:
        anregung.zustaendig = user
    uebergang(anregung, "recherche_beginnen", user=user, kommentar=kommentar)
    return anregung


@transaction.atomic
def anregung_angebot_vorhanden(
    *, anregung: Anregung, user, steckbrief: Massnahmensteckbrief, kommentar: str = ""
) -> Anregung:
    """The suggested offer exists: link its Steckbrief. An unlimited offer closes the
    Anregung as verknüpft; a befristet one waits for a Verlängerung/Verstetigung Empfehlung."""
    anregung = _gesperrt(anregung)
    anregung.steckbrief = steckbrief
    uebergang(
        anregung,
        "angebot_vorhanden",
        user=user,
        kommentar=kommentar or f"Angebot: {steckbrief and steckbrief.titel}",
    )
    if not steckbrief.befristet:
        uebergang(
            anregung,
            "verknuepfen",
            user=user,
            kommentar=f"Mit dem Steckbrief „{steckbrief.titel}“ verknüpft.",
        )
    return anregung


@transaction.atomic
def anregung_zur_statistikpruefung(*, anregung: Anregung, user, kommentar: str = "") -> Anregung:
    anregung = _gesperrt(anregung)
    uebergang(anregung, "zur_statistikpruefung", user=user, kommentar=kommentar)
    return anregung


def _dubletten_kette(anregung: Anregung) -> set[int]:
    """The originals an Anregung points to, transitively (a cycle would hide the outcome)."""
    kette, pk = set(), anregung.pk
    while pk is not None and pk not in kette:
        kette.add(pk)
        pk = (
            Anregung.objects.filter(pk=pk)
            .values_list("dublette_von_anregung_id", flat=True)
            .first()
        )
    return kette - {anregung.pk}


@transaction.atomic
def anregung_als_dublette(
    *,
    anregung: Anregung,
    user,
    original_anregung: Anregung | None = None,
    original_empfehlung: Handlungsempfehlung | None = None,
    kommentar: str = "",
) -> Anregung:
    # Lock both cards (in pk order): two planners marking A and B as each other's duplicate
    # at the same moment must not create a cycle.
    pks = sorted({anregung.pk} | ({original_anregung.pk} if original_anregung else set()))
    gesperrt = {
        a.pk: a for a in Anregung.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    }
    anregung = gesperrt[anregung.pk]
    if original_anregung is not None:
        if original_anregung.pk == anregung.pk:
            raise WorkflowError("Eine Anregung kann keine Dublette von sich selbst sein.")
        original_anregung = gesperrt[original_anregung.pk]
        if anregung.pk in _dubletten_kette(original_anregung):
            raise WorkflowError(
                f"{original_anregung.nummer} ist bereits eine Dublette dieser Anregung."
            )
    _recherche_sicherstellen(anregung, user)
    anregung.dublette_von_anregung = original_anregung
    anregung.dublette_von_empfehlung = original_empfehlung
    original = (
        original_anregung.nummer
        if original_anregung
        else (original_empfehlung.nummer if original_empfehlung else "")
    )
    uebergang(
        anregung, "als_dublette", user=user, kommentar=kommentar or f"Dublette von {original}"
    )
    return anregung


def _recherche_sicherstellen(anregung: Anregung, user) -> None:
    """Closing a card straight from the queue still passes through Recherche, as the process
    has it; the history shows both steps."""
    if anregung.status == S.EINGEGANGEN:
        if anregung.zustaendig_id is None:
            anregung.zustaendig = user
        uebergang(anregung, "recherche_beginnen", user=user)


@transaction.atomic
def anregung_nicht_zustaendig(*, anregung: Anregung, user, grund: str) -> Anregung:
    anregung = _gesperrt(anregung)
    if not grund.strip():
        raise WorkflowError("Bitte begründen, warum die Stadt nicht zuständig ist.")
    _recherche_sicherstellen(anregung, user)
    anregung.abschluss_grund = grund.strip()
    uebergang(anregung, "nicht_zustaendig", user=user, kommentar=anregung.abschluss_grund)
    return anregung


@transaction.atomic
def anregung_wieder_aufnehmen(*, anregung: Anregung, user, kommentar: str) -> Anregung:
    if not kommentar.strip():
        raise WorkflowError("Bitte begründen, warum die Anregung wieder in Recherche geht.")
    anregung = _gesperrt(anregung)
    anregung.steckbrief = None
    anregung.dublette_von_anregung = None
    anregung.dublette_von_empfehlung = None
    anregung.abschluss_grund = ""
    uebergang(anregung, "wieder_aufnehmen", user=user, kommentar=kommentar.strip())
    return anregung


# --- Statistikprüfung ---------------------------------------------------------------------------
def _zahl(wert: Decimal | None) -> str | None:
    return None if wert is None else str(wert)


@transaction.atomic
def statistikpruefung_abschliessen(
    *,
    anregung: Anregung,
    user,
    ergebnis: str,
    begruendung: str,
    kennzahl_ids: Iterable[int],
    jahr: int | None = None,
) -> Statistikpruefung:
    """Record the verdict with the figures as they are now, then move the Anregung on."""
    anregung = _gesperrt(anregung)
    if anregung.status != S.STATISTIKPRUEFUNG:
        raise WorkflowError(
            f"Die Statistikprüfung ist im Zustand „{anregung.get_status_display()}“ nicht möglich."
        )
    if not begruendung.strip():
        raise WorkflowError("Bitte das Ergebnis der Prüfung begründen.")
    if ergebnis not in Statistikpruefung.Ergebnis.values:
        raise WorkflowError("Bitte „Bedarf belegt“ oder „Bedarf nicht belegt“ wählen.")
    auswahl = set(kennzahl_ids)
    if not auswahl:
        raise WorkflowError(
            "Bitte mindestens eine Kennzahl auswählen, auf die sich die Prüfung stützt."
        )
    statistik = selectors.statistik_fuer(anregung.sozialraum, jahr=jahr)
    if statistik.jahr is None:
        raise WorkflowError("Es liegen keine Kennzahlwerte vor; die Prüfung ist so nicht möglich.")
    unbekannt = auswahl - {z.kennzahl.pk for z in statistik.zeilen}
    if unbekannt:
        raise WorkflowError("Die Auswahl enthält unbekannte Kennzahlen.")
    werte = [
        {
            "kennzahl_id": z.kennzahl.pk,
            "name": z.kennzahl.name,
            "einheit": z.kennzahl.einheit,
            "nachkommastellen": z.kennzahl.nachkommastellen,
            "wert": _zahl(z.wert),
            "vergleich": _zahl(z.vergleich),
            "abweichung": _zahl(z.abweichung),
            "rang": z.rang,
            "anzahl": z.anzahl,
            "auffaellig": z.auffaellig,
            "ausgewaehlt": z.kennzahl.pk in auswahl,
        }
        for z in statistik.zeilen
    ]
    index = {}
    if statistik.index is not None:
        index = {
            "jahr": statistik.index.jahr,
            "basisjahr": statistik.index.basisjahr,
            "quartiere": [
                {
                    "name": z.gebiet.name,
                    "status": z.status,
                    "klasse": z.status_klasse,
                    "dynamik": z.dynamik,
                    "entwicklung": z.dynamik_klasse,
                }
                for z in statistik.index.zeilen
            ],
        }
    pruefung = Statistikpruefung.objects.create(
        anregung=anregung,
        sozialraum=anregung.sozialraum,
        jahr=statistik.jahr,
        basisjahr=statistik.basisjahr,
        ergebnis=ergebnis,
        begruendung=begruendung.strip(),
        werte=werte,
        sozialindex=index,
        erstellt_von=user,
    )
    methode = (
        "bedarf_belegt" if ergebnis == Statistikpruefung.Ergebnis.BELEGT else "bedarf_nicht_belegt"
    )
    uebergang(anregung, methode, user=user, kommentar=pruefung.begruendung)
    return pruefung


# --- Empfehlungen -------------------------------------------------------------------------------
def naechste_nummer(kuerzel: str) -> int:
    """Draw the next number of a Nummernkreis; the row lock makes parallel drafts safe."""
    Nummernkreis.objects.get_or_create(kuerzel=kuerzel)
    kreis = Nummernkreis.objects.select_for_update().get(kuerzel=kuerzel)
    kreis.letzte_nummer += 1
    kreis.save(update_fields=["letzte_nummer"])
    return kreis.letzte_nummer


def _passt_zu(anregung: Anregung, empfehlung: Handlungsempfehlung) -> str | None:
    """Why this Anregung may not feed this Empfehlung (None: it may)."""
    if anregung.status == S.BEDARF_BELEGT:
        return None
    if anregung.status == S.ANGEBOT_VORHANDEN and anregung.steckbrief_id:
        if not anregung.steckbrief.befristet:
            return (
                f"{anregung.nummer}: Das Angebot ist nicht befristet; es braucht keine Empfehlung."
            )
        if empfehlung.art not in Handlungsempfehlung.ARTEN_BESTAND:
            return (
                f"{anregung.nummer}: Für ein befristetes Angebot ist eine Empfehlung zur "
                "Verlängerung oder Verstetigung nötig."
            )
        if empfehlung.steckbrief_id != anregung.steckbrief_id:
            return f"{anregung.nummer}: Die Empfehlung betrifft einen anderen Steckbrief."
        return None
    return (
        f"{anregung.nummer} ({anregung.get_status_display()}): Eine Empfehlung braucht eine "
        "Statistikprüfung mit „Bedarf belegt“ oder ein vorhandenes, befristetes Angebot."
    )


@transaction.atomic
def anregungen_verknuepfen(
    *, empfehlung: Handlungsempfehlung, anregungen: Iterable[Anregung], user
) -> list[Anregung]:
    """Let Anregungen feed an Empfehlung; each ends as verknüpft. All or none."""
    erzwingen(user, "empfehlungen.empfehlung_bearbeiten", empfehlung)
    # Locked, so a parallel edit of kind or Steckbrief cannot slip between check and link.
    empfehlung = Handlungsempfehlung.objects.select_for_update().get(pk=empfehlung.pk)
    gesperrt = list(
        Anregung.objects.select_for_update(of=("self",))
        .select_related("steckbrief")
        .filter(pk__in=[a.pk for a in anregungen])
        .order_by("pk")
    )
    fehler = [m for a in gesperrt if (m := _passt_zu(a, empfehlung))]
    if fehler:
        raise WorkflowError(" ".join(fehler))
    for anregung in gesperrt:
        empfehlung.anregungen.add(anregung)
        uebergang(
            anregung,
            "verknuepfen",
            user=user,
            kommentar=f"Mit der Empfehlung {empfehlung.nummer} verknüpft.",
        )
    return gesperrt


M2M_EMPFEHLUNG = ("sozialraeume", "beteiligte")


def _gebiet_bereinigen(empfehlung: Handlungsempfehlung, m2m: dict) -> None:
    """Stadtweit means for the whole city: no list of Sozialräume beside it."""
    if empfehlung.stadtweit and "sozialraeume" in m2m:
        m2m["sozialraeume"] = []


@transaction.atomic
def empfehlung_anlegen(
    *, user, anregungen: Iterable[Anregung] = (), **felder
) -> Handlungsempfehlung:
    """A new Empfehlung draft, numbered in its Sozialraum (or STADT). From Anregungen it is only
    possible with a belegt check or an existing, befristet offer (then of kind Verlängerung or
    Verstetigung); those Anregungen end as verknüpft."""
    erzwingen(user, "empfehlungen.empfehlung_bearbeiten")
    anregungen = list(anregungen)
    empfehlung = Handlungsempfehlung(erstellt_von=user)
    m2m = _felder_setzen(empfehlung, dict(felder), M2M_EMPFEHLUNG)
    _gebiet_bereinigen(empfehlung, m2m)
    sozialraeume = sorted(m2m.get("sozialraeume") or [], key=lambda r: (r.reihenfolge, r.name))
    if empfehlung.stadtweit or not sozialraeume:
        empfehlung.stadtweit = True
        empfehlung.nummernkreis = Handlungsempfehlung.STADTWEIT_KUERZEL
    else:
        empfehlung.nummernkreis = sozialraeume[0].kurzname
    for anregung in anregungen:
        if (m := _passt_zu(anregung, empfehlung)) is not None:
            raise WorkflowError(m)
    empfehlung.laufende_nummer = 0  # drawn below, once everything else is valid
    empfehlung.full_clean(exclude=["status"])
    empfehlung.laufende_nummer = naechste_nummer(empfehlung.nummernkreis)
    empfehlung._history_user = user
    empfehlung.save()
    for name, werte in m2m.items():
        getattr(empfehlung, name).set(werte)
    if anregungen:
        anregungen_verknuepfen(empfehlung=empfehlung, anregungen=anregungen, user=user)
    return empfehlung


@transaction.atomic
def empfehlung_aendern(
    *, empfehlung: Handlungsempfehlung, user, stand: int | None = None, **felder
) -> Handlungsempfehlung:
    """Change a draft's content. `stand` is the version the user started from: a save on top of
    someone else's change is refused with what changed meanwhile."""
    from empfehlungen import freigabe

    erzwingen(user, "empfehlungen.empfehlung_bearbeiten", empfehlung)
    empfehlung = Handlungsempfehlung.objects.select_for_update().get(pk=empfehlung.pk)
    freigabe.inhalt_pruefen(empfehlung, stand)
    if freigabe.unveraendert(empfehlung, felder):
        return empfehlung
    m2m = _felder_setzen(empfehlung, dict(felder), M2M_EMPFEHLUNG)
    _gebiet_bereinigen(empfehlung, m2m)
    # Anregungen about a befristet offer were linked because of kind and Steckbrief.
    angebote = empfehlung.anregungen.filter(steckbrief__befristet=True).exclude(
        steckbrief_id=empfehlung.steckbrief_id
    )
    if empfehlung.art not in Handlungsempfehlung.ARTEN_BESTAND:
        angebote = empfehlung.anregungen.filter(steckbrief__befristet=True)
    if angebote.exists():
        raise WorkflowError(
            "Die Empfehlung ist mit Anregungen zu einem befristeten Angebot verknüpft "
            f"({', '.join(a.nummer for a in angebote)}); Art und Steckbrief bleiben deshalb."
        )
    empfehlung.full_clean(exclude=["status"])
    empfehlung.stand += 1
    empfehlung._history_user = user
    empfehlung.save()
    for name, werte in m2m.items():
        getattr(empfehlung, name).set(werte)
    freigabe.nach_aenderung(empfehlung, user)
    return empfehlung


# --- Bulk actions of the queue ------------------------------------------------------------------
def _auswahl(anregung_ids: Iterable[int]) -> QuerySet[Anregung]:
    ids = list(anregung_ids)
    if not ids:
        raise WorkflowError("Bitte mindestens eine Anregung auswählen.")
    return Anregung.objects.filter(pk__in=ids)


@transaction.atomic
def anregungen_zuweisen(*, anregung_ids: Iterable[int], user, zustaendig) -> int:
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    return _auswahl(anregung_ids).update(zustaendig=zustaendig)


@transaction.atomic
def anregungen_handlungsfeld_setzen(*, anregung_ids: Iterable[int], user, handlungsfeld) -> int:
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    return _auswahl(anregung_ids).update(handlungsfeld=handlungsfeld)


@transaction.atomic
def anregungen_als_dublette(*, anregung_ids: Iterable[int], user, original: Anregung) -> int:
    """Mark several cards as duplicates of one; all or none."""
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    anregungen = list(_auswahl(anregung_ids).exclude(pk=original.pk).order_by("pk"))
    if not anregungen:
        raise WorkflowError("Die Auswahl enthält nur das Original selbst.")
    for anregung in anregungen:
        try:
            anregung_als_dublette(anregung=anregung, user=user, original_anregung=original)
        except WorkflowError as exc:
            raise WorkflowError(f"{anregung.nummer}: {exc} Es wurde nichts geändert.") from exc
    return len(anregungen)


# --- Import and export --------------------------------------------------------------------------
def anregungen_importieren(
    *,
    daten: bytes | Tabelle,
    dateiname: str,
    user,
    speichern: bool,
    veranstaltung: Veranstaltung | None = None,
):
    """Cards from XLSX/CSV: every row saved, or none (with each row's German error). `daten`
    is the file, or the table its preview already read."""
    from empfehlungen.resources import AnregungImportResource
    from stammdaten.importing import importieren

    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    return importieren(
        AnregungImportResource(user=user, veranstaltung=veranstaltung),
        daten,
        dateiname=dateiname,
        speichern=speichern,
        pflichtspalten=AnregungImportResource.PFLICHTSPALTEN,
    )


def anregungen_exportieren(qs: QuerySet[Anregung], format: str) -> bytes:
    from empfehlungen.resources import AnregungExportResource
    from stammdaten.importing import tabelle_exportieren

    qs = qs.select_related(
        "sozialraum", "handlungsfeld", "veranstaltung", "veranstaltung__sozialraum", "zustaendig"
    ).order_by("pk")
    return tabelle_exportieren(AnregungExportResource().export(queryset=qs), format)


def anregungen_vorlage(format: str) -> bytes:
    import tablib

    from empfehlungen.resources import AnregungImportResource
    from stammdaten.importing import tabelle_exportieren

    vorlage = tablib.Dataset(headers=AnregungImportResource.SPALTEN, title="Anregungen")
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
