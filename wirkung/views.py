"""Wirkung pages: define a goal, record actual values of an own indicator, assess the item.
The goals themselves are shown on the item's page (abschnitte.py). Views validate and call
one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import importing
from core.forms import ImportForm, fehler_anzeigen
from core.rechte import objekt_fuer
from core.workflow import WorkflowError
from freigabe.models import ARTEN
from wirkung import abschnitte, rechnen, selectors, services
from wirkung.forms import IstwertForm, PruefungForm, ZielForm
from wirkung.models import Wirkungsziel


def _gegenstand(request, typ: str, pk: int):
    modell = ARTEN.get(typ)
    if modell is None:
        raise Http404
    return objekt_fuer(request.user, modell.ANSEHEN, modell.objects.all(), pk=pk)


def _ziel(request, pk: int) -> Wirkungsziel:
    ziel = get_object_or_404(
        Wirkungsziel.objects.select_related("empfehlung", "steckbrief", "kennzahl"), pk=pk
    )
    gegenstand = ziel.gegenstand
    if not request.user.has_perm(gegenstand.ANSEHEN, gegenstand):
        raise Http404
    return ziel


def _zurueck(gegenstand):
    return redirect(gegenstand.get_absolute_url() + "#wirkung")


def ziel_bearbeiten(
    request, typ: str | None = None, pk: int | None = None, ziel: int | None = None
):
    if ziel is not None:
        wirkungsziel = _ziel(request, ziel)
        gegenstand = wirkungsziel.gegenstand
    else:
        wirkungsziel, gegenstand = None, _gegenstand(request, typ, pk)
    if not request.user.has_perm("wirkung.ziele_bearbeiten", gegenstand):
        raise PermissionDenied
    initial = {}
    if wirkungsziel is not None:
        initial = {name: getattr(wirkungsziel, name) for name in services.FELDER}
    form = ZielForm(request.POST or None, initial=initial, gegenstand=gegenstand)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.ziel_speichern(
                    user=request.user,
                    gegenstand=gegenstand,
                    ziel=wirkungsziel,
                    **{k: form.cleaned_data[k] for k in services.FELDER},
                )
            except WorkflowError as exc:
                fehler_anzeigen(form, exc)
            else:
                messages.success(request, "Wirkungsziel gespeichert.")
                return _zurueck(gegenstand)
        status = 400
    return render(
        request,
        "wirkung/ziel_form.html",
        {"gegenstand": gegenstand, "ziel": wirkungsziel, "form": form, "regel": rechnen.REGEL},
        status=status,
    )


@require_POST
def ziel_loeschen(request, ziel: int):
    wirkungsziel = _ziel(request, ziel)
    gegenstand = wirkungsziel.gegenstand
    if not request.user.has_perm("wirkung.ziele_bearbeiten", gegenstand):
        raise PermissionDenied
    try:
        services.ziel_loeschen(user=request.user, ziel=wirkungsziel)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Wirkungsziel „{wirkungsziel}“ entfernt.")
    return _zurueck(gegenstand)


def istwerte(request, ziel: int):
    """The actual values of an own indicator; the lead Bereich and Sozialplanung add one."""
    wirkungsziel = _ziel(request, ziel)
    gegenstand = wirkungsziel.gegenstand
    darf = request.user.has_perm("wirkung.istwerte_melden", gegenstand)
    form = IstwertForm(request.POST or None) if darf else None
    status = 200
    if request.method == "POST":
        if not darf:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.istwert_erfassen(user=request.user, ziel=wirkungsziel, **form.cleaned_data)
            except WorkflowError as exc:
                fehler_anzeigen(form, exc)
            else:
                messages.success(request, "Istwert gespeichert.")
                return redirect("wirkung_istwerte", ziel=wirkungsziel.pk)
        status = 400
    (auswertung,) = selectors.auswerten(
        [z for z in selectors.ziele_von([gegenstand]) if z.pk == wirkungsziel.pk]
    )
    return render(
        request,
        "wirkung/istwerte.html",
        {
            "gegenstand": gegenstand,
            "ziel": wirkungsziel,
            "a": auswertung,
            "form": form,
            "werte": wirkungsziel.istwerte.select_related("erfasst_von").order_by(
                "-jahr", "-quartal"
            ),
        },
        status=status,
    )


def pruefen(request, typ: str, pk: int):
    gegenstand = _gegenstand(request, typ, pk)
    if not request.user.has_perm("wirkung.pruefen", gegenstand):
        raise PermissionDenied
    form = PruefungForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                pruefung = services.wirkung_pruefen(
                    user=request.user, gegenstand=gegenstand, **form.cleaned_data
                )
            except WorkflowError as exc:
                fehler_anzeigen(form, exc)
            else:
                meldung = f"Wirkungsprüfung gespeichert: {pruefung.get_urteil_display()}."
                if pruefung.anregung_id:
                    meldung += f" Neue Anregung {pruefung.anregung_id} angelegt."
                messages.success(request, meldung)
                return _zurueck(gegenstand)
        status = 400
    auswertungen = selectors.auswerten(selectors.ziele_von([gegenstand]))
    return render(
        request,
        "wirkung/pruefung_form.html",
        {
            "gegenstand": gegenstand,
            "form": form,
            "eintraege": [
                (a, abschnitte.diagramm(a, f"pruefung-{a.ziel.pk}")) for a in auswertungen
            ],
            "regel": rechnen.REGEL,
        },
        status=status,
    )


# --- Overview, export, import -------------------------------------------------------------------
@permission_required("stammdaten.ansehen", raise_exception=True)
def uebersicht(request):
    """All goals this user may read: counts per state by Bereich and Handlungsfeld, the goals
    off course first; export and import of actual values."""
    auswertungen = selectors.auswerten(selectors.sichtbare_ziele(request.user))
    reihenfolge = {z: i for i, z in enumerate(rechnen.Zustand.ALLE)}
    liste = sorted(
        auswertungen,
        key=lambda a: (
            a.zustand != rechnen.Zustand.NICHT_AUF_KURS,
            reihenfolge[a.zustand],
            a.ziel.gegenstand.titel,
        ),
    )
    return render(
        request,
        "wirkung/uebersicht.html",
        {
            "zustaende": rechnen.Zustand.ALLE,
            "gesamt": selectors.zaehlen(auswertungen),
            "anzahl": len(auswertungen),
            "je_bereich": selectors.je_gruppe(
                auswertungen, lambda g: str(g.federfuehrung or "ohne Bereich")
            ),
            "je_handlungsfeld": selectors.je_gruppe(
                auswertungen, lambda g: str(g.handlungsfeld or "ohne Handlungsfeld")
            ),
            "liste": liste[:LISTE_HOECHSTENS],
            "gekuerzt": len(liste) > LISTE_HOECHSTENS,
            "regel": rechnen.REGEL,
            "darf_importieren": request.user.has_perm("wirkung.importieren"),
        },
    )


LISTE_HOECHSTENS = 300


@permission_required("stammdaten.ansehen", raise_exception=True)
def export(request):
    format = request.GET.get("format", "xlsx")
    if format not in importing.EXPORT_FORMATE:
        raise Http404("Unbekanntes Format.")
    import tablib

    daten = tablib.Dataset(
        *selectors.export_zeilen(selectors.auswerten(selectors.sichtbare_ziele(request.user))),
        headers=selectors.EXPORT_SPALTEN,
        title="Wirkungsziele",
    )
    art, endung = importing.EXPORT_FORMATE[format]
    antwort = HttpResponse(importing.tabelle_exportieren(daten, format), content_type=art)
    antwort["Content-Disposition"] = f'attachment; filename="wirkungsziele.{endung}"'
    return antwort


@permission_required("wirkung.importieren", raise_exception=True)
def istwerte_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    fehler, dateiname, status = [], "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            datei = form.cleaned_data["datei"]
            dateiname = datei.name
            anzahl, fehler = services.istwerte_importieren(
                user=request.user, daten=datei.read(), dateiname=datei.name
            )
            if not fehler:
                messages.success(request, f"„{dateiname}“ importiert: {anzahl} Istwerte.")
                return redirect("wirkung_uebersicht")
    return render(
        request,
        "wirkung/import.html",
        {
            "form": form,
            "fehler": fehler,
            "dateiname": dateiname,
            "spalten": services.IMPORT_SPALTEN,
        },
        status=status,
    )
