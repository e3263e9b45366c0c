from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core import charts
from core.forms import fehler_anzeigen
from core.rechte import objekt_fuer
from core.texte import ganzzahl
from core.workflow import WorkflowError
from stammdaten import diagramme, selectors, services, sozialindex
from stammdaten.forms import SozialindexForm, VertretungForm
from stammdaten.models import Bereich, Kennzahl, Sozialraum


@permission_required("stammdaten.ansehen", raise_exception=True)
def sozialraum_liste(request):
    return render(
        request, "stammdaten/sozialraum_liste.html", {"sozialraeume": selectors.sozialraeume()}
    )


@permission_required("stammdaten.ansehen", raise_exception=True)
def sozialraum_detail(request, kurzname: str):
    sozialraum = get_object_or_404(Sozialraum, kurzname=kurzname.upper(), aktiv=True)
    jahr = selectors.neuestes_jahr()
    vergleich = selectors.kennzahlen_vergleich(sozialraum, jahr) if jahr else []
    index = None
    if jahr:
        index = sozialindex.berechnen(jahr=jahr, sozialraum=sozialraum)
    return render(
        request,
        "stammdaten/sozialraum_detail.html",
        {
            "sozialraum": sozialraum,
            "quartiere": sozialraum.sozialquartiere.filter(aktiv=True),
            "jahr": jahr,
            "vergleich": vergleich,
            "index": index,
            "beispieldaten": selectors.beispieldaten_im_jahr(jahr),
        },
    )


@permission_required("stammdaten.ansehen", raise_exception=True)
def bereich_liste(request):
    return render(
        request, "stammdaten/bereich_liste.html", {"bereiche": selectors.bereiche_mit_leitung()}
    )


@permission_required("stammdaten.ansehen", raise_exception=True)
def bereich_detail(request, code: str):
    bereich = get_object_or_404(selectors.bereiche_mit_leitung(), code=code)
    return render(request, "stammdaten/bereich_detail.html", {"bereich": bereich})


def bereich_mitglieder(request, code: str):
    bereich = objekt_fuer(request.user, "stammdaten.mitglieder_ansehen", Bereich, code=code)
    return render(
        request,
        "stammdaten/bereich_mitglieder.html",
        {"bereich": bereich, "mitglieder": selectors.mitglieder(bereich)},
    )


def bereich_vertretung(request, code: str):
    """A Bereichsleitung names and ends her deputies (they approve "i. V.")."""
    bereich = objekt_fuer(request.user, "stammdaten.vertretung_benennen", Bereich, code=code)
    form = VertretungForm(request.POST or None, bereich=bereich, leitung=request.user)
    if request.method == "POST" and "beenden" in request.POST:
        vertretung = get_object_or_404(
            bereich.vertretungen,
            pk=ganzzahl(request.POST["beenden"]) or 0,
            vertretene=request.user,
        )
        try:
            services.vertretung_beenden(vertretung=vertretung, user=request.user)
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Die Vertretung durch {vertretung.vertretung} ist beendet.")
        return redirect("bereich_vertretung", code=bereich.code)
    if request.method == "POST" and form.is_valid():
        try:
            v = services.vertretung_benennen(
                bereich=bereich, leitung=request.user, **form.cleaned_data
            )
        except WorkflowError as exc:
            fehler_anzeigen(form, exc)
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"{v.vertretung} vertritt Sie vom {v.von:%d.%m.%Y} bis {v.bis:%d.%m.%Y}."
            )
            return redirect("bereich_vertretung", code=bereich.code)
    return render(
        request,
        "stammdaten/bereich_vertretung.html",
        {
            "bereich": bereich,
            "form": form,
            "vertretungen": bereich.vertretungen.select_related(
                "vertretene", "vertretung", "beendet_von"
            ).order_by("-von", "-pk"),
        },
    )


@permission_required("stammdaten.ansehen", raise_exception=True)
def kennzahl_liste(request):
    return render(request, "stammdaten/kennzahl_liste.html", {"kennzahlen": Kennzahl.objects.all()})


@permission_required("stammdaten.ansehen", raise_exception=True)
def sozialindex_seite(request):
    form = SozialindexForm(request.GET, jahre=sozialindex.verfuegbare_jahre())
    werte = form.werte()
    index = None
    if werte["jahr"]:
        index = sozialindex.berechnen(
            jahr=werte["jahr"], spanne=werte["jahr"] - werte["basisjahr"], ebene=werte["ebene"]
        )
    return render(
        request,
        "stammdaten/sozialindex.html",
        {
            "form": form,
            "index": index,
            "werte": werte,
            "beispieldaten": selectors.beispieldaten_im_jahr(werte["jahr"]),
            "status_klassen": sozialindex.STATUS_KLASSEN,
            "dynamik_klassen": sozialindex.DYNAMIK_KLASSEN,
        },
    )


@permission_required("stammdaten.ansehen", raise_exception=True)
def sozialindex_diagramm(request):
    form = SozialindexForm(request.GET, jahre=sozialindex.verfuegbare_jahre())
    if not form.is_valid():
        raise Http404("Ungültige Auswahl für das Diagramm.")
    werte = form.cleaned_data
    index = sozialindex.berechnen(
        jahr=werte["jahr"], spanne=werte["jahr"] - werte["basisjahr"], ebene=werte["ebene"]
    )
    svg = charts.als_svg(
        diagramme.sozialindex_diagramm(index),
        titel=f"Sozialindex {index.jahr}: Status und Dynamik {index.basisjahr}–{index.jahr}",
        beschreibung="Balken: Status je Gebiet (Stadt = 0). Raute: Dynamik.",
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
