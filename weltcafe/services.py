"""Writes of the World-Café "Markt der Möglichkeiten": Themeninseln, dots, cards, feedback
words, and cards that become Anregungen. Every write is one function in one transaction."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.importing import ImportFehler, Zeilenfehler, kopf_angleichen, tabelle_lesen
from core.rechte import erzwingen
from core.texte import EINZEILIG, text_fehler
from core.workflow import WorkflowError, gesperrt, gueltig
from empfehlungen.models import Anregung, Veranstaltung
from empfehlungen.services import anregung_erfassen
from massnahmen.models import Massnahmensteckbrief
from massnahmen.services import steckbrief_anlegen
from stammdaten.models import Handlungsfeld, User
from weltcafe.models import Angebotsabfrage, Karte, Rueckmeldewort, Themeninsel

BEARBEITEN = "weltcafe.bearbeiten"
KARTENTEXT = Karte._meta.get_field("text").validators[-1]


# --- Themeninseln -------------------------------------------------------------------------------
@transaction.atomic
def themeninsel_speichern(
    *,
    user: User,
    veranstaltung: Veranstaltung,
    themeninsel: Themeninsel | None = None,
    titel: str,
    handlungsfeld: Handlungsfeld | None = None,
    bereiche: Iterable = (),
    steckbriefe: Iterable[Massnahmensteckbrief] = (),
    neue_angebote: Iterable[str] = (),
    reihenfolge: int | None = None,
) -> Themeninsel:
    """Create or change a Themeninsel with its offers. An offer not yet recorded becomes a
    Steckbrief draft led by the first presenting Bereich, so its dots have a home."""
    erzwingen(user, BEARBEITEN)
    bereiche = list(bereiche)
    if themeninsel is None:
        if reihenfolge is None:
            reihenfolge = veranstaltung.themeninseln.count() + 1
        themeninsel = Themeninsel(veranstaltung=veranstaltung, reihenfolge=reihenfolge)
    elif reihenfolge is not None:
        themeninsel.reihenfolge = reihenfolge
    themeninsel.titel = titel.strip()
    themeninsel.handlungsfeld = handlungsfeld
    gueltig(themeninsel, exclude=["bereiche"])
    themeninsel.save()
    themeninsel.bereiche.set(bereiche)

    angebote = list(steckbriefe)
    namen = [n.strip() for n in neue_angebote if n.strip()]
    if namen and not bereiche:
        raise WorkflowError("Für neue Angebote bitte einen vorstellenden Bereich wählen.")
    schon = {
        a.steckbrief.titel.casefold() for a in themeninsel.abfragen.select_related("steckbrief")
    }
    schon |= {s.titel.casefold() for s in angebote}
    for name in namen:
        # One offer per name at an island: the grid and the import address offers by name.
        if name[:200].casefold() in schon:
            raise WorkflowError(f"„{name}“ steht schon an dieser Themeninsel.")
        schon.add(name[:200].casefold())
        angebote.append(
            steckbrief_anlegen(
                user=user,
                titel=name[:200],
                beschreibung=f"Vorgestellt beim World-Café „{veranstaltung.bezeichnung}“ "
                f"({veranstaltung.datum:%d.%m.%Y}); Beschreibung folgt.",
                handlungsfeld=handlungsfeld,
                federfuehrung=bereiche[0] if bereiche else None,
                sozialraeume=[veranstaltung.sozialraum] if veranstaltung.sozialraum_id else [],
                stadtweit=not veranstaltung.sozialraum_id,
            )
        )
    vorhanden = {a.steckbrief_id: a for a in themeninsel.abfragen.all()}
    gewuenscht = {s.pk for s in angebote}
    # Dots already counted are kept: removing an offer with dots would lose data silently.
    for sid, abfrage in vorhanden.items():
        if sid not in gewuenscht:
            if abfrage.ja or abfrage.nein:
                raise WorkflowError(
                    f"„{abfrage.steckbrief}“ hat schon Punkte und bleibt an der Themeninsel."
                )
            abfrage.delete()
    for i, steckbrief in enumerate(angebote, start=1):
        if steckbrief.pk in vorhanden:
            Angebotsabfrage.objects.filter(pk=vorhanden[steckbrief.pk].pk).update(reihenfolge=i)
        else:
            Angebotsabfrage.objects.create(
                themeninsel=themeninsel, steckbrief=steckbrief, reihenfolge=i
            )
    return themeninsel


# --- Dots ---------------------------------------------------------------------------------------
# More dots than any hall holds people: a typo, not a count (and the columns' limit stays far).
PUNKTE_MAX = 100_000


def punkte_pruefen(roh: object, feld: str, angebot: str) -> tuple[int | None, str | None]:
    """A count from a grid cell or file: empty is 0; else a whole number ≥ 0."""
    text = "" if roh is None else str(roh).strip()
    if text == "":
        return 0, None
    # A typed "12,0" is 12; "1.000" (German thousands) is not silently 1.
    text = re.sub(r"^(-?[0-9]+),0{1,2}$", r"\1", text)
    if not re.fullmatch(r"-?[0-9]{1,9}", text):
        return None, f"„{angebot}“, {feld}: „{text[:20]}“ ist keine ganze Zahl."
    if int(text) < 0:
        return None, f"„{angebot}“, {feld}: Die Zahl der Punkte kann nicht negativ sein."
    if int(text) > PUNKTE_MAX:
        return (
            None,
            f"„{angebot}“, {feld}: Mehr als {PUNKTE_MAX:,} Punkte sind nicht möglich.".replace(
                ",", "."
            ),
        )
    return int(text), None


@transaction.atomic
def themeninsel_punkte_speichern(
    *, user: User, themeninsel: Themeninsel, werte: dict[int, tuple[int, int]]
) -> list[Angebotsabfrage]:
    """Save the dots of one Themeninsel; all rows or none. `werte` maps Angebotsabfrage pk to
    (ja, nein)."""
    erzwingen(user, BEARBEITEN)
    abfragen = {a.pk: a for a in themeninsel.abfragen.select_for_update()}
    unbekannt = set(werte) - set(abfragen)
    if unbekannt:
        raise WorkflowError("Ein Angebot gehört nicht zu dieser Themeninsel.")
    for pk, (ja, nein) in werte.items():
        if ja < 0 or nein < 0:
            raise WorkflowError("Die Zahl der Punkte kann nicht negativ sein.")
        abfrage = abfragen[pk]
        abfrage.ja, abfrage.nein = ja, nein
    Angebotsabfrage.objects.bulk_update(list(abfragen.values()), ["ja", "nein"])
    return list(abfragen.values())


PUNKTE_SPALTEN = ["Themeninsel", "Angebot", "ja", "nein"]
KARTEN_SPALTEN = ["Art", "Text", "Themeninsel", "Angebot"]


def _tabelle(daten: bytes, dateiname: str, spalten: list[str], pflicht: list[str]):
    try:
        tabelle = tabelle_lesen(daten, dateiname)
    except ImportFehler as exc:
        return None, [Zeilenfehler(None, None, str(exc))]
    fehler = kopf_angleichen(tabelle, spalten, pflicht)
    if not fehler and not tabelle.zeilen:
        # A header alone is no successful import of nothing.
        fehler = [Zeilenfehler(None, None, f"„{dateiname}“ enthält keine Datenzeilen.")]
    return tabelle, fehler


def _zeilen(tabelle):
    for nummer, zeile in zip(tabelle.zeilennummern, tabelle.zeilen, strict=True):
        werte = dict(zip(tabelle.kopf, zeile, strict=False))
        yield nummer, {k: ("" if v is None else str(v).strip()) for k, v in werte.items()}


def _inseln(veranstaltung: Veranstaltung) -> dict[str, Themeninsel]:
    return {t.titel.casefold(): t for t in veranstaltung.themeninseln.all()}


@transaction.atomic
def punkte_importieren(
    *, user: User, veranstaltung: Veranstaltung, daten: bytes, dateiname: str
) -> tuple[int, list[Zeilenfehler]]:
    """Dots from XLSX/CSV (Themeninsel, Angebot, ja, nein); the offer must stand at that
    Themeninsel. All rows or none: any error saves nothing."""
    erzwingen(user, BEARBEITEN)
    tabelle, fehler = _tabelle(daten, dateiname, PUNKTE_SPALTEN, PUNKTE_SPALTEN)
    if fehler:
        return 0, fehler
    inseln = _inseln(veranstaltung)
    abfragen = {
        (a.themeninsel_id, a.steckbrief.titel.casefold()): a
        for a in Angebotsabfrage.objects.filter(
            themeninsel__veranstaltung=veranstaltung
        ).select_related("steckbrief")
    }
    gesehen: dict[int, int] = {}
    aenderungen = []
    for nummer, z in _zeilen(tabelle):
        insel = inseln.get(z["Themeninsel"].casefold())
        if insel is None:
            fehler.append(
                Zeilenfehler(
                    nummer, "Themeninsel", f"Themeninsel „{z['Themeninsel']}“ gibt es hier nicht."
                )
            )
            continue
        abfrage = abfragen.get((insel.pk, z["Angebot"].casefold()))
        if abfrage is None:
            fehler.append(
                Zeilenfehler(
                    nummer,
                    "Angebot",
                    f"Angebot „{z['Angebot']}“ steht nicht an der Themeninsel „{insel.titel}“.",
                )
            )
            continue
        if abfrage.pk in gesehen:
            fehler.append(
                Zeilenfehler(
                    nummer,
                    "Angebot",
                    f"Doppelt: dieses Angebot steht schon in Zeile {gesehen[abfrage.pk]}.",
                )
            )
            continue
        gesehen[abfrage.pk] = nummer
        zahlen = []
        for feld in ("ja", "nein"):
            wert, meldung = punkte_pruefen(z[feld], feld, z["Angebot"])
            if meldung:
                fehler.append(Zeilenfehler(nummer, feld, meldung))
            zahlen.append(wert)
        if None not in zahlen:
            abfrage.ja, abfrage.nein = zahlen
            aenderungen.append(abfrage)
    if fehler:
        return 0, fehler
    Angebotsabfrage.objects.bulk_update(aenderungen, ["ja", "nein"])
    return len(aenderungen), []


# --- Cards --------------------------------------------------------------------------------------
@transaction.atomic
def karten_erfassen(
    *,
    user: User,
    veranstaltung: Veranstaltung,
    art: str,
    texte: Iterable[str],
    themeninsel: Themeninsel | None = None,
    steckbrief: Massnahmensteckbrief | None = None,
) -> list[Karte]:
    """Several cards of one kind at once, one per text (fast entry after the event)."""
    erzwingen(user, BEARBEITEN)
    if themeninsel is not None and themeninsel.veranstaltung_id != veranstaltung.pk:
        raise WorkflowError("Die Themeninsel gehört zu einer anderen Veranstaltung.")
    karten, fehler = [], []
    for nummer, text in enumerate(texte, start=1):
        if not text.strip():
            continue
        karte = Karte(
            veranstaltung=veranstaltung,
            themeninsel=themeninsel,
            steckbrief=steckbrief,
            art=art,
            text=text.strip(),
        )
        fehler += [f"Zeile {nummer}: {m}" for m in _karte_fehler(karte)]
        karten.append(karte)
    if fehler:
        raise WorkflowError(" ".join(fehler), felder={"texte": " ".join(fehler)})
    return Karte.objects.bulk_create(karten)


def _karte_fehler(karte: Karte) -> list[str]:
    try:
        karte.full_clean(exclude=["veranstaltung", "themeninsel", "steckbrief"])
    except ValidationError as exc:
        return [m for liste in exc.message_dict.values() for m in liste]
    return []


def _karte_zum_aendern(user: User, karte: Karte) -> Karte:
    erzwingen(user, BEARBEITEN)
    karte = Karte.objects.select_for_update(of=("self",)).get(pk=karte.pk)
    if karte.anregung_id is not None:
        raise WorkflowError(
            f"Aus dieser Karte ist schon die Anregung {karte.anregung_id} geworden; sie bleibt "
            "als deren Quelle unverändert. Korrekturen bitte an der Anregung."
        )
    return karte


@transaction.atomic
def karte_aendern(
    *,
    user: User,
    karte: Karte,
    art: str,
    text: str,
    themeninsel: Themeninsel | None = None,
    steckbrief: Massnahmensteckbrief | None = None,
) -> Karte:
    """Correct a card typed wrongly (kind, island, offer, text)."""
    karte = _karte_zum_aendern(user, karte)
    if themeninsel is not None and themeninsel.veranstaltung_id != karte.veranstaltung_id:
        raise WorkflowError("Die Themeninsel gehört zu einer anderen Veranstaltung.")
    if steckbrief is not None and (
        themeninsel is None or not themeninsel.abfragen.filter(steckbrief=steckbrief).exists()
    ):
        raise WorkflowError(
            "Das Angebot steht nicht an dieser Themeninsel.",
            felder={"steckbrief": "Das Angebot steht nicht an dieser Themeninsel."},
        )
    karte.art, karte.text = art, text.strip()
    karte.themeninsel, karte.steckbrief = themeninsel, steckbrief
    if fehler := _karte_fehler(karte):
        raise WorkflowError(" ".join(fehler), felder={"text": " ".join(fehler)})
    karte.save()
    return karte


@transaction.atomic
def karte_loeschen(*, user: User, karte: Karte) -> None:
    """Remove a card typed twice or by mistake; one that became an Anregung stays its source."""
    _karte_zum_aendern(user, karte).delete()


ARTEN = {
    **{wert.casefold(): wert for wert, _ in Karte.Art.choices},
    **{label.casefold(): wert for wert, label in Karte.Art.choices},
    "bekannter machen": Karte.Art.BEKANNTER_MACHEN,
    "woher bekannt": Karte.Art.WOHER_BEKANNT,
    "sonstiges": Karte.Art.SONSTIGES,
}


@transaction.atomic
def karten_importieren(
    *, user: User, veranstaltung: Veranstaltung, daten: bytes, dateiname: str
) -> tuple[int, list[Zeilenfehler]]:
    """Cards from XLSX/CSV (Art, Text, optional Themeninsel and Angebot); all rows or none."""
    erzwingen(user, BEARBEITEN)
    tabelle, fehler = _tabelle(daten, dateiname, KARTEN_SPALTEN, ["Art", "Text"])
    if fehler:
        return 0, fehler
    inseln = _inseln(veranstaltung)
    # Offers per island by title, in one query (not one per row).
    angebote = {
        (a.themeninsel_id, a.steckbrief.titel.casefold()): a.steckbrief
        for a in Angebotsabfrage.objects.filter(
            themeninsel__veranstaltung=veranstaltung
        ).select_related("steckbrief")
    }
    karten = []
    for nummer, z in _zeilen(tabelle):
        art = ARTEN.get(z["Art"].casefold())
        if art is None:
            fehler.append(
                Zeilenfehler(
                    nummer,
                    "Art",
                    f"„{z['Art']}“ ist keine Art; erlaubt: bekannter machen, woher bekannt, "
                    "sonstiges.",
                )
            )
        if not z["Text"]:
            fehler.append(Zeilenfehler(nummer, "Text", "Der Text fehlt."))
        elif meldung := text_fehler(z["Text"], KARTENTEXT, "Text"):
            fehler.append(Zeilenfehler(nummer, "Text", meldung["Text"]))
        insel = None
        if z.get("Themeninsel"):
            insel = inseln.get(z["Themeninsel"].casefold())
            if insel is None:
                fehler.append(
                    Zeilenfehler(
                        nummer,
                        "Themeninsel",
                        f"Themeninsel „{z['Themeninsel']}“ gibt es hier nicht.",
                    )
                )
        steckbrief = None
        if z.get("Angebot") and not z.get("Themeninsel"):
            fehler.append(
                Zeilenfehler(nummer, "Themeninsel", "Zu einem Angebot gehört die Themeninsel.")
            )
        elif z.get("Angebot") and insel is not None:
            steckbrief = angebote.get((insel.pk, z["Angebot"].casefold()))
            if steckbrief is None:
                fehler.append(
                    Zeilenfehler(
                        nummer,
                        "Angebot",
                        f"Angebot „{z['Angebot']}“ steht nicht an der Themeninsel „{insel.titel}“.",
                    )
                )
        if art and z["Text"]:
            karten.append(
                Karte(
                    veranstaltung=veranstaltung,
                    themeninsel=insel,
                    steckbrief=steckbrief,
                    art=art,
                    text=z["Text"],
                )
            )
    if fehler:
        return 0, fehler
    Karte.objects.bulk_create(karten)
    return len(karten), []


@transaction.atomic
def karte_als_anregung_uebernehmen(*, user: User, karte: Karte) -> Anregung:
    """The card enters the intake triage as an Anregung, linked to its card; once only."""
    erzwingen(user, BEARBEITEN)
    karte = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins.
        Karte.objects.select_for_update(of=("self",))
        .select_related("veranstaltung", "themeninsel")
        .get(pk=karte.pk)
    )
    if karte.anregung_id is not None:
        raise WorkflowError(
            f"Aus dieser Karte ist schon die Anregung {karte.anregung_id} geworden."
        )
    anregung = anregung_erfassen(
        user=user,
        text=karte.text,
        veranstaltung=karte.veranstaltung,
        sozialraum=karte.veranstaltung.sozialraum,
        handlungsfeld=karte.themeninsel.handlungsfeld if karte.themeninsel else None,
    )
    karte.anregung = anregung
    karte.save(update_fields=["anregung"])
    return anregung


# --- Feedback words -----------------------------------------------------------------------------
def woerter_lesen(text: str) -> tuple[list[tuple[str, int]], list[str]]:
    """One answer per line, optionally with a count after ";" ("informativ; 5")."""
    woerter, fehler = [], []
    for nummer, zeile in enumerate(text.splitlines(), start=1):
        wort, _, anzahl = zeile.partition(";")
        wort = " ".join(wort.split())
        if not wort:
            continue
        if len(wort.split()) > 2:
            fehler.append(f"Zeile {nummer}: „{wort}“ hat mehr als zwei Worte.")
            continue
        if len(wort) > 60:
            fehler.append(f"Zeile {nummer}: „{wort[:20]}…“ ist zu lang.")
            continue
        if meldung := text_fehler(wort, EINZEILIG, "wort"):
            fehler.append(f"Zeile {nummer}: {meldung['wort']}")
            continue
        anzahl = anzahl.strip() or "1"
        if not re.fullmatch(r"[0-9]{1,6}", anzahl) or not 1 <= int(anzahl) <= PUNKTE_MAX:
            fehler.append(
                f"Zeile {nummer}: Die Anzahl „{anzahl[:20]}“ muss eine Zahl von 1 bis "
                f"{PUNKTE_MAX:_} sein.".replace("_", ".")
            )
            continue
        woerter.append((wort, int(anzahl)))
    return woerter, fehler


@transaction.atomic
def rueckmeldewoerter_erfassen(
    *, user: User, veranstaltung: Veranstaltung, woerter: Iterable[tuple[str, int]]
) -> list[Rueckmeldewort]:
    """Add feedback words; the same word in other case counts for the one already there."""
    erzwingen(user, BEARBEITEN)
    # Entries for one event queue up: a word new to both of two parallel saves is added once.
    gesperrt(veranstaltung)
    vorhanden = {w.wort.casefold(): w for w in veranstaltung.rueckmeldewoerter.select_for_update()}
    geaendert = {}
    for wort, anzahl in woerter:
        schluessel = wort.casefold()
        eintrag = vorhanden.get(schluessel)
        if eintrag is None:
            eintrag = vorhanden[schluessel] = Rueckmeldewort(
                veranstaltung=veranstaltung, wort=wort, anzahl=0
            )
        eintrag.anzahl += anzahl
        if eintrag.anzahl > PUNKTE_MAX:
            raise WorkflowError(
                f"„{eintrag.wort}“ käme auf mehr als {PUNKTE_MAX:_} Nennungen.".replace("_", ".")
            )
        geaendert[schluessel] = eintrag
    try:
        with transaction.atomic():
            for eintrag in geaendert.values():
                eintrag.save()
    except IntegrityError as exc:  # the database's case-insensitive rule, as a last guard
        raise WorkflowError(
            "Ein Wort wurde soeben anders geschrieben schon erfasst; bitte noch einmal speichern."
        ) from exc
    return list(geaendert.values())
