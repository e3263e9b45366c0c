"""Keeping the public copy current: after every state change of an Empfehlung, a Steckbrief,
a Sachstandsmeldung (checked) or a Strategiepapier (published), the items concerned are copied
again once the transaction commits. An item whose new Fassung is being prepared keeps its
published copy; a withdrawn one disappears. A nightly pass (`alles_abgleichen`) repairs
whatever a lost commit hook or a master-data rename left behind."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from controlling.models import Meldestatus, Sachstandsmeldung, Umsetzungsstatus
from core.models import Statuswechsel
from empfehlungen.models import Anregung, Empfehlungsstatus, Handlungsempfehlung
from freigabe.models import Freigabestatus
from massnahmen.models import Massnahmensteckbrief
from stammdaten.rules import VEROEFFENTLICHT
from strategiepapier.models import Strategiepapier
from transparenz.models import OeffentlicherEintrag, Umsetzungsstand
from wirkung import selectors as wirkung_selectors

logger = logging.getLogger(__name__)

A = OeffentlicherEintrag.Art
U = Umsetzungsstand
E = Empfehlungsstatus
MODELLE = {A.EMPFEHLUNG: Handlungsempfehlung, A.MASSNAHME: Massnahmensteckbrief}
EREIGNISSE = {
    E.VEROEFFENTLICHT: "veröffentlicht",
    E.IN_UMSETZUNG: "Umsetzung begonnen",
    E.UMGESETZT: "umgesetzt",
    E.NICHT_UMSETZBAR: "als nicht umsetzbar abgeschlossen",
}
# A checked Meldung's status, as the public reads it.
AUS_MELDUNG = {
    Umsetzungsstatus.NICHT_BEGONNEN: U.NICHT_BEGONNEN,
    Umsetzungsstatus.IN_UMSETZUNG: U.IN_UMSETZUNG,
    Umsetzungsstatus.VERZOEGERT: U.VERZOEGERT,
    Umsetzungsstatus.UMGESETZT: U.UMGESETZT,
    Umsetzungsstatus.GESTOPPT: U.GESTOPPT,
}


def art_von(objekt: Model) -> str | None:
    if isinstance(objekt, Handlungsempfehlung):
        return A.EMPFEHLUNG
    if isinstance(objekt, Massnahmensteckbrief):
        return A.MASSNAHME
    return None


def kennung_von(objekt) -> str:
    return objekt.nummer if isinstance(objekt, Handlungsempfehlung) else f"M-{objekt.pk}"


# --- Following the workflow ----------------------------------------------------------------------
def beim_uebergang(objekt: Model, wechsel: Statuswechsel) -> None:
    """Registered on core.workflow.NACH_UEBERGANG: schedule the copy for after the commit."""
    ziele: list[tuple[str, int]] = []
    if (art := art_von(objekt)) is not None:
        ziele.append((art, objekt.pk))
    elif isinstance(objekt, Sachstandsmeldung) and wechsel.nach == Meldestatus.GEPRUEFT:
        if objekt.empfehlung_id:
            ziele.append((A.EMPFEHLUNG, objekt.empfehlung_id))
        elif objekt.steckbrief_id:
            ziele.append((A.MASSNAHME, objekt.steckbrief_id))
    elif isinstance(objekt, Strategiepapier) and objekt.veroeffentlicht:
        # Stadtweit items published by another paper before change no state here.
        ziele += [(A.EMPFEHLUNG, pk) for pk in objekt.empfehlungen.values_list("pk", flat=True)]
        ziele += [(A.MASSNAHME, pk) for pk in objekt.steckbriefe.values_list("pk", flat=True)]
    if ziele:
        _vormerken(ziele)


def _vormerken(ziele: list[tuple[str, int]]) -> None:
    """Copy each item once per transaction, however many transitions touched it (publishing a
    paper moves 200 items and the paper, which names them all again): the transaction's one
    commit hook collects them. A rollback drops the hook and what it collected."""
    verbindung = transaction.get_connection()
    if not verbindung.in_atomic_block:
        _abgleichen_oder_an_worker(ziele)
        return
    vormerkung = next(
        (f for _, f, _ in verbindung.run_on_commit if isinstance(f, _Vormerkung)), _Vormerkung()
    )
    vormerkung.ziele.update(dict.fromkeys(ziele))
    # Registered with every step (a savepoint rolled back drops only its own registrations);
    # the first call copies everything collected, the later ones find nothing left.
    transaction.on_commit(vormerkung, robust=True)


class _Vormerkung:
    def __init__(self):
        self.ziele: dict[tuple[str, int], None] = {}

    def __call__(self) -> None:
        ziele, self.ziele = list(self.ziele), {}
        if ziele:
            _abgleichen_oder_an_worker(ziele)


def _abgleichen_oder_an_worker(ziele: list[tuple[str, int]]) -> None:
    """A few items are copied at once; a whole paper's (hundreds, seconds of work) goes to the
    worker, so that publishing does not wait for it (the nightly pass repairs a lost task)."""
    if len(ziele) > settings.TRANSPARENZ_SOFORT_HOECHSTENS:
        from transparenz.tasks import eintraege_abgleichen

        eintraege_abgleichen.delay(ziele)
    else:
        alle_abgleichen(ziele)


def alle_abgleichen(ziele: list[tuple[str, int]]) -> int:
    """Copy these items; one item's failure does not keep the others from their copy."""
    geschrieben = 0
    for art, pk in ziele:
        try:
            geschrieben += abgleichen(art, pk) is not None
        except Exception:
            logger.exception("Öffentliche Kopie von %s %s fehlgeschlagen", art, pk)
    return geschrieben


def abgleichen(art: str, pk: int) -> OeffentlicherEintrag | None:
    objekt = MODELLE[art].objects.filter(pk=pk).first()
    if objekt is None:
        OeffentlicherEintrag.objects.filter(art=art, quelle_id=pk).delete()
        return None
    return eintrag_abgleichen(objekt)


@transaction.atomic
def eintrag_abgleichen(objekt) -> OeffentlicherEintrag | None:
    """Write the public copy of one item, keep it (new Fassung in preparation: the published
    one stays), or remove it (never published, or withdrawn).

    The item's row stays locked until the copy is written: the worker copying a paper and the
    nightly pass (or the demo) may copy the same item at once, and the second must find the
    first's copy instead of inserting another."""
    art = art_von(objekt)
    list(type(objekt).objects.select_for_update().filter(pk=objekt.pk).values_list("pk"))
    eintrag = (
        OeffentlicherEintrag.objects.select_for_update()
        .filter(art=art, quelle_id=objekt.pk)
        .first()
    )
    verlauf, veroeffentlicht_am = _verlauf(objekt)
    in_arbeit = veroeffentlicht_am and objekt.status != Freigabestatus.ZURUECKGEZOGEN
    if objekt.status in VEROEFFENTLICHT:
        eintrag = eintrag or OeffentlicherEintrag(art=art, quelle_id=objekt.pk)
        _inhalt_uebernehmen(eintrag, objekt)
        # Goals belong to the Fassung: while a new one is in preparation, the published
        # goals and figures stay as they were (a changed draft target never shows).
        eintrag.wirkung, eintrag.wirkungspruefungen = _wirkung(objekt)
        eintrag.neue_fassung_in_arbeit = False
    elif in_arbeit and eintrag is not None:
        eintrag.neue_fassung_in_arbeit = True  # the published Fassung stays as it was
    elif in_arbeit and (frueher := _zuletzt_veroeffentlicht(objekt, verlauf)) is not None:
        # No copy yet (rebuilt from scratch): the published Fassung from the version history.
        eintrag = OeffentlicherEintrag(art=art, quelle_id=objekt.pk)
        _inhalt_uebernehmen(eintrag, frueher)
        eintrag.neue_fassung_in_arbeit = True
    else:
        if eintrag is not None:
            eintrag.delete()
        return None
    eintrag.veroeffentlicht_am = veroeffentlicht_am or timezone.now()
    _stand_uebernehmen(eintrag, objekt, verlauf)
    eintrag.aktualisiert_am = timezone.now()
    neu = eintrag.pk is None
    eintrag.save()
    if objekt.status in VEROEFFENTLICHT or neu:
        eintrag.sozialraeume.set(objekt.sozialraeume.all())
        eintrag.beteiligte.set(objekt.beteiligte.all())
    return eintrag


OEFFENTLICHE_BELEGE = [
    "indikator",
    "art",
    "quelle",
    "gebiet",
    "einheit",
    "ausgang",
    "ziel",
    "ist",
    "zielerreichung",
    "zustand",
    "gegen_stadt",
]


def _wirkung(objekt) -> tuple[list[dict], list[dict]]:
    """The goals with their figures now, and the assessments (judgement, date, reasons; not
    who assessed)."""
    auswertungen = wirkung_selectors.auswerten(wirkung_selectors.ziele_von([objekt]))
    ziele = [{k: a.beleg()[k] for k in OEFFENTLICHE_BELEGE} for a in auswertungen]
    pruefungen = [
        {
            "urteil": p.get_urteil_display(),
            "datum": timezone.localtime(p.geprueft_am).date().isoformat(),
            "begruendung": p.begruendung,
            "fassung": p.fassung,
        }
        for p in wirkung_selectors.pruefungen_von(objekt)
    ]
    return ziele, pruefungen


def _zuletzt_veroeffentlicht(objekt, verlauf: list[dict]):
    """The item as it was at its last publication (django-simple-history), or None."""
    zeiten = [v["zeit"] for v in verlauf if v.get("zustand") == E.VEROEFFENTLICHT]
    if not zeiten:
        return None
    try:
        return objekt.history.as_of(zeiten[-1])
    except type(objekt).DoesNotExist:
        return None


def _inhalt_uebernehmen(eintrag: OeffentlicherEintrag, objekt) -> None:
    """The published Fassung's content (only fields meant for the public)."""
    eintrag.kennung = kennung_von(objekt)
    eintrag.fassung = objekt.fassung
    eintrag.titel = objekt.titel
    eintrag.handlungsfeld_id = objekt.handlungsfeld_id
    eintrag.federfuehrung_id = objekt.federfuehrung_id
    eintrag.stadtweit = objekt.stadtweit
    if isinstance(objekt, Handlungsempfehlung):
        eintrag.text = objekt.text
        eintrag.begruendung = objekt.begruendung
        eintrag.ziele = eintrag.zielgruppe = eintrag.traeger = ""
        eintrag.merkmale = {
            "Art": objekt.get_art_display(),
            "Priorität": objekt.get_prioritaet_display(),
            "Zeithorizont": objekt.get_zeithorizont_display(),
        }
    else:
        eintrag.text = objekt.beschreibung
        eintrag.begruendung = ""
        eintrag.ziele = objekt.ziele
        eintrag.zielgruppe = objekt.zielgruppe
        eintrag.traeger = objekt.traeger
        laufzeit = "unbefristet"
        if objekt.befristet and objekt.laufzeit_bis:
            laufzeit = f"befristet bis {objekt.laufzeit_bis:%d.%m.%Y}"
        eintrag.merkmale = {"Laufzeit": laufzeit}


def _stand_uebernehmen(eintrag: OeffentlicherEintrag, objekt, verlauf: list[dict]) -> None:
    """What happened since: checked Sachstand, timeline, Anregungen behind, papers."""
    feld = "empfehlung" if isinstance(objekt, Handlungsempfehlung) else "steckbrief"
    geprueft = list(
        Sachstandsmeldung.objects.filter(**{feld: objekt}, status=Meldestatus.GEPRUEFT)
        .select_related("periode")
        .order_by("-periode__stichtag")
    )
    letzte = geprueft[0] if geprueft else None
    for m in geprueft:
        teile = [m.get_umsetzungsstatus_display() or "Sachstand"]
        if m.fortschritt is not None:
            teile.append(f"{m.fortschritt} %")
        verlauf.append(
            {
                "datum": _datum(m.geprueft_am),
                "ereignis": f"Sachstand {m.periode.kurz} geprüft: {', '.join(teile)}",
                "zeit": m.geprueft_am,
            }
        )
    eintrag.verlauf = sorted(verlauf, key=lambda v: (v["datum"], v["zeit"] or timezone.now()))
    eintrag.fortschritt = letzte.fortschritt if letzte else None
    eintrag.sachstand = letzte.oeffentlicher_sachstand if letzte else ""
    eintrag.sachstand_periode = letzte.periode.kurz if letzte else ""
    eintrag.sachstand_geprueft_am = (
        timezone.localdate(letzte.geprueft_am) if letzte and letzte.geprueft_am else None
    )
    eintrag.umsetzungsstand = _umsetzungsstand(objekt, letzte)
    if isinstance(objekt, Handlungsempfehlung):
        anregungen = objekt.anregungen.all()
    else:
        anregungen = Anregung.objects.filter(steckbrief=objekt)
    eintrag.anzahl_anregungen = anregungen.count()
    eintrag.veranstaltungen = [
        {
            "datum": v.datum.isoformat(),
            "titel": v.titel or v.get_format_display(),
            "format": v.get_format_display(),
            "sozialraum": v.sozialraum.name,
            "teilnehmende": v.teilnehmende,
        }
        for v in _veranstaltungen(anregungen)
    ]
    eintrag.strategiepapiere = [
        {"pk": p.pk, "sozialraum": p.sozialraum.name, "ausgabe": p.ausgabe}
        for p in objekt.strategiepapiere.filter(
            status=Strategiepapier.Status.VEROEFFENTLICHT
        ).select_related("sozialraum")
    ]
    eintrag.beginn = next(
        (v["datum_tag"] for v in verlauf if v.get("zustand") == E.IN_UMSETZUNG), None
    )
    eintrag.ende = next(
        (v["datum_tag"] for v in verlauf if v.get("zustand") in (E.UMGESETZT, E.NICHT_UMSETZBAR)),
        None,
    )
    for v in eintrag.verlauf:  # the helpers above stay out of the stored JSON
        for hilfe in ("zustand", "datum_tag", "zeit"):
            v.pop(hilfe, None)


def _veranstaltungen(anregungen):
    from empfehlungen.models import Veranstaltung

    return (
        Veranstaltung.objects.filter(pk__in=anregungen.values("veranstaltung"))
        .select_related("sozialraum")
        .order_by("datum", "pk")
    )


def _umsetzungsstand(objekt, letzte: Sachstandsmeldung | None) -> str:
    if objekt.status == E.UMGESETZT:
        return U.UMGESETZT
    if objekt.status == E.NICHT_UMSETZBAR:
        return U.NICHT_UMSETZBAR
    if letzte is not None and letzte.umsetzungsstatus in AUS_MELDUNG:
        return AUS_MELDUNG[letzte.umsetzungsstatus]
    if isinstance(objekt, Handlungsempfehlung) and objekt.status != E.IN_UMSETZUNG:
        return U.NICHT_BEGONNEN
    return U.IN_UMSETZUNG  # begun, or an offer that exists (a Steckbrief)


def _verlauf(objekt) -> tuple[list[dict], object]:
    """The public steps with their dates (no names, no comments) and the first publication."""
    wechsel = Statuswechsel.objects.filter(
        content_type=ContentType.objects.get_for_model(objekt, for_concrete_model=True),
        object_id=objekt.pk,
        nach__in=list(EREIGNISSE),
    ).order_by("zeitpunkt", "pk")
    verlauf, erste = [], None
    for w in wechsel:
        ereignis = EREIGNISSE[w.nach]
        if w.nach == E.VEROEFFENTLICHT:
            if erste is not None:
                ereignis = "neue Fassung veröffentlicht"
            erste = erste or w.zeitpunkt
        tag = timezone.localdate(w.zeitpunkt)
        verlauf.append(
            {
                "datum": tag.isoformat(),
                "ereignis": ereignis,
                "zustand": w.nach,
                "datum_tag": tag,
                "zeit": w.zeitpunkt,
            }
        )
    return verlauf, erste


def _datum(zeitpunkt) -> str:
    return timezone.localdate(zeitpunkt).isoformat() if zeitpunkt else ""


def alles_abgleichen() -> dict[str, int]:
    """The whole public copy checked against the items (nightly, after the demo, by command):
    every published item copied again, every copy without a public item removed."""
    zahlen = {"geschrieben": 0, "entfernt": 0}
    for art, modell in MODELLE.items():
        vorhanden = set(
            OeffentlicherEintrag.objects.filter(art=art).values_list("quelle_id", flat=True)
        )
        kandidaten = set(
            modell.objects.filter(status__in=VEROEFFENTLICHT).values_list("pk", flat=True)
        )
        # Published once, a new Fassung in preparation now: its published Fassung stays public.
        kandidaten |= set(
            Statuswechsel.objects.filter(
                content_type=ContentType.objects.get_for_model(modell),
                nach=E.VEROEFFENTLICHT,
            ).values_list("object_id", flat=True)
        )
        for pk in sorted(kandidaten | vorhanden):
            if abgleichen(art, pk) is not None:
                zahlen["geschrieben"] += 1
            elif pk in vorhanden:
                zahlen["entfernt"] += 1
    return zahlen
