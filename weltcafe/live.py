"""Live rounds at the event: Sozialplanung opens a question, participants answer from their
phones without an account, the answers flow into what the event already records (feedback
words, the dots of each offer kept apart as *digital*, the island's cards), and moderation
hides what must not be shown. Every write is one function in one transaction."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from core.rechte import erzwingen
from core.texte import EINZEILIG, text_fehler
from core.workflow import WorkflowError, gesperrt, gueltig
from empfehlungen.models import Veranstaltung
from stammdaten.models import User
from weltcafe.models import (
    Angebotsabfrage,
    Karte,
    Liveantwort,
    Liverunde,
    Rueckmeldewort,
    Sperrwort,
    Themeninsel,
)

BEARBEITEN = "weltcafe.bearbeiten"
KARTENTEXT = Karte._meta.get_field("text").validators[-1]
# No 0/O, 1/l/I: the code is read off a projector and typed on a phone.
KURZCODE_ZEICHEN = "abcdefghjkmnpqrstuvwxyz23456789"
KURZCODE_LAENGE = 6

FRAGEN = {
    Liverunde.Art.WOERTER: "Wie war die Veranstaltung für Sie? Ein bis zwei Worte.",
    Liverunde.Art.BEKANNTHEIT: "Kennen Sie das Angebot?",
    Liverunde.Art.KARTEN: "",
}


def vorgeschlagene_frage(art: str, karten_art: str = "") -> str:
    if art == Liverunde.Art.KARTEN and karten_art:
        return {
            Karte.Art.BEKANNTER_MACHEN: "Wie kann das Angebot bekannter gemacht werden?",
            Karte.Art.WOHER_BEKANNT: "Woher kennen Sie uns?",
        }.get(karten_art, "Was möchten Sie uns mitgeben?")
    return FRAGEN.get(art, "")


class RundeGeschlossen(WorkflowError):
    """The round is closed (by hand or at its time)."""


class SchonBeantwortet(WorkflowError):
    """This device has answered this question as often as the round allows."""


# --- Rounds -------------------------------------------------------------------------------------
@transaction.atomic
def runde_oeffnen(
    *,
    user: User,
    veranstaltung: Veranstaltung,
    art: str,
    frage: str = "",
    themeninsel: Themeninsel | None = None,
    karten_art: str = "",
    endet_um: datetime | None = None,
    antworten_je_geraet: int | None = None,
) -> Liverunde:
    erzwingen(user, BEARBEITEN)
    if art not in Liverunde.Art.values:
        raise WorkflowError(
            "Bitte eine Art der Frage wählen.", felder={"art": "Bitte eine Art der Frage wählen."}
        )
    if themeninsel is not None and themeninsel.veranstaltung_id != veranstaltung.pk:
        raise WorkflowError("Die Themeninsel gehört zu einer anderen Veranstaltung.")
    if art == Liverunde.Art.BEKANNTHEIT:
        karten_art = ""
        abfragen = Angebotsabfrage.objects.filter(themeninsel__veranstaltung=veranstaltung)
        if themeninsel is not None:
            abfragen = abfragen.filter(themeninsel=themeninsel)
        if not abfragen.exists():
            meldung = (
                "An dieser Themeninsel steht noch kein Angebot."
                if themeninsel
                else "An den Themeninseln dieser Veranstaltung steht noch kein Angebot."
            )
            raise WorkflowError(meldung, felder={"themeninsel": meldung})
    elif art == Liverunde.Art.KARTEN:
        if not karten_art:
            raise WorkflowError(
                "Bitte die Art der Karten wählen.",
                felder={"karten_art": "Bitte die Art der Karten wählen."},
            )
    else:
        themeninsel, karten_art = None, ""
    if endet_um is not None and endet_um <= timezone.now():
        raise WorkflowError(
            "Die Schlusszeit liegt in der Vergangenheit.",
            felder={"endet_um": "Die Schlusszeit liegt in der Vergangenheit."},
        )
    runde = Liverunde(
        veranstaltung=veranstaltung,
        art=art,
        frage=(frage or "").strip() or vorgeschlagene_frage(art, karten_art),
        themeninsel=themeninsel,
        karten_art=karten_art,
        endet_um=endet_um,
        antworten_je_geraet=antworten_je_geraet or settings.LIVE_ANTWORTEN_JE_GERAET,
        geoeffnet_von=user,
        kurzcode=_neuer_kurzcode(),
    )
    gueltig(runde, exclude=["veranstaltung", "themeninsel", "kurzcode"])
    runde.save()
    return runde


def _neuer_kurzcode() -> str:
    while True:
        code = "".join(secrets.choice(KURZCODE_ZEICHEN) for _ in range(KURZCODE_LAENGE))
        if not Liverunde.objects.filter(kurzcode=code).exists():
            return code


@transaction.atomic
def runde_schliessen(*, user: User, runde: Liverunde) -> Liverunde:
    erzwingen(user, BEARBEITEN)
    runde = gesperrt(runde)
    if runde.geschlossen_am is None:
        # Closing after the set time keeps the earlier moment: that is when answers stopped.
        jetzt = timezone.now()
        runde.geschlossen_am = min(jetzt, runde.endet_um) if runde.endet_um else jetzt
        runde.save(update_fields=["geschlossen_am"])
    return runde


# --- Answers ------------------------------------------------------------------------------------
def neues_geraet() -> str:
    """The random token a phone keeps in its cookie; nothing about the person."""
    return secrets.token_urlsafe(24)


def geraet_hash(runde: Liverunde, token: str) -> str:
    return hashlib.sha256(f"{runde.pk}:{token}".encode()).hexdigest()


def wort_normal(text: str) -> str:
    return " ".join(text.split())


def gesperrt_durch_wortliste(text: str, sperrwoerter: list[str] | None = None) -> bool:
    """True when any word of the text starts with a Sperrwort ("Idiot" catches "Idioten",
    not "Marsch" for "Arsch"); case and ß/ss do not matter."""
    if sperrwoerter is None:
        sperrwoerter = list(Sperrwort.objects.values_list("wort", flat=True))
    gesucht = [s.casefold() for s in sperrwoerter if s.strip()]
    if not gesucht:
        return False
    woerter = re.findall(r"\w+", text.casefold())
    return any(w.startswith(s) for w in woerter for s in gesucht)


def _pruefen(runde: Liverunde, text: str, abfrage_id: int | None, bekannt: bool | None):
    if runde.art == Liverunde.Art.BEKANNTHEIT:
        if abfrage_id is None or bekannt is None:
            raise WorkflowError("Bitte „ja“ oder „nein“ antippen.")
        abfrage = runden_abfragen(runde).filter(pk=abfrage_id).first()
        if abfrage is None:
            raise WorkflowError("Dieses Angebot gehört nicht zu dieser Frage.")
        return "", abfrage
    if runde.art == Liverunde.Art.WOERTER:
        wort = wort_normal(text)
        if not wort:
            raise WorkflowError("Bitte ein oder zwei Worte eingeben.", felder={"text": "leer"})
        if len(wort.split()) > 2:
            meldung = "Bitte höchstens zwei Worte."
            raise WorkflowError(meldung, felder={"text": meldung})
        if len(wort) > Rueckmeldewort._meta.get_field("wort").max_length:
            meldung = "Das ist zu lang: höchstens 60 Zeichen."
            raise WorkflowError(meldung, felder={"text": meldung})
        if meldung := text_fehler(wort, EINZEILIG, "text"):
            raise WorkflowError(meldung["text"], felder=meldung)
        return wort, None
    text = text.strip()
    if not text:
        raise WorkflowError("Bitte etwas auf die Karte schreiben.", felder={"text": "leer"})
    if meldung := text_fehler(text, KARTENTEXT, "text"):
        raise WorkflowError(meldung["text"], felder=meldung)
    return text, None


def runden_abfragen(runde: Liverunde):
    """The offers a Bekanntheit round asks about, in the order the islands show them."""
    qs = Angebotsabfrage.objects.filter(themeninsel__veranstaltung_id=runde.veranstaltung_id)
    if runde.themeninsel_id:
        qs = qs.filter(themeninsel_id=runde.themeninsel_id)
    return qs.select_related("steckbrief", "themeninsel").order_by(
        "themeninsel__reihenfolge", "themeninsel_id", "reihenfolge", "pk"
    )


@transaction.atomic
def antworten(
    *,
    runde: Liverunde,
    geraet: str,
    text: str = "",
    abfrage_id: int | None = None,
    bekannt: bool | None = None,
) -> Liveantwort:
    """One answer from one phone (no user: participants have no account). Refused when the
    round is closed or the device has answered this question as often as allowed."""
    # The round's row queues answers of one round: the device limit holds under parallel taps.
    runde = gesperrt(runde, Liverunde.objects.select_related("veranstaltung"))
    if not runde.offen:
        raise RundeGeschlossen("Diese Runde ist geschlossen. Vielen Dank fürs Mitmachen!")
    text, abfrage = _pruefen(runde, text, abfrage_id, bekannt)
    schon = runde.antworten.filter(geraet=geraet, abfrage=abfrage).count()
    if schon >= runde.antworten_je_geraet:
        raise SchonBeantwortet(
            "Von diesem Gerät ist diese Frage schon beantwortet."
            if runde.antworten_je_geraet == 1
            else f"Von diesem Gerät sind schon {schon} Antworten auf diese Frage eingegangen; "
            "mehr sind nicht vorgesehen."
        )
    antwort = Liveantwort(runde=runde, geraet=geraet, text=text, abfrage=abfrage, bekannt=bekannt)
    if text and gesperrt_durch_wortliste(text):
        antwort.zustand = Liveantwort.Zustand.GESPERRT
    antwort.save()
    if antwort.zustand == Liveantwort.Zustand.SICHTBAR:
        _zaehlen(antwort, runde)
    return antwort


def _zaehlen(antwort: Liveantwort, runde: Liverunde) -> None:
    """Put the answer into the event's results (caller holds the round's lock)."""
    if antwort.gezaehlt:
        return
    if runde.art == Liverunde.Art.BEKANNTHEIT:
        feld = "ja_digital" if antwort.bekannt else "nein_digital"
        Angebotsabfrage.objects.filter(pk=antwort.abfrage_id).update(**{feld: F(feld) + 1})
    elif runde.art == Liverunde.Art.WOERTER:
        # The event's row also queues the typed entry of feedback words (same lock there).
        gesperrt(runde.veranstaltung)
        wort = runde.veranstaltung.rueckmeldewoerter.filter(wort__iexact=antwort.text).first()
        if wort is None:
            Rueckmeldewort.objects.create(
                veranstaltung_id=runde.veranstaltung_id, wort=antwort.text, anzahl=1
            )
        else:
            Rueckmeldewort.objects.filter(pk=wort.pk).update(anzahl=F("anzahl") + 1)
    else:
        antwort.karte = Karte.objects.create(
            veranstaltung_id=runde.veranstaltung_id,
            themeninsel_id=runde.themeninsel_id,
            art=runde.karten_art or Karte.Art.SONSTIGES,
            text=antwort.text,
            quelle=Karte.Quelle.DIGITAL,
        )
    antwort.gezaehlt = True
    antwort.save(update_fields=["gezaehlt", "karte"])


def _abziehen(antwort: Liveantwort, runde: Liverunde) -> None:
    """Take the answer out of the event's results again (hidden by moderation)."""
    if not antwort.gezaehlt:
        return
    if runde.art == Liverunde.Art.BEKANNTHEIT:
        feld = "ja_digital" if antwort.bekannt else "nein_digital"
        Angebotsabfrage.objects.filter(pk=antwort.abfrage_id, **{f"{feld}__gt": 0}).update(
            **{feld: F(feld) - 1}
        )
    elif runde.art == Liverunde.Art.WOERTER:
        gesperrt(runde.veranstaltung)
        wort = runde.veranstaltung.rueckmeldewoerter.filter(wort__iexact=antwort.text).first()
        if wort is not None and wort.anzahl > 1:
            Rueckmeldewort.objects.filter(pk=wort.pk).update(anzahl=F("anzahl") - 1)
        elif wort is not None:
            wort.delete()
    elif antwort.karte_id is not None:
        karte = Karte.objects.select_for_update().get(pk=antwort.karte_id)
        if karte.anregung_id is not None:
            raise WorkflowError(
                f"Aus dieser Karte ist schon die Anregung {karte.anregung_id} geworden; sie "
                "bleibt sichtbar. Bitte die Anregung selbst bearbeiten."
            )
        karte.delete()
        antwort.karte = None
    antwort.gezaehlt = False
    antwort.save(update_fields=["gezaehlt", "karte"])


@transaction.atomic
def verbergen(*, user: User, antwort: Liveantwort) -> Liveantwort:
    erzwingen(user, BEARBEITEN)
    runde = gesperrt(antwort.runde, Liverunde.objects.select_related("veranstaltung"))
    antwort = gesperrt(antwort)
    _abziehen(antwort, runde)
    antwort.zustand = Liveantwort.Zustand.VERBORGEN
    antwort.moderiert_von, antwort.moderiert_am = user, timezone.now()
    antwort.save(update_fields=["zustand", "moderiert_von", "moderiert_am"])
    return antwort


@transaction.atomic
def freigeben(*, user: User, antwort: Liveantwort) -> Liveantwort:
    erzwingen(user, BEARBEITEN)
    runde = gesperrt(antwort.runde, Liverunde.objects.select_related("veranstaltung"))
    antwort = gesperrt(antwort)
    antwort.zustand = Liveantwort.Zustand.SICHTBAR
    antwort.moderiert_von, antwort.moderiert_am = user, timezone.now()
    antwort.save(update_fields=["zustand", "moderiert_von", "moderiert_am"])
    _zaehlen(antwort, runde)
    return antwort


# The starting list (also written by migration 0005); the city edits it on its own page.
SPERRWOERTER_VORGABE = [
    "arsch",
    "idiot",
    "fick",
    "fuck",
    "hure",
    "nazi",
    "scheiß",
    "schlampe",
    "wichser",
]


def sperrwoerter_vorgeben() -> None:
    """An empty list gets the starting list (the demo; a database flushed by tests)."""
    if not Sperrwort.objects.exists():
        Sperrwort.objects.bulk_create([Sperrwort(wort=w) for w in SPERRWOERTER_VORGABE])


@transaction.atomic
def sperrwoerter_speichern(*, user: User, text: str) -> list[str]:
    """Replace the Sperrwort list: one word per line; all lines or none."""
    erzwingen(user, BEARBEITEN)
    woerter: dict[str, str] = {}
    fehler = []
    for nummer, zeile in enumerate(text.splitlines(), start=1):
        wort = " ".join(zeile.split())
        if not wort:
            continue
        if " " in wort:
            fehler.append(f"Zeile {nummer}: bitte ein Wort je Zeile.")
        elif len(wort) > 60:
            fehler.append(f"Zeile {nummer}: höchstens 60 Zeichen.")
        elif meldung := text_fehler(wort, EINZEILIG, "wort"):
            fehler.append(f"Zeile {nummer}: {meldung['wort']}")
        else:
            woerter.setdefault(wort.casefold(), wort)
    if fehler:
        raise WorkflowError(" ".join(fehler), felder={"woerter": " ".join(fehler)})
    vorhanden = {s.wort.casefold(): s for s in Sperrwort.objects.all()}
    for schluessel, eintrag in vorhanden.items():
        if schluessel not in woerter:
            eintrag.delete()
    Sperrwort.objects.bulk_create(
        [Sperrwort(wort=w) for k, w in woerter.items() if k not in vorhanden]
    )
    return sorted(woerter.values(), key=str.casefold)


# --- Reads for the projector and the phones -----------------------------------------------------
@dataclass
class Wort:
    wort: str
    anzahl: int


@dataclass
class Balken:
    abfrage: Angebotsabfrage
    ja: int
    nein: int

    @property
    def n(self) -> int:
        return self.ja + self.nein

    @property
    def prozent_ja(self) -> int:
        from core.charts import prozent_gerundet

        return prozent_gerundet(self.ja / self.n) if self.n else 0

    @property
    def prozent_nein(self) -> int:
        return 100 - self.prozent_ja if self.n else 0


def sichtbare_antworten(runde: Liverunde):
    return runde.antworten.filter(zustand=Liveantwort.Zustand.SICHTBAR)


def wortwolke(runde: Liverunde) -> list[Wort]:
    """Visible words counted case-insensitively, shown as first written; most frequent first."""
    zaehler: Counter[str] = Counter()
    schreibweise: dict[str, str] = {}
    for text in sichtbare_antworten(runde).order_by("pk").values_list("text", flat=True):
        schluessel = text.casefold()
        schreibweise.setdefault(schluessel, text)
        zaehler[schluessel] += 1
    return [
        Wort(schreibweise[k], n)
        for k, n in sorted(zaehler.items(), key=lambda e: (-e[1], schreibweise[e[0]].casefold()))
    ]


def balken(runde: Liverunde) -> list[Balken]:
    """ja/nein of this round per offer (the round's taps only, not the paper dots)."""
    zahlen = {
        z["abfrage_id"]: z
        for z in sichtbare_antworten(runde)
        .values("abfrage_id")
        .annotate(ja=Count("pk", filter=Q(bekannt=True)), nein=Count("pk", filter=Q(bekannt=False)))
        .order_by()
    }
    return [
        Balken(a, zahlen.get(a.pk, {}).get("ja", 0), zahlen.get(a.pk, {}).get("nein", 0))
        for a in runden_abfragen(runde)
    ]


def karten(runde: Liverunde, grenze: int = 40) -> list[Liveantwort]:
    """The newest visible cards first (the projector shows what just came in)."""
    return list(sichtbare_antworten(runde).order_by("-pk")[:grenze])


def eigene_antworten(runde: Liverunde, geraet: str) -> list[Liveantwort]:
    return list(runde.antworten.filter(geraet=geraet).order_by("pk"))
