"""World-Café pages: Themeninseln, the dot grid, cards, feedback words, imports, the ranking
and the event documentation PDF. Views validate and call one service."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import dokumente
from core.forms import fehler_anzeigen
from core.texte import ganzzahl
from core.workflow import WorkflowError
from empfehlungen.models import Veranstaltung
from massnahmen.selectors import lesbare_steckbrief_ids
from weltcafe import selectors, services
from weltcafe.dokumente import DOKUMENTATION
from weltcafe.forms import (
    KarteForm,
    KartenForm,
    ThemeninselForm,
    WeltcafeImportForm,
    WoerterForm,
)
from weltcafe.models import Karte, Themeninsel

ANSEHEN = "weltcafe.ansehen"
BEARBEITEN = "weltcafe.bearbeiten"


def _veranstaltung(pk: int) -> Veranstaltung:
    return get_object_or_404(Veranstaltung.objects.select_related("sozialraum"), pk=pk)


def _insel(veranstaltung: Veranstaltung, insel: int) -> Themeninsel:
    return get_object_or_404(veranstaltung.themeninseln.all(), pk=insel)


@permission_required(ANSEHEN, raise_exception=True)
def uebersicht(request, pk: int):
    veranstaltung = _veranstaltung(pk)
    inseln = list(selectors.inseln_mit_angeboten(veranstaltung))
    ids = [a.steckbrief_id for insel in inseln for a in insel.abfragen.all()]
    return render(
        request,
        "weltcafe/uebersicht.html",
        {
            "veranstaltung": veranstaltung,
            "inseln": inseln,
            "sichtbar": lesbare_steckbrief_ids(request.user, ids),
            "karten": selectors.karten_nach_art(veranstaltung),
            "woerter": veranstaltung.rueckmeldewoerter.all(),
            "darf_bearbeiten": request.user.has_perm(BEARBEITEN),
            "min_antworten": settings.BEKANNTHEIT_MIN_ANTWORTEN,
            "beispieldaten": "Beispieldaten" in veranstaltung.notizen,
        },
    )


# --- Themeninseln -------------------------------------------------------------------------------
@permission_required(BEARBEITEN, raise_exception=True)
def themeninsel_bearbeiten(request, pk: int, insel: int | None = None):
    veranstaltung = _veranstaltung(pk)
    themeninsel = _insel(veranstaltung, insel) if insel is not None else None
    initial = {}
    if themeninsel:
        initial = {
            "titel": themeninsel.titel,
            "handlungsfeld": themeninsel.handlungsfeld,
            "bereiche": themeninsel.bereiche.all(),
            "steckbriefe": [a.steckbrief for a in themeninsel.abfragen.all()],
        }
    form = ThemeninselForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        daten = form.cleaned_data
        try:
            themeninsel = services.themeninsel_speichern(
                user=request.user,
                veranstaltung=veranstaltung,
                themeninsel=themeninsel,
                titel=daten["titel"],
                handlungsfeld=daten["handlungsfeld"],
                bereiche=daten["bereiche"],
                steckbriefe=daten["steckbriefe"],
                neue_angebote=daten["neue_angebote"].splitlines(),
            )
        except WorkflowError as exc:
            messages.error(request, str(exc))
            if themeninsel is not None:
                themeninsel.refresh_from_db()  # the heading shows what is saved
        else:
            messages.success(request, f"Themeninsel „{themeninsel}“ gespeichert.")
            return redirect("themeninsel_punkte", pk=veranstaltung.pk, insel=themeninsel.pk)
    return render(
        request,
        "weltcafe/themeninsel_form.html",
        {"veranstaltung": veranstaltung, "themeninsel": themeninsel, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@permission_required(BEARBEITEN, raise_exception=True)
def punkte(request, pk: int, insel: int):
    """The dot grid: one row per offer, ja and nein side by side, Tab moves along the row."""
    veranstaltung = _veranstaltung(pk)
    themeninsel = _insel(veranstaltung, insel)
    abfragen = list(themeninsel.abfragen.select_related("steckbrief"))
    fehler: list[str] = []
    status = 200
    zeilen = [
        {"abfrage": a, "ja": a.ja, "nein": a.nein, "fehler_ja": None, "fehler_nein": None}
        for a in abfragen
    ]
    if request.method == "POST":
        werte = {}
        for zeile in zeilen:
            a = zeile["abfrage"]
            zahlen = []
            for feld in ("ja", "nein"):
                roh = request.POST.get(f"{feld}-{a.pk}")
                zeile[feld] = roh
                wert, meldung = services.punkte_pruefen(roh, feld, a.steckbrief.titel)
                zeile[f"fehler_{feld}"] = meldung
                if meldung:
                    fehler.append(meldung)
                zahlen.append(wert)
            werte[a.pk] = tuple(zahlen)
        if not fehler:
            try:
                services.themeninsel_punkte_speichern(
                    user=request.user, themeninsel=themeninsel, werte=werte
                )
            except WorkflowError as exc:
                fehler.append(str(exc))
            else:
                messages.success(request, f"Punkte der Themeninsel „{themeninsel}“ gespeichert.")
                naechste = selectors.naechste_insel(themeninsel)
                if naechste and "weiter" in request.POST:
                    return redirect("themeninsel_punkte", pk=veranstaltung.pk, insel=naechste.pk)
                return redirect("weltcafe_uebersicht", pk=veranstaltung.pk)
        status = 400
    return render(
        request,
        "weltcafe/punkte.html",
        {
            "veranstaltung": veranstaltung,
            "themeninsel": themeninsel,
            "zeilen": zeilen,
            "fehler": fehler,
        },
        status=status,
    )


# --- Cards and words ----------------------------------------------------------------------------
@permission_required(BEARBEITEN, raise_exception=True)
def karten(request, pk: int):
    veranstaltung = _veranstaltung(pk)
    form = KartenForm(request.POST or None, veranstaltung=veranstaltung)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            neu = services.karten_erfassen(
                user=request.user,
                veranstaltung=veranstaltung,
                art=d["art"],
                texte=d["texte"].splitlines(),
                themeninsel=d["themeninsel"],
            )
        except WorkflowError as exc:
            fehler_anzeigen(form, exc)
        else:
            messages.success(request, f"{len(neu)} Karten erfasst.")
            # Kind and Themeninsel stay set for the next stack of cards.
            insel = d["themeninsel"].pk if d["themeninsel"] else ""
            return redirect(f"{request.path}?art={d['art']}&themeninsel={insel}")
    if request.method == "GET":
        form = KartenForm(
            initial={"art": request.GET.get("art"), "themeninsel": request.GET.get("themeninsel")},
            veranstaltung=veranstaltung,
        )
    return render(
        request,
        "weltcafe/karten.html",
        {
            "veranstaltung": veranstaltung,
            "form": form,
            "karten": selectors.karten_nach_art(veranstaltung),
        },
        status=400 if request.method == "POST" else 200,
    )


@permission_required(BEARBEITEN, raise_exception=True)
def karte_bearbeiten(request, pk: int):
    karte = get_object_or_404(Karte.objects.select_related("veranstaltung", "anregung"), pk=pk)
    veranstaltung = karte.veranstaltung
    form = KarteForm(
        request.POST or None,
        veranstaltung=veranstaltung,
        initial={
            "art": karte.art,
            "themeninsel": karte.themeninsel_id,
            "steckbrief": karte.steckbrief_id,
            "text": karte.text,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.karte_aendern(user=request.user, karte=karte, **form.cleaned_data)
        except WorkflowError as exc:
            fehler_anzeigen(form, exc)
        else:
            messages.success(request, "Karte geändert.")
            return redirect("weltcafe_karten", pk=veranstaltung.pk)
    return render(
        request,
        "weltcafe/karte_bearbeiten.html",
        {"karte": karte, "veranstaltung": veranstaltung, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@permission_required(BEARBEITEN, raise_exception=True)
def karte_loeschen(request, pk: int):
    karte = get_object_or_404(Karte, pk=pk)
    if request.POST.get("bestaetigt") != "ja":
        messages.error(request, "Bitte das Löschen bestätigen (Häkchen setzen).")
        return redirect("karte_bearbeiten", pk=karte.pk)
    try:
        services.karte_loeschen(user=request.user, karte=karte)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Karte „{karte.text[:60]}“ gelöscht.")
    return redirect("weltcafe_karten", pk=karte.veranstaltung_id)


@require_POST
@permission_required(BEARBEITEN, raise_exception=True)
def karte_anregung(request, pk: int):
    karte = get_object_or_404(Karte, pk=pk)
    try:
        anregung = services.karte_als_anregung_uebernehmen(user=request.user, karte=karte)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Anregung {anregung.pk} aus der Karte angelegt.")
    return redirect("weltcafe_karten", pk=karte.veranstaltung_id)


@permission_required(BEARBEITEN, raise_exception=True)
def woerter(request, pk: int):
    veranstaltung = _veranstaltung(pk)
    form = WoerterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            liste, fehler = services.woerter_lesen(form.cleaned_data["woerter"])
            if fehler:
                for f in fehler:
                    form.add_error("woerter", f)
            else:
                services.rueckmeldewoerter_erfassen(
                    user=request.user, veranstaltung=veranstaltung, woerter=liste
                )
                messages.success(request, f"{len(liste)} Rückmeldungen gezählt.")
                return redirect("weltcafe_woerter", pk=veranstaltung.pk)
    return render(
        request,
        "weltcafe/woerter.html",
        {
            "veranstaltung": veranstaltung,
            "form": form,
            "woerter": veranstaltung.rueckmeldewoerter.all(),
        },
        status=status,
    )


# --- Import -------------------------------------------------------------------------------------
@permission_required(BEARBEITEN, raise_exception=True)
def importieren(request, pk: int):
    veranstaltung = _veranstaltung(pk)
    form = WeltcafeImportForm(request.POST or None, request.FILES or None)
    fehler, dateiname, status = [], "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            datei = form.cleaned_data["datei"]
            dateiname = datei.name
            dienst = (
                services.punkte_importieren
                if form.cleaned_data["inhalt"] == "punkte"
                else services.karten_importieren
            )
            anzahl, fehler = dienst(
                user=request.user,
                veranstaltung=veranstaltung,
                daten=datei.read(),
                dateiname=datei.name,
            )
            if not fehler:
                messages.success(request, f"„{dateiname}“ importiert: {anzahl} Zeilen.")
                return redirect("weltcafe_uebersicht", pk=veranstaltung.pk)
    return render(
        request,
        "weltcafe/import.html",
        {
            "veranstaltung": veranstaltung,
            "form": form,
            "fehler": fehler,
            "dateiname": dateiname,
        },
        status=status,
    )


# --- Reading: ranking and documentation ---------------------------------------------------------
@permission_required(ANSEHEN, raise_exception=True)
def rangliste(request):
    runde = ganzzahl(request.GET.get("runde"))
    runden, je_ort = selectors.rangliste(runde=runde)
    if runde not in runden:
        runden, je_ort = selectors.rangliste()
        runde = runden[-1] if runden else None
    return render(
        request,
        "weltcafe/rangliste.html",
        {
            "runden": runden,
            "runde": runde,
            "je_ort": je_ort,
            "sichtbar": lesbare_steckbrief_ids(
                request.user,
                [p.steckbrief.pk for plaetze in je_ort.values() for p in plaetze],
            ),
            "min_antworten": settings.BEKANNTHEIT_MIN_ANTWORTEN,
        },
    )


@require_POST
@permission_required(ANSEHEN, raise_exception=True)
def pdf(request, pk: int):
    """Queue the event's documentation PDF; the page of the job shows its progress."""
    veranstaltung = _veranstaltung(pk)
    auftrag = dokumente.anfordern(art=DOKUMENTATION.name, objekt=veranstaltung, user=request.user)
    return redirect("dokument_status", pk=auftrag.pk)
