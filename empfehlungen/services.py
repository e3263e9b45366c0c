"""Every write of the intake and of Empfehlungen: Veranstaltungen, Anregungen and their
research, Statistikprüfungen, Empfehlung drafts and their Umsetzung. Each use case is one
function in one transaction: lock the row, run the transition (which checks state, conditions
and permission), save, record history."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import DatabaseError, transaction
from django.db.models import QuerySet

from core.importing import (
    ImportErgebnis,
    Tabelle,
    Zeilenfehler,
    tabelle_vorbereiten,
    zeilen_einfuegen,
)
from core.rechte import erzwingen
from core.texte import TEXT, text_fehler
from core.workflow import WorkflowError, gesperrt, gueltig, uebergang
from empfehlungen import selectors
from empfehlungen.models import (
    Anregung,
    Handlungsempfehlung,
    Nummernkreis,
    Statistikpruefung,
    Veranstaltung,
)
from empfehlungen.resources import AnregungImport
from freigabe.services import (
    felder_setzen,
    inhalt_speichern,
    inhalt_validieren,
    vorgang_inhalt_aendern,
)
from massnahmen.models import Massnahmensteckbrief
from massnahmen.services import steckbrief_anlegen
from stammdaten.models import Handlungsfeld, Sozialraum, User

S = Anregung.Status


# --- Veranstaltungen ----------------------------------------------------------------------------
@transaction.atomic
def veranstaltung_speichern(
    *, user: User, veranstaltung: Veranstaltung | None = None, **felder
) -> Veranstaltung:
    erzwingen(user, "empfehlungen.veranstaltung_bearbeiten")
    veranstaltung = veranstaltung or Veranstaltung()
    for name, wert in felder.items():
        setattr(veranstaltung, name, wert)
    gueltig(veranstaltung)
    veranstaltung.save()
    return veranstaltung


# --- Entering Anregungen ------------------------------------------------------------------------
@transaction.atomic
def anregung_erfassen(
    *,
    user: User,
    text: str,
    veranstaltung: Veranstaltung | None = None,
    quelle: str = "",
    sozialraum: Sozialraum | None = None,
    handlungsfeld: Handlungsfeld | None = None,
    zielgruppe: str = "",
) -> Anregung:
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    if not text.strip():
        raise WorkflowError(
            "Der Text fehlt.", felder={"text": "Bitte den Text der Anregung eingeben."}
        )
    anregung = Anregung(
        text=text.strip(),
        veranstaltung=veranstaltung,
        quelle=quelle.strip(),
        sozialraum=sozialraum,
        handlungsfeld=handlungsfeld,
        zielgruppe=zielgruppe,
        erfasst_von=user,
    )
    if fehler := anregung.herkunft_fehler():
        raise WorkflowError(" ".join(fehler.values()), felder=fehler)
    gueltig(anregung, exclude=["status"])
    anregung.save()
    return anregung


# --- Research transitions -----------------------------------------------------------------------
@transaction.atomic
def anregung_recherche_beginnen(*, anregung: Anregung, user: User, kommentar: str = "") -> Anregung:
    anregung = gesperrt(anregung)
    if anregung.zustaendig_id is None:
        anregung.zustaendig = user
    uebergang(anregung, "recherche_beginnen", user=user, kommentar=kommentar, felder=["zustaendig"])
    return anregung


@transaction.atomic
def anregung_angebot_vorhanden(
    *, anregung: Anregung, user: User, steckbrief: Massnahmensteckbrief, kommentar: str = ""
) -> Anregung:
    """The suggested offer exists: link its Steckbrief. An unlimited offer closes the
    Anregung as verknüpft; a befristet one waits for a Verlängerung/Verstetigung Empfehlung."""
    anregung = gesperrt(anregung)
    anregung.steckbrief = steckbrief
    uebergang(
        anregung,
        "angebot_vorhanden",
        user=user,
        kommentar=kommentar or f"Angebot: {steckbrief and steckbrief.titel}",
        felder=["steckbrief"],
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
def anregung_zur_statistikpruefung(
    *, anregung: Anregung, user: User, kommentar: str = ""
) -> Anregung:
    anregung = gesperrt(anregung)
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
    user: User,
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
        anregung,
        "als_dublette",
        user=user,
        kommentar=kommentar or f"Dublette von {original}",
        felder=["dublette_von_anregung", "dublette_von_empfehlung"],
    )
    return anregung


def _recherche_sicherstellen(anregung: Anregung, user) -> None:
    """Closing a card straight from the queue still passes through Recherche, as the process
    has it; the history shows both steps."""
    if anregung.status == S.EINGEGANGEN:
        if anregung.zustaendig_id is None:
            anregung.zustaendig = user
        uebergang(anregung, "recherche_beginnen", user=user, felder=["zustaendig"])


@transaction.atomic
def anregung_nicht_zustaendig(*, anregung: Anregung, user: User, grund: str) -> Anregung:
    anregung = gesperrt(anregung)
    if not grund.strip():
        raise WorkflowError("Bitte begründen, warum die Stadt nicht zuständig ist.")
    if fehler := text_fehler(grund.strip(), TEXT, "grund"):
        raise WorkflowError(f"Begründung: {fehler['grund']}", felder=fehler)
    _recherche_sicherstellen(anregung, user)
    anregung.abschluss_grund = grund.strip()
    uebergang(
        anregung,
        "nicht_zustaendig",
        user=user,
        kommentar=anregung.abschluss_grund,
        felder=["abschluss_grund"],
    )
    return anregung


@transaction.atomic
def anregung_wieder_aufnehmen(*, anregung: Anregung, user: User, kommentar: str) -> Anregung:
    if not kommentar.strip():
        raise WorkflowError("Bitte begründen, warum die Anregung wieder in Recherche geht.")
    anregung = gesperrt(anregung)
    anregung.steckbrief = None
    anregung.dublette_von_anregung = None
    anregung.dublette_von_empfehlung = None
    anregung.abschluss_grund = ""
    uebergang(
        anregung,
        "wieder_aufnehmen",
        user=user,
        kommentar=kommentar.strip(),
        felder=[
            "steckbrief",
            "dublette_von_anregung",
            "dublette_von_empfehlung",
            "abschluss_grund",
        ],
    )
    return anregung


# --- Statistikprüfung ---------------------------------------------------------------------------
def _zahl(wert: Decimal | None) -> str | None:
    return None if wert is None else str(wert)


@transaction.atomic
def statistikpruefung_abschliessen(
    *,
    anregung: Anregung,
    user: User,
    ergebnis: str,
    begruendung: str,
    kennzahl_ids: Iterable[int],
    jahr: int | None = None,
) -> Statistikpruefung:
    """Record the verdict with the figures as they are now, then move the Anregung on."""
    anregung = gesperrt(anregung)
    if anregung.status != S.STATISTIKPRUEFUNG:
        raise WorkflowError(
            f"Die Statistikprüfung ist im Zustand „{anregung.get_status_display()}“ nicht möglich."
        )
    if not begruendung.strip():
        raise WorkflowError("Bitte das Ergebnis der Prüfung begründen.")
    if fehler := text_fehler(begruendung.strip(), TEXT, "begruendung"):
        raise WorkflowError(f"Begründung: {fehler['begruendung']}", felder=fehler)
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
def _naechste_nummer(kuerzel: str) -> int:
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
    *, empfehlung: Handlungsempfehlung, anregungen: Iterable[Anregung], user: User
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


@transaction.atomic
def empfehlung_anlegen(
    *, user: User, anregungen: Iterable[Anregung] = (), **felder
) -> Handlungsempfehlung:
    """A new Empfehlung draft, numbered in its (first) Sozialraum or STADT. From Anregungen it
    is only possible with a belegt check or an existing, befristet offer (then of kind
    Verlängerung or Verstetigung); those Anregungen end as verknüpft."""
    erzwingen(user, "empfehlungen.empfehlung_bearbeiten")
    anregungen = list(anregungen)
    empfehlung = Handlungsempfehlung(erstellt_von=user)
    m2m = felder_setzen(empfehlung, felder)
    sozialraeume = sorted(m2m.get("sozialraeume") or [], key=lambda r: (r.reihenfolge, r.name))
    empfehlung.nummernkreis = (
        Handlungsempfehlung.STADTWEIT_KUERZEL
        if empfehlung.stadtweit or not sozialraeume
        else sozialraeume[0].kurzname
    )
    for anregung in anregungen:
        if (m := _passt_zu(anregung, empfehlung)) is not None:
            raise WorkflowError(m)
    # The number is drawn only once everything else is valid: a refusal uses up none.
    empfehlung.laufende_nummer = 0
    inhalt_validieren(empfehlung, m2m)
    empfehlung.laufende_nummer = _naechste_nummer(empfehlung.nummernkreis)
    inhalt_speichern(empfehlung, m2m, user=user)
    if anregungen:
        anregungen_verknuepfen(empfehlung=empfehlung, anregungen=anregungen, user=user)
    return empfehlung


def _art_und_steckbrief_bleiben(empfehlung: Handlungsempfehlung, m2m: dict) -> None:
    """Anregungen about a befristet offer were linked because of kind and Steckbrief."""
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


@transaction.atomic
def empfehlung_aendern(
    *, empfehlung: Handlungsempfehlung, user: User, stand: int | None = None, **felder
) -> Handlungsempfehlung:
    """Change a draft's content. `stand` is the version the user started from: a save on top of
    someone else's change is refused with what changed meanwhile."""
    return vorgang_inhalt_aendern(
        objekt=empfehlung,
        user=user,
        regel="empfehlungen.empfehlung_bearbeiten",
        felder=felder,
        stand=stand,
        vor_dem_speichern=_art_und_steckbrief_bleiben,
    )


UMSETZUNGSSCHRITTE = ("umsetzung_beginnen", "als_umgesetzt", "als_nicht_umsetzbar")


@transaction.atomic
def empfehlung_umsetzung_melden(
    *, empfehlung: Handlungsempfehlung, user: User, schritt: str, kommentar: str = ""
) -> Handlungsempfehlung:
    """After publication: Umsetzung beginnt, umgesetzt, or nicht umsetzbar (with a reason).
    Only Sozialplanung and the lead Bereich may; anyone else is refused, never skipped."""
    if schritt not in UMSETZUNGSSCHRITTE:
        raise WorkflowError("Unbekannter Schritt.")
    if schritt == "als_nicht_umsetzbar" and not kommentar.strip():
        raise WorkflowError("Bitte begründen, warum die Empfehlung nicht umsetzbar ist.")
    empfehlung = gesperrt(empfehlung)
    if not user.has_perm("empfehlungen.umsetzung_melden", empfehlung):
        raise WorkflowError(
            f"Sie dürfen die Umsetzung von {empfehlung.bezeichnung} nicht melden; das tut der "
            f"federführende Bereich ({empfehlung.federfuehrung or 'nicht benannt'}) oder die "
            "Sozialplanung."
        )
    uebergang(empfehlung, schritt, user=user, kommentar=kommentar.strip())
    return empfehlung


# --- New offers from the research ---------------------------------------------------------------
@transaction.atomic
def anregung_steckbrief_anlegen(
    *, anregung: Anregung, user: User, **felder
) -> Massnahmensteckbrief:
    """The offer exists but has no Steckbrief yet: create its draft and record for the
    Anregung that the offer exists (it then counts as decided)."""
    steckbrief = steckbrief_anlegen(user=user, **felder)
    anregung_angebot_vorhanden(
        anregung=anregung,
        user=user,
        steckbrief=steckbrief,
        kommentar="Steckbrief aus der Anregung angelegt.",
    )
    return steckbrief


def anregungen_nach_entfristung_verknuepfen(
    *, steckbrief: Massnahmensteckbrief, user: User
) -> None:
    """The offer is now permanent: the cards waiting for a Verlängerung are answered by it
    (registered with the Steckbrief room; runs inside its transaction)."""
    for anregung in steckbrief.anregungen.select_for_update().filter(
        status=Anregung.Status.ANGEBOT_VORHANDEN
    ):
        uebergang(
            anregung,
            "verknuepfen",
            user=user,
            kommentar=f"Das Angebot „{steckbrief.titel}“ ist jetzt unbefristet.",
        )


# --- Bulk actions of the queue ------------------------------------------------------------------
def _auswahl(anregung_ids: Iterable[int]) -> QuerySet[Anregung]:
    ids = list(anregung_ids)
    if not ids:
        raise WorkflowError("Bitte mindestens eine Anregung auswählen.")
    return Anregung.objects.filter(pk__in=ids)


@transaction.atomic
def anregungen_zuweisen(*, anregung_ids: Iterable[int], user: User, zustaendig: User | None) -> int:
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    return _auswahl(anregung_ids).update(zustaendig=zustaendig)


@transaction.atomic
def anregungen_handlungsfeld_setzen(
    *, anregung_ids: Iterable[int], user: User, handlungsfeld: Handlungsfeld | None
) -> int:
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    return _auswahl(anregung_ids).update(handlungsfeld=handlungsfeld)


@transaction.atomic
def anregungen_als_dublette(*, anregung_ids: Iterable[int], user: User, original: Anregung) -> int:
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
def anregungen_pruefen(
    *,
    daten: bytes | Tabelle,
    dateiname: str,
    user: User,
    veranstaltung: Veranstaltung | None = None,
) -> ImportErgebnis:
    """Read and check a file of cards (XLSX/CSV), saving nothing: each faulty row with its
    German error. Without errors `ergebnis.tabelle` holds every row's cleaned values (ids, not
    names), which `anregungen_uebernehmen` saves without reading or checking them again."""
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    ergebnis = tabelle_vorbereiten(
        daten,
        dateiname=dateiname,
        spalten=AnregungImport.SPALTEN,
        pflichtspalten=AnregungImport.PFLICHTSPALTEN,
    )
    if ergebnis.fehler:
        return ergebnis
    gelesen = ergebnis.tabelle
    werte, ergebnis.fehler = AnregungImport(veranstaltung=veranstaltung).pruefen(gelesen)
    if not ergebnis.fehler:
        ergebnis.tabelle = Tabelle(AnregungImport.FELDER, werte, gelesen.zeilennummern)
        ergebnis.neu = len(werte)
    return ergebnis


def anregungen_uebernehmen(
    *, werte: Tabelle, dateiname: str, user: User, veranstaltung_id: int | None
) -> ImportErgebnis:
    """Save the cards a preview checked (`anregungen_pruefen`) in one transaction, all or
    none. Re-checked is only what may have changed since: the right, the Veranstaltung, and
    Sozialräume or Handlungsfelder deleted meanwhile (German row errors, nothing saved)."""
    erzwingen(user, "empfehlungen.anregung_bearbeiten")
    ergebnis = ImportErgebnis(dateiname=dateiname)
    if werte.kopf != AnregungImport.FELDER:  # another import's token, or one from older code
        ergebnis.fehler = [
            Zeilenfehler(
                None,
                None,
                "Diese Vorschau passt nicht zu diesem Import. Bitte die Datei erneut hochladen.",
            )
        ]
        return ergebnis

    def nachpruefen() -> list[Zeilenfehler]:
        if (
            veranstaltung_id is not None
            and not Veranstaltung.objects.filter(pk=veranstaltung_id).exists()
        ):
            return [
                Zeilenfehler(
                    None,
                    None,
                    "Die gewählte Veranstaltung gibt es seit der Vorschau nicht mehr. Bitte die "
                    "Datei erneut hochladen.",
                )
            ]
        return AnregungImport().nachpruefen(werte)

    try:
        with transaction.atomic():
            ergebnis.fehler = nachpruefen()
            if not ergebnis.fehler:
                zeilen_einfuegen(
                    Anregung,
                    werte.kopf,
                    werte.zeilen,
                    erfasst_von=user,
                    veranstaltung_id=veranstaltung_id,
                )
    except DatabaseError as exc:
        # Deleted after the check above (a race): the check, now run again, names the rows.
        ergebnis.fehler = nachpruefen() or [
            Zeilenfehler(
                None,
                None,
                "Der Import konnte nicht gespeichert werden "
                f"({type(exc).__name__}); es wurde nichts übernommen.",
            )
        ]
    if not ergebnis.fehler:
        ergebnis.neu = len(werte.zeilen)
        ergebnis.gespeichert = True
    return ergebnis


def anregungen_importieren(
    *,
    daten: bytes | Tabelle,
    dateiname: str,
    user: User,
    speichern: bool,
    veranstaltung: Veranstaltung | None = None,
) -> ImportErgebnis:
    """Cards from XLSX/CSV in one go (command line): checked, then every row saved, or none
    (with each row's German error)."""
    ergebnis = anregungen_pruefen(
        daten=daten, dateiname=dateiname, user=user, veranstaltung=veranstaltung
    )
    if ergebnis.fehler or not speichern:
        return ergebnis
    gespeichert = anregungen_uebernehmen(
        werte=ergebnis.tabelle,
        dateiname=dateiname,
        user=user,
        veranstaltung_id=veranstaltung.pk if veranstaltung else None,
    )
    gespeichert.vorschau = ergebnis.vorschau
    return gespeichert
