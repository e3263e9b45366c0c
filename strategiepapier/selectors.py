"""Reads of the Strategiepapier: what may go in, what is in, in the paper's order."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from empfehlungen.models import Handlungsempfehlung
from freigabe.models import Freigabestatus as F
from massnahmen.models import Massnahmensteckbrief
from stammdaten.rules import VEROEFFENTLICHT
from strategiepapier.models import Strategiepapier


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


def papiere_fuer(user) -> QuerySet[Strategiepapier]:
    qs = Strategiepapier.objects.select_related("sozialraum")
    if not user.has_perm("strategiepapier.bearbeiten"):
        qs = qs.filter(status=Strategiepapier.Status.VEROEFFENTLICHT)
    return qs


def eingefrorene_pdfs() -> list[tuple[str, str, str]]:
    """The published papers' PDFs with the SHA-256 recorded at publication (for a restore)."""
    return [
        (p.pdf.name, p.pdf_sha256, str(p))
        for p in Strategiepapier.objects.filter(status=Strategiepapier.Status.VEROEFFENTLICHT)
        .select_related("sozialraum")
        .exclude(pdf="")
    ]
