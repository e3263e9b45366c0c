"""Linking, unlinking and refreshing council papers; the list with fetch problems."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.rechte import objekt_fuer
from core.workflow import WorkflowError
from empfehlungen.models import Handlungsempfehlung
from ratsinfo import services
from ratsinfo.forms import VerknuepfenForm
from ratsinfo.models import Ratsvorlage
from ratsinfo.services import BEARBEITEN
from strategiepapier.models import Strategiepapier

ARTEN = {
    "empfehlung": (Handlungsempfehlung, "empfehlungen.empfehlung_ansehen"),
    "strategiepapier": (Strategiepapier, "strategiepapier.ansehen"),
}


def _objekt(request, art: str, pk: int):
    if art not in ARTEN:
        raise Http404("Unbekannte Art.")
    modell, regel = ARTEN[art]
    return objekt_fuer(request.user, regel, modell.objects.all(), pk=pk)


@require_POST
@permission_required(BEARBEITEN, raise_exception=True)
def verknuepfen(request, art: str, pk: int):
    objekt = _objekt(request, art, pk)
    form = VerknuepfenForm(request.POST)
    if not form.is_valid():
        for fehler in form.errors.values():
            messages.error(request, " ".join(fehler))
        return redirect(objekt)
    try:
        vorlage = services.ratsvorlage_verknuepfen(
            user=request.user, objekt=objekt, **form.cleaned_data
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        if vorlage.manuell:
            messages.success(request, f"Drucksache {vorlage} verknüpft.")
        else:
            messages.success(
                request,
                "Drucksache verknüpft; Nummer, Datum und Beschluss werden aus dem Ratsinformationssystem geholt.",
            )
    return redirect(objekt)


@require_POST
@permission_required(BEARBEITEN, raise_exception=True)
def loesen(request, art: str, pk: int, vorlage: int):
    objekt = _objekt(request, art, pk)
    v = get_object_or_404(objekt.ratsvorlagen.all(), pk=vorlage)
    services.ratsvorlage_loesen(user=request.user, objekt=objekt, vorlage=v)
    messages.success(request, f"Verknüpfung mit {v} gelöst.")
    return redirect(objekt)


@require_POST
@permission_required(BEARBEITEN, raise_exception=True)
def abrufen(request, vorlage: int):
    from ratsinfo.tasks import abrufen as aufgabe

    v = get_object_or_404(Ratsvorlage.objects.exclude(oparl_id=None), pk=vorlage)
    aufgabe.delay(v.pk)
    messages.info(request, f"{v} wird neu abgerufen.")
    return redirect("ratsvorlage_liste")


@permission_required(BEARBEITEN, raise_exception=True)
def liste(request):
    vorlagen = Ratsvorlage.objects.prefetch_related("empfehlungen", "strategiepapiere__sozialraum")
    return render(request, "ratsinfo/liste.html", {"vorlagen": vorlagen})
