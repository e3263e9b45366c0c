"""Writes of Wirkung: goals (only while the item is editable; a change is a new stand of the
item), actual values of own indicators, the assessment with its frozen figures, and the
reminder to assess. Every write is one function in one transaction."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.rechte import erzwingen
from core.workflow import WorkflowError, gesperrt, gueltig
from empfehlungen.models import Empfehlungsstatus, Handlungsempfehlung
from empfehlungen.services import anregung_erfassen
from freigabe.models import Freigabestatus
from freigabe.services import inhalt_ergaenzt
from massnahmen.models import Massnahmensteckbrief
from notifications.models import Benachrichtigung
from notifications.services import benachrichtigen
from stammdaten.models import Kennzahlwert, User
from wirkung import selectors
from wirkung.models import Istwert, Wirkungspruefung, Wirkungsziel

Q_ = Wirkungsziel.Quelle
# An effect can be judged once the item is out in the world.
PRUEFBAR = {
    Freigabestatus.VEROEFFENTLICHT,
    Empfehlungsstatus.IN_UMSETZUNG,
    Empfehlungsstatus.UMGESETZT,
    Empfehlungsstatus.NICHT_UMSETZBAR,
}
FELDER = [
    "bezeichnung",
    "art",
    "quelle",
    "richtung",
    "kennzahl",
    "sozialraum",
    "sozialquartier",
    "einheit",
    "basis_jahr",
    "basis_wert",
    "ziel_jahr",
    "ziel_wert",
    "beschreibung",
    "pruefung_am",
]


def _feld(gegenstand) -> str:
    return "empfehlung" if gegenstand.TYP == "empfehlung" else "steckbrief"


# --- Goals --------------------------------------------------------------------------------------
@transaction.atomic
def ziel_speichern(
    *, user: User, gegenstand, ziel: Wirkungsziel | None = None, **felder
) -> Wirkungsziel:
    """Define or change a goal of an Empfehlung or Steckbrief in Entwurf or in Abstimmung;
    afterwards a changed baseline or target needs a new Fassung (like any content)."""
    erzwingen(user, "wirkung.ziele_bearbeiten", gegenstand)
    gegenstand = inhalt_ergaenzt(objekt=gegenstand, user=user)
    if ziel is None:
        ziel = Wirkungsziel(**{_feld(gegenstand): gegenstand})
        ziel.reihenfolge = (
            Wirkungsziel.objects.filter(**{_feld(gegenstand): gegenstand}).count() + 1
        )
    elif ziel.gegenstand.pk != gegenstand.pk or ziel.gegenstand.TYP != gegenstand.TYP:
        raise WorkflowError("Dieses Ziel gehört zu einem anderen Eintrag.")
    for name in FELDER:
        if name in felder:
            setattr(ziel, name, felder[name])
    if isinstance(ziel.bezeichnung, str):
        ziel.bezeichnung = ziel.bezeichnung.strip()
    _ziel_pruefen(ziel, gegenstand)
    ziel.fassung = gegenstand.fassung
    ziel._history_user = user
    gueltig(ziel, exclude=["empfehlung", "steckbrief"])
    ziel.save()
    return ziel


def _ziel_pruefen(ziel: Wirkungsziel, gegenstand) -> None:
    fehler: dict[str, str] = {}
    if ziel.quelle == Q_.QUALITATIV:
        ziel.kennzahl = ziel.sozialraum = ziel.sozialquartier = None
        ziel.basis_jahr = ziel.basis_wert = ziel.ziel_jahr = ziel.ziel_wert = None
        ziel.richtung = ziel.einheit = ""
        if not (ziel.beschreibung or "").strip():
            fehler["beschreibung"] = "Ein qualitatives Ziel braucht eine Beschreibung."
    else:
        if ziel.quelle == Q_.KENNZAHL:
            ziel.einheit = ""
            if ziel.kennzahl is None:
                fehler["kennzahl"] = "Bitte die Kennzahl wählen."
            else:
                if not ziel.bezeichnung:
                    ziel.bezeichnung = ziel.kennzahl.name
                if not ziel.richtung and ziel.kennzahl.richtung != "neutral":
                    # Less need is the aim: "higher is worse" means it should fall.
                    ziel.richtung = "sinken" if ziel.kennzahl.hoeher_ist_schlechter else "steigen"
            fehler.update(_gebiet_fehler(ziel, gegenstand))
        else:
            ziel.kennzahl = ziel.sozialraum = ziel.sozialquartier = None
        if ziel.basis_jahr is None:
            fehler["basis_jahr"] = "Bitte das Ausgangsjahr angeben."
        if ziel.ziel_jahr is None:
            fehler["ziel_jahr"] = "Bitte das Zieljahr angeben."
        elif ziel.basis_jahr is not None and ziel.ziel_jahr <= ziel.basis_jahr:
            fehler["ziel_jahr"] = "Das Zieljahr muss nach dem Ausgangsjahr liegen."
        if ziel.quelle == Q_.KENNZAHL and ziel.basis_wert is None and not fehler:
            ziel.basis_wert = _kennzahlwert(ziel, ziel.basis_jahr)
            if ziel.basis_wert is None:
                fehler["basis_wert"] = (
                    f"Für {ziel.gebiet} gibt es {ziel.basis_jahr} keinen Wert der Kennzahl "
                    f"„{ziel.kennzahl}“; bitte den Ausgangswert eintragen oder ein anderes Jahr."
                )
        elif ziel.basis_wert is None:
            fehler["basis_wert"] = "Bitte den Ausgangswert angeben."
        if ziel.ziel_wert is None:
            fehler["ziel_wert"] = "Bitte den Zielwert angeben."
        if not ziel.richtung:
            fehler["richtung"] = "Bitte angeben, ob der Wert steigen oder sinken soll."
        elif ziel.basis_wert is not None and ziel.ziel_wert is not None:
            if ziel.richtung == "steigen" and ziel.ziel_wert < ziel.basis_wert:
                fehler["ziel_wert"] = (
                    "Der Zielwert liegt unter dem Ausgangswert, der Wert soll aber steigen."
                )
            if ziel.richtung == "sinken" and ziel.ziel_wert > ziel.basis_wert:
                fehler["ziel_wert"] = (
                    "Der Zielwert liegt über dem Ausgangswert, der Wert soll aber sinken."
                )
        if ziel.quelle == Q_.EIGEN and not ziel.bezeichnung:
            fehler["bezeichnung"] = "Bitte den Indikator benennen (z. B. Teilnehmende)."
    if not ziel.bezeichnung and "bezeichnung" not in fehler:
        fehler["bezeichnung"] = "Bitte den Indikator oder das Ziel benennen."
    if fehler:
        raise WorkflowError(" ".join(fehler.values()), felder=fehler)


def _gebiet_fehler(ziel: Wirkungsziel, gegenstand) -> dict[str, str]:
    """A Kennzahl is read for one of the item's Sozialräume or their quarters (or the city
    for a stadtweit item)."""
    raeume = set(gegenstand.sozialraeume.values_list("pk", flat=True))
    if ziel.sozialquartier is not None:
        ziel.sozialraum = None
        if not gegenstand.stadtweit and ziel.sozialquartier.sozialraum_id not in raeume:
            return {"sozialquartier": "Das Sozialquartier liegt in keinem Sozialraum des Eintrags."}
    elif ziel.sozialraum is not None:
        if not gegenstand.stadtweit and ziel.sozialraum_id not in raeume:
            return {"sozialraum": "Der Sozialraum gehört nicht zum Eintrag."}
    elif not gegenstand.stadtweit:
        return {"sozialraum": "Bitte den Sozialraum oder das Sozialquartier wählen."}
    return {}


def _kennzahlwert(ziel: Wirkungsziel, jahr: int) -> Decimal | None:
    return (
        Kennzahlwert.objects.filter(
            kennzahl=ziel.kennzahl,
            sozialraum=ziel.sozialraum,
            sozialquartier=ziel.sozialquartier,
            jahr=jahr,
        )
        .values_list("wert", flat=True)
        .first()
    )


@transaction.atomic
def ziel_loeschen(*, user: User, ziel: Wirkungsziel) -> None:
    erzwingen(user, "wirkung.ziele_bearbeiten", ziel.gegenstand)
    inhalt_ergaenzt(objekt=ziel.gegenstand, user=user)
    ziel._history_user = user
    ziel.delete()


# --- Actual values of own indicators ------------------------------------------------------------
def wert_lesen(roh: object, feld: str = "Wert") -> tuple[Decimal | None, str | None]:
    """A number as typed in Germany ("1.234,5") or by a machine ("1234.5")."""
    text = "" if roh is None else str(roh).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None, f"{feld}: bitte eine Zahl eintragen."
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", text):
        # "1.020": a thousand and twenty to a German reader, 1.02 to a machine; never guess.
        return None, (
            f"{feld}: „{text}“ ist mehrdeutig; bitte ohne Tausenderpunkt ({text.replace('.', '')}) "
            f"oder mit Komma ({text.replace('.', ',', 1) if text.count('.') == 1 else text}) schreiben."
        )
    try:
        wert = Decimal(text)
    except InvalidOperation:
        return None, f"{feld}: „{str(roh)[:20]}“ ist keine Zahl."
    if not wert.is_finite() or abs(wert) >= Decimal("1e10"):
        return None, f"{feld}: „{str(roh)[:20]}“ ist zu groß."
    return wert.quantize(Decimal("0.0001")), None


@transaction.atomic
def istwert_erfassen(
    *,
    user: User,
    ziel: Wirkungsziel,
    jahr: int,
    wert: Decimal,
    quartal: int | None = None,
    herkunft: str = "",
) -> Istwert:
    """Record (or correct) the actual value of an own indicator for a year or quarter."""
    erzwingen(user, "wirkung.istwerte_melden", ziel.gegenstand)
    ziel = gesperrt(ziel)
    if ziel.quelle != Q_.EIGEN:
        raise WorkflowError(
            "Istwerte werden nur für eigene Indikatoren erfasst; Kennzahlen kommen aus dem "
            "Import der Kennzahlwerte."
        )
    if ziel.basis_jahr and jahr < ziel.basis_jahr:
        meldung = f"Das Jahr liegt vor dem Ausgangsjahr {ziel.basis_jahr}."
        raise WorkflowError(meldung, felder={"jahr": meldung})
    istwert = Istwert.objects.filter(ziel=ziel, jahr=jahr, quartal=quartal).first() or Istwert(
        ziel=ziel, jahr=jahr, quartal=quartal
    )
    istwert.wert, istwert.herkunft = wert, herkunft[:200]
    istwert.erfasst_am, istwert.erfasst_von = timezone.now(), user
    istwert._history_user = user
    gueltig(istwert, exclude=["ziel"], validate_unique=False, validate_constraints=False)
    istwert.save()
    return istwert


# --- Assessment ---------------------------------------------------------------------------------
@transaction.atomic
def wirkung_pruefen(
    *, user: User, gegenstand, urteil: str, begruendung: str, neue_anregung: bool = False
) -> Wirkungspruefung:
    """Sozialplanung's judgement with the figures frozen as they are now; a "nicht wirksam"
    may start a new Anregung for the next Expert*innendialog, linked both ways."""
    erzwingen(user, "wirkung.pruefen", gegenstand)
    gegenstand = gesperrt(gegenstand)
    if gegenstand.status not in PRUEFBAR:
        raise WorkflowError(
            f"{gegenstand.bezeichnung} ist {gegenstand.get_status_display()}; eine Wirkung lässt "
            "sich erst nach der Veröffentlichung prüfen."
        )
    if neue_anregung and urteil != Wirkungspruefung.Urteil.NICHT_WIRKSAM:
        raise WorkflowError("Eine neue Anregung entsteht nur aus einem „nicht wirksam“.")
    auswertungen = selectors.auswerten(selectors.ziele_von([gegenstand]))
    pruefung = Wirkungspruefung(
        **{_feld(gegenstand): gegenstand},
        urteil=urteil,
        begruendung=(begruendung or "").strip(),
        belege=[a.beleg() for a in auswertungen],
        fassung=gegenstand.fassung,
        geprueft_von=user,
    )
    if not pruefung.begruendung:
        raise WorkflowError(
            "Bitte das Urteil begründen.", felder={"begruendung": "Bitte das Urteil begründen."}
        )
    gueltig(pruefung, exclude=["empfehlung", "steckbrief"])
    if neue_anregung:
        raeume = list(gegenstand.sozialraeume.all()[:2])
        pruefung.anregung = anregung_erfassen(
            user=user,
            text=f"Wirkungsprüfung „{gegenstand.bezeichnung}“: nicht wirksam. "
            f"{pruefung.begruendung}"[:5_000],
            quelle=f"Wirkungsprüfung vom {timezone.localdate():%d.%m.%Y}",
            sozialraum=raeume[0] if len(raeume) == 1 else None,
            handlungsfeld=gegenstand.handlungsfeld,
        )
    pruefung._history_user = user
    pruefung.save()
    return pruefung


# --- Reminder -----------------------------------------------------------------------------------
def faellige_pruefungen(heute: date) -> list[tuple[object, str]]:
    """Items whose assessment is due and not yet recorded: an Empfehlung umgesetzt, or a
    Prüfungstag reached. Each with its occasion (part of the reminder's unique key)."""
    faellig = []
    for modell, feld in ((Handlungsempfehlung, "empfehlung"), (Massnahmensteckbrief, "steckbrief")):
        ziele = Wirkungsziel.objects.filter(**{feld: OuterRef("pk")})
        geprueft = Wirkungspruefung.objects.filter(**{feld: OuterRef("pk")})
        bedingung = Q(Exists(ziele.filter(pruefung_am__lte=heute)))
        if modell is Handlungsempfehlung:
            bedingung |= Q(status=Empfehlungsstatus.UMGESETZT, _mit_ziel=True)
        qs = (
            modell.objects.annotate(_mit_ziel=Exists(ziele), _geprueft=Exists(geprueft))
            .filter(bedingung, _geprueft=False)
            .exclude(status=Freigabestatus.ZURUECKGEZOGEN)
        )
        for gegenstand in qs:
            tag = (
                Wirkungsziel.objects.filter(**{feld: gegenstand}, pruefung_am__lte=heute)
                .order_by("pruefung_am")
                .values_list("pruefung_am", flat=True)
                .first()
            )
            faellig.append((gegenstand, tag.isoformat() if tag else "umgesetzt"))
    return faellig


def an_pruefungen_erinnern(*, heute: date | None = None) -> int:
    """Remind Sozialplanung once per item and occasion (the notification's unique key makes
    a second pass, or a parallel one, send nothing)."""
    heute = heute or timezone.localdate()
    empfaenger = list(User.objects.filter(is_active=True, ist_sozialplanung=True))
    neu = 0
    for gegenstand, anlass in faellige_pruefungen(heute):
        with transaction.atomic():
            neu += len(
                benachrichtigen(
                    empfaenger=empfaenger,
                    art=Benachrichtigung.Art.ERINNERUNG,
                    titel=f"Wirkungsprüfung fällig: {gegenstand.bezeichnung}",
                    text="Bitte prüfen und festhalten, ob der Eintrag gewirkt hat: wirksam, "
                    "teilweise wirksam, nicht wirksam oder nicht beurteilbar"
                    + (
                        " (er ist umgesetzt)."
                        if anlass == "umgesetzt"
                        else f" (Prüfungstag {anlass})."
                    )
                    + " Die Zahlen werden dabei eingefroren.",
                    link=gegenstand.get_absolute_url() + "#wirkung",
                    schluessel=f"wirkungspruefung:{gegenstand.TYP}:{gegenstand.pk}:{anlass}",
                )
            )
    return neu


# --- Import of actual values --------------------------------------------------------------------
IMPORT_SPALTEN = ["Ziel-ID", "Jahr", "Quartal", "Wert", "Herkunft"]


@transaction.atomic
def istwerte_importieren(*, user: User, daten: bytes, dateiname: str):
    """Actual values of own indicators from XLSX/CSV (the export's Ziel-ID, Jahr, optional
    Quartal, Wert, optional Herkunft); all rows or none, each error with its row."""
    from core.importing import ImportFehler, Zeilenfehler, kopf_angleichen, tabelle_lesen

    try:
        tabelle = tabelle_lesen(daten, dateiname)
    except ImportFehler as exc:
        return 0, [Zeilenfehler(None, None, str(exc))]
    fehler = kopf_angleichen(tabelle, IMPORT_SPALTEN, ["Ziel-ID", "Jahr", "Wert"])
    if fehler:
        return 0, fehler
    if not tabelle.zeilen:
        return 0, [Zeilenfehler(None, None, f"„{dateiname}“ enthält keine Datenzeilen.")]
    zeilen = []
    for nummer, roh in zip(tabelle.zeilennummern, tabelle.zeilen, strict=True):
        werte = dict(zip(tabelle.kopf, roh, strict=False))
        zeilen.append((nummer, {k: "" if v is None else str(v).strip() for k, v in werte.items()}))
    ids = {
        int(z["Ziel-ID"]) for _, z in zeilen if z["Ziel-ID"].isdigit() and len(z["Ziel-ID"]) < 12
    }
    ziele = Wirkungsziel.objects.select_related("empfehlung", "steckbrief").in_bulk(ids)
    erlaubt: dict[int, bool] = {}
    gesehen: dict[tuple, int] = {}
    neu = []
    for nummer, z in zeilen:
        ziel = (
            ziele.get(int(z["Ziel-ID"]))
            if z["Ziel-ID"].isdigit() and len(z["Ziel-ID"]) < 12
            else None
        )
        if ziel is None:
            fehler.append(
                Zeilenfehler(
                    nummer, "Ziel-ID", f"Ein Wirkungsziel „{z['Ziel-ID'][:20]}“ gibt es nicht."
                )
            )
            continue
        if ziel.pk not in erlaubt:
            erlaubt[ziel.pk] = user.has_perm("wirkung.istwerte_melden", ziel.gegenstand)
        if not erlaubt[ziel.pk]:
            fehler.append(
                Zeilenfehler(
                    nummer,
                    "Ziel-ID",
                    f"Für „{ziel}“ meldet nur der federführende Bereich oder die Sozialplanung.",
                )
            )
            continue
        if ziel.quelle != Q_.EIGEN:
            fehler.append(
                Zeilenfehler(
                    nummer,
                    "Ziel-ID",
                    f"„{ziel}“ ist kein eigener Indikator; Kennzahlen kommen aus dem Import der Kennzahlwerte.",
                )
            )
            continue
        jahr = int(z["Jahr"]) if re.fullmatch(r"(19|20|21)[0-9]{2}", z["Jahr"]) else None
        if jahr is None:
            fehler.append(Zeilenfehler(nummer, "Jahr", f"„{z['Jahr'][:20]}“ ist kein Jahr."))
        elif ziel.basis_jahr and jahr < ziel.basis_jahr:
            fehler.append(
                Zeilenfehler(
                    nummer, "Jahr", f"{jahr} liegt vor dem Ausgangsjahr {ziel.basis_jahr}."
                )
            )
        quartal_text = z.get("Quartal", "")
        quartal = None
        if quartal_text:
            if quartal_text.removesuffix(".0") in ("1", "2", "3", "4"):
                quartal = int(quartal_text.removesuffix(".0"))
            else:
                fehler.append(
                    Zeilenfehler(
                        nummer,
                        "Quartal",
                        f"„{quartal_text[:20]}“: bitte 1 bis 4 oder leer (ganzes Jahr).",
                    )
                )
        wert, meldung = wert_lesen(z["Wert"])
        if meldung:
            fehler.append(Zeilenfehler(nummer, "Wert", meldung))
        herkunft = z.get("Herkunft", "")[:200]
        if jahr is None or meldung or (quartal_text and quartal is None):
            continue
        schluessel = (ziel.pk, jahr, quartal)
        if schluessel in gesehen:
            fehler.append(
                Zeilenfehler(
                    nummer,
                    "Jahr",
                    f"Doppelt: derselbe Zeitraum steht schon in Zeile {gesehen[schluessel]}.",
                )
            )
            continue
        gesehen[schluessel] = nummer
        neu.append((ziel, jahr, quartal, wert, herkunft))
    if fehler:
        return 0, fehler
    for ziel, jahr, quartal, wert, herkunft in neu:
        istwert_erfassen(
            user=user,
            ziel=ziel,
            jahr=jahr,
            quartal=quartal,
            wert=wert,
            herkunft=herkunft or f"Import „{dateiname[:150]}“",
        )
    return len(neu), []
