from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from core.rechte import objekt_fuer
from core.texte import ganzzahl
from core.workflow import WorkflowError, verlauf
from strategiepapier import selectors, services
from strategiepapier.erweiterungen import PAPIER_ABSCHNITTE
from strategiepapier.forms import NeuForm
from strategiepapier.models import Strategiepapier


def _papier(request, pk: int) -> Strategiepapier:
    return objekt_fuer(
        request.user,
        "strategiepapier.ansehen",
        Strategiepapier.objects.select_related("sozialraum"),
        pk=pk,
    )


def _auswahl(request) -> dict[str, list[int]]:
    """The ticked items of the selection form (anything not a number is ignored)."""
    return {
        name: [n for x in request.POST.getlist(feld) if (n := ganzzahl(x)) is not None]
        for feld, name in (("empfehlungen", "empfehlung_ids"), ("steckbriefe", "steckbrief_ids"))
    }


@permission_required("strategiepapier.ansehen", raise_exception=True)
def liste(request):
    return render(
        request, "strategiepapier/liste.html", {"papiere": selectors.papiere_fuer(request.user)}
    )


@permission_required("strategiepapier.bearbeiten", raise_exception=True)
def neu(request):
    form = NeuForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            papier = services.strategiepapier_anlegen(user=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"{papier} angelegt; alle freigegebenen Steckbriefe und "
                "Empfehlungen sind vorausgewählt.",
            )
            return redirect("strategiepapier_detail", pk=papier.pk)
    return render(request, "strategiepapier/neu.html", {"form": form})


def detail(request, pk: int):
    papier = _papier(request, pk)
    bearbeiten = request.user.has_perm("strategiepapier.bearbeiten")
    if request.method == "POST":
        if not bearbeiten:
            raise PermissionDenied
        try:
            services.strategiepapier_auswahl_speichern(
                papier=papier, user=request.user, **_auswahl(request)
            )
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Auswahl gespeichert.")
        return redirect("strategiepapier_detail", pk=papier.pk)
    if papier.veroeffentlicht:
        # As published (a later Fassung of an item does not change the paper).
        empfehlungen = [e for e in papier.eintraege if e["typ"] == "empfehlung"]
        steckbriefe = [s for s in papier.eintraege if s["typ"] == "steckbrief"]
    else:
        empfehlungen, steckbriefe = selectors.inhalt(papier)
    kontext = {
        "papier": papier,
        "verlauf": verlauf(papier),
        "empfehlungen": empfehlungen,
        "steckbriefe": steckbriefe,
        "bearbeiten": bearbeiten and not papier.veroeffentlicht,
        "abschnitte": PAPIER_ABSCHNITTE.rendern(request, papier),
    }
    if kontext["bearbeiten"]:
        k_empfehlungen, k_steckbriefe = selectors.kandidaten(papier.sozialraum)
        kontext.update(
            kandidaten_empfehlungen=k_empfehlungen,
            kandidaten_steckbriefe=k_steckbriefe,
            gewaehlt_e={e.pk for e in empfehlungen},
            gewaehlt_s={s.pk for s in steckbriefe},
        )
    return render(request, "strategiepapier/detail.html", kontext)


@require_POST
@permission_required("strategiepapier.bearbeiten", raise_exception=True)
def vorschau(request, pk: int):
    papier = _papier(request, pk)
    try:
        if "auswahl" in request.POST:  # the ticks on screen, as for the publication
            services.strategiepapier_auswahl_speichern(
                papier=papier, user=request.user, **_auswahl(request)
            )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("strategiepapier_detail", pk=papier.pk)
    auftrag = services.strategiepapier_vorschau_anfordern(papier=papier, user=request.user)
    return redirect("dokument_status", pk=auftrag.pk)


def ausgabe(request, pk: int):
    """The accessible HTML edition, exactly as frozen at publication."""
    papier = _papier(request, pk)
    if not papier.veroeffentlicht or not papier.html_ausgabe:
        raise Http404("Dieses Strategiepapier hat keine veröffentlichte HTML-Fassung.")
    return render(
        request,
        "strategiepapier/ausgabe_seite.html",
        {"papier": papier, "ausgabe": mark_safe(papier.html_ausgabe)},  # noqa: S308 (rendered by our template, escaped)
    )


def pdf(request, pk: int):
    """The PDF exactly as published (stored at publication, never rebuilt)."""
    papier = _papier(request, pk)
    if not papier.veroeffentlicht or not papier.pdf:
        raise Http404("Dieses Strategiepapier ist noch nicht veröffentlicht.")
    return FileResponse(
        papier.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"strategiepapier-{papier.sozialraum.kurzname}-{papier.ausgabe}.pdf",
    )


@require_POST
@permission_required("strategiepapier.bearbeiten", raise_exception=True)
def veroeffentlichen(request, pk: int):
    papier = _papier(request, pk)
    auswahl = _auswahl(request) if "auswahl" in request.POST else {}
    try:
        auftrag = services.strategiepapier_veroeffentlichung_anfordern(
            papier=papier, user=request.user, **auswahl
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("strategiepapier_detail", pk=papier.pk)
    if auftrag.bereits_angefordert:
        messages.info(request, f"{papier} wird bereits veröffentlicht.")
    return redirect("dokument_status", pk=auftrag.pk)
