"""Compiling and publishing a Sozialraum's Strategiepapier."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from empfehlungen import strategiepapier_pdf
from empfehlungen.models import Anregung, Handlungsempfehlung, Strategiepapier
from massnahmen.models import Massnahmensteckbrief
from stammdaten.freigabeobjekt import Freigabestatus as F
from stammdaten.permissions import VEROEFFENTLICHT, erzwingen
from stammdaten.workflow import WorkflowError, uebergang


def _im_gebiet(qs: QuerySet, sozialraum) -> QuerySet:
    return qs.filter(Q(stadtweit=True) | Q(sozialraeume=sozialraum)).distinct()


def _offen_fuer(modell, sozialraum) -> QuerySet:
    """Freigegebene items, and items already published in another Sozialraum's paper (stadtweit
    or several Sozialräume) that this Sozialraum's papers do not contain yet."""
    schon_hier = Strategiepapier.objects.filter(
        sozialraum=sozialraum, status=Strategiepapier.Status.VEROEFFENTLICHT
    )
    anderswo = Q(status__in=VEROEFFENTLICHT) & ~Q(strategiepapiere__in=schon_hier)
    return _im_gebiet(modell.objects.filter(Q(status=F.FREIGEGEBEN) | anderswo), sozialraum)


def kandidaten(sozialraum) -> tuple[QuerySet, QuerySet]:
    """What may go in: the freigegebene items of the Sozialraum and the stadtweit ones (also
    when another Sozialraum's paper has published them already)."""
    empfehlungen = _offen_fuer(Handlungsempfehlung, sozialraum)
    steckbriefe = _offen_fuer(Massnahmensteckbrief, sozialraum)
    return (
        empfehlungen.select_related("handlungsfeld", "federfuehrung"),
        steckbriefe.select_related("federfuehrung", "handlungsfeld"),
    )


def inhalt(papier: Strategiepapier) -> tuple[list, list]:
    """The chosen items in the order of the paper."""
    empfehlungen = list(
        papier.empfehlungen.select_related("handlungsfeld", "federfuehrung")
        .prefetch_related("beteiligte")
        .order_by("handlungsfeld__reihenfolge", "nummernkreis", "laufende_nummer")
    )
    steckbriefe = list(papier.steckbriefe.select_related("federfuehrung").order_by("titel"))
    return empfehlungen, steckbriefe


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


@transaction.atomic
def anlegen(*, user, sozialraum, ausgabe: int) -> Strategiepapier:
    erzwingen(user, "empfehlungen.strategiepapier_bearbeiten")
    if Strategiepapier.objects.filter(sozialraum=sozialraum, ausgabe=ausgabe).exists():
        raise WorkflowError(f"Für {sozialraum} gibt es die Ausgabe {ausgabe} schon.")
    papier = Strategiepapier.objects.create(
        sozialraum=sozialraum, ausgabe=ausgabe, erstellt_von=user
    )
    empfehlungen, steckbriefe = kandidaten(sozialraum)
    papier.empfehlungen.set(empfehlungen)  # default: everything that may go in
    papier.steckbriefe.set(steckbriefe)
    return papier


@transaction.atomic
def auswahl_speichern(*, papier: Strategiepapier, user, empfehlung_ids, steckbrief_ids):
    erzwingen(user, "empfehlungen.strategiepapier_bearbeiten")
    papier = Strategiepapier.objects.select_for_update().get(pk=papier.pk)
    if papier.veroeffentlicht:
        raise WorkflowError(
            "Das Strategiepapier ist veröffentlicht und lässt sich nicht mehr ändern."
        )
    empfehlungen, steckbriefe = kandidaten(papier.sozialraum)
    gewaehlt = {}
    for name, qs, ids in (
        ("empfehlungen", empfehlungen, set(empfehlung_ids)),
        ("steckbriefe", steckbriefe, set(steckbrief_ids)),
    ):
        gewaehlt[name] = list(qs.filter(pk__in=ids))
        fehlend = ids - {o.pk for o in gewaehlt[name]}
        if fehlend:
            namen = [str(o) for o in qs.model.objects.filter(pk__in=fehlend)] or ["unbekannt"]
            raise WorkflowError(
                "Nicht (mehr) auswählbar, weil nicht freigegeben oder nicht aus diesem "
                f"Sozialraum: {'; '.join(namen)}. Bitte die Seite neu laden."
            )
    papier.empfehlungen.set(gewaehlt["empfehlungen"])
    papier.steckbriefe.set(gewaehlt["steckbriefe"])
    return papier


def pdf(papier: Strategiepapier, *, vorschau: bool) -> bytes:
    empfehlungen, steckbriefe = inhalt(papier)
    return strategiepapier_pdf.erzeugen(
        papier,
        empfehlungen=empfehlungen,
        steckbriefe=steckbriefe,
        anzahl_anregungen=anregungen_je_empfehlung([e.pk for e in empfehlungen]),
        vorschau=vorschau,
    )


@transaction.atomic
def veroeffentlichen(
    *, papier: Strategiepapier, user, empfehlung_ids=None, steckbrief_ids=None
) -> Strategiepapier:
    """Freeze the PDF and mark every item in it veröffentlicht (all or nothing). With ids, the
    selection on screen is saved first, so what the user sees is what gets published."""
    erzwingen(user, "empfehlungen.strategiepapier_bearbeiten")
    if empfehlung_ids is not None or steckbrief_ids is not None:
        auswahl_speichern(
            papier=papier,
            user=user,
            empfehlung_ids=empfehlung_ids or [],
            steckbrief_ids=steckbrief_ids or [],
        )
    papier = Strategiepapier.objects.select_for_update().get(pk=papier.pk)
    if papier.veroeffentlicht:
        raise WorkflowError("Das Strategiepapier ist schon veröffentlicht.")
    empfehlungen = list(papier.empfehlungen.select_for_update().order_by("pk"))
    steckbriefe = list(papier.steckbriefe.select_for_update().order_by("pk"))
    if not empfehlungen and not steckbriefe:
        raise WorkflowError(
            "Das Strategiepapier enthält noch keine Empfehlung und keinen Steckbrief."
        )
    nicht_frei = [
        str(o)
        for o in empfehlungen + steckbriefe
        if o.status != F.FREIGEGEBEN and o.status not in VEROEFFENTLICHT
    ]
    if nicht_frei:
        raise WorkflowError(
            "Nicht (mehr) freigegeben: " + "; ".join(nicht_frei) + ". Bitte die Auswahl anpassen."
        )
    for objekt in empfehlungen + steckbriefe:
        if objekt.status == F.FREIGEGEBEN:  # stadtweit items may be published already
            uebergang(
                objekt, "veroeffentlichen", user=user, kommentar=f"Veröffentlicht in {papier}."
            )
    reihenfolge_e, reihenfolge_s = inhalt(papier)
    papier.eintraege = [
        {"typ": "steckbrief", "pk": s.pk, "nummer": "", "titel": s.titel, "handlungsfeld": ""}
        for s in reihenfolge_s
    ] + [
        {
            "typ": "empfehlung",
            "pk": e.pk,
            "nummer": e.nummer,
            "titel": e.titel,
            "handlungsfeld": e.handlungsfeld.name if e.handlungsfeld_id else "",
        }
        for e in reihenfolge_e
    ]
    inhalt_pdf = pdf(papier, vorschau=False)
    papier.pdf_sha256 = hashlib.sha256(inhalt_pdf).hexdigest()
    papier.pdf.save(
        f"strategiepapier-{papier.sozialraum.kurzname}-{papier.ausgabe}.pdf",
        ContentFile(inhalt_pdf),
        save=False,
    )
    dateiname = papier.pdf.name
    papier.status = Strategiepapier.Status.VEROEFFENTLICHT
    papier.veroeffentlicht_am = timezone.now()
    papier.veroeffentlicht_von = user
    try:
        papier.save()
    except Exception:
        papier.pdf.storage.delete(dateiname)  # no orphan file when nothing is published
        raise
    return papier
