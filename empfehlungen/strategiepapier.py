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
from stammdaten.permissions import erzwingen
from stammdaten.workflow import WorkflowError, uebergang


def _im_gebiet(qs: QuerySet, sozialraum) -> QuerySet:
    return qs.filter(Q(stadtweit=True) | Q(sozialraeume=sozialraum)).distinct()


def kandidaten(sozialraum) -> tuple[QuerySet, QuerySet]:
    """What may go in: the freigegebene items of the Sozialraum and the stadtweit ones."""
    empfehlungen = _im_gebiet(Handlungsempfehlung.objects.filter(status=F.FREIGEGEBEN), sozialraum)
    steckbriefe = _im_gebiet(Massnahmensteckbrief.objects.filter(status=F.FREIGEGEBEN), sozialraum)
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
    papier.empfehlungen.set(empfehlungen.filter(pk__in=list(empfehlung_ids)))
    papier.steckbriefe.set(steckbriefe.filter(pk__in=list(steckbrief_ids)))
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
    nicht_frei = [str(o) for o in empfehlungen + steckbriefe if o.status != F.FREIGEGEBEN]
    if nicht_frei:
        raise WorkflowError(
            "Nicht (mehr) freigegeben: " + "; ".join(nicht_frei) + ". Bitte die Auswahl anpassen."
        )
    for objekt in empfehlungen + steckbriefe:
        uebergang(objekt, "veroeffentlichen", user=user, kommentar=f"Veröffentlicht in {papier}.")
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
