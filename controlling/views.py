"""Berichtsperioden and Sachstandsmeldungen: the Bereich writes, Sozialplanung checks."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from controlling import selectors, services
from controlling.forms import EroeffnenForm, MeldungFilter, MeldungForm, PruefForm, RueckgabeForm
from controlling.models import (
    AMPEL_REGEL,
    Berichtsperiode,
    Sachstandsmeldung,
    quartal_von,
    vorquartal,
)
from core.forms import fehler_anzeigen
from core.rechte import objekt_fuer
from core.workflow import WorkflowError, verlauf
from stammdaten.models import Bereich


# --- Berichtsperioden ---------------------------------------------------------------------------
@permission_required("controlling.ansehen", raise_exception=True)
def periode_liste(request):
    perioden = selectors.perioden_mit_zaehlern()
    jahr, quartal = vorquartal(*quartal_von(timezone.localdate()))
    return render(
        request,
        "controlling/periode_liste.html",
        {
            "perioden": perioden,
            "form": EroeffnenForm(initial={"jahr": jahr, "quartal": quartal}),
            "darf_steuern": request.user.has_perm("controlling.steuern"),
        },
    )


@require_POST
@permission_required("controlling.steuern", raise_exception=True)
def periode_eroeffnen(request):
    form = EroeffnenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte Jahr (2000–2100) und Quartal angeben.")
        return redirect("periode_liste")
    try:
        periode, neu = services.berichtsperiode_eroeffnen(
            jahr=form.cleaned_data["jahr"], quartal=form.cleaned_data["quartal"], user=request.user
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("periode_liste")
    if neu:
        messages.success(
            request,
            f"{periode}: {neu} Sachstandsmeldung{'en' if neu != 1 else ''} angefordert; die "
            "Bereiche sind informiert.",
        )
    else:
        messages.info(request, f"{periode}: Alle Sachstandsmeldungen waren schon angefordert.")
    return redirect("periode_detail", pk=periode.pk)


@permission_required("controlling.ansehen", raise_exception=True)
def periode_detail(request, pk: int):
    periode = get_object_or_404(Berichtsperiode, pk=pk)
    bereiche = selectors.bereiche_mit_zaehlern(periode)
    return render(
        request,
        "controlling/periode_detail.html",
        {
            "periode": periode,
            "bereiche": bereiche,
            "berichte": list(periode.berichte.select_related("angefordert_von")[:10]),
            "darf_steuern": request.user.has_perm("controlling.steuern"),
            "darf_meldungen": request.user.has_perm("controlling.meldung_ansehen"),
            "frist_abgelaufen": periode.frist_abgelaufen(),
        },
    )


@require_POST
@permission_required("controlling.steuern", raise_exception=True)
def periode_abschliessen(request, pk: int):
    periode = get_object_or_404(Berichtsperiode, pk=pk)
    try:
        services.berichtsperiode_abschliessen(periode=periode, user=request.user)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"{periode} ist abgeschlossen; die Meldungen sind nun schreibgeschützt."
        )
    return redirect("periode_detail", pk=pk)


# --- Sachstandsmeldungen ------------------------------------------------------------------------
@permission_required("controlling.meldung_ansehen", raise_exception=True)
def meldung_liste(request):
    user = request.user
    perioden = list(Berichtsperiode.objects.order_by("-stichtag")[:20])
    if user.has_perm("controlling.meldung_pruefen"):
        bereiche = Bereich.objects.filter(aktiv=True)
    else:
        bereiche = Bereich.objects.filter(pk__in=list(user.bereich_rollen))
    filter = MeldungFilter(request.GET or None, perioden=perioden, bereiche=bereiche)
    werte = {}
    if filter.is_bound:
        filter.is_valid()  # fills cleaned_data with the valid fields, even if one is not
        werte = filter.cleaned_data
    periode = next((p for p in perioden if p.pk == werte.get("periode")), None)
    if periode is None and werte.get("periode"):  # an older period than the list offers
        periode = Berichtsperiode.objects.filter(pk=werte["periode"]).first()
    periode = periode or (perioden[0] if perioden else None)
    qs, zaehler = selectors.meldungen_gefiltert(
        user, periode=periode, bereich=werte.get("bereich"), status=werte.get("status") or ""
    )
    seite = Paginator(qs, 50).get_page(request.GET.get("seite"))
    status_zaehler = [
        (label, zaehler.get(wert, 0)) for wert, label in Sachstandsmeldung.Status.choices
    ]
    return render(
        request,
        "controlling/meldung_liste.html",
        {
            "filter": filter,
            "periode": periode,
            "seite": seite,
            "status_zaehler": status_zaehler,
            "heute": timezone.localdate(),
        },
    )


def _meldung(request, pk: int) -> Sachstandsmeldung:
    return objekt_fuer(
        request.user, "controlling.meldung_ansehen", selectors.meldung_fuer_seite(), pk=pk
    )


@permission_required("controlling.meldung_ansehen", raise_exception=True)
def meldung_detail(request, pk: int):
    meldung = _meldung(request, pk)
    darf_schreiben = request.user.has_perm("controlling.meldung_schreiben", meldung)
    form = None
    if darf_schreiben and meldung.bearbeitbar:
        form = MeldungForm(request.POST or None, instance=meldung)
        if request.method == "POST":
            einreichen = request.POST.get("aktion") == "einreichen"
            if form.is_valid():
                try:
                    services.sachstandsmeldung_speichern(
                        meldung=meldung,
                        user=request.user,
                        daten=form.inhalt(),
                        version=form.cleaned_data["version"],
                        einreichen=einreichen,
                        istwerte=form.istwerte(),
                    )
                except WorkflowError as exc:
                    if exc.felder:
                        fehler_anzeigen(form, exc)
                    messages.error(request, str(exc))
                else:
                    if einreichen:
                        messages.success(request, "Sachstandsmeldung eingereicht. Vielen Dank!")
                        return redirect("meldung_liste")
                    messages.success(request, "Entwurf gespeichert (noch nicht eingereicht).")
                    return redirect("meldung_detail", pk=meldung.pk)
            else:
                messages.error(request, "Bitte die markierten Angaben prüfen.")
    elif request.method == "POST":
        if not darf_schreiben:
            raise PermissionDenied  # only the responsible Bereich writes
        messages.error(
            request,
            f"Die Meldung ist „{meldung.get_status_display()}“ und kann nicht geändert werden.",
        )
        return redirect("meldung_detail", pk=meldung.pk)
    darf_pruefen = request.user.has_perm("controlling.meldung_pruefen", meldung)
    return render(
        request,
        "controlling/meldung_detail.html",
        {
            "meldung": meldung,
            "form": form,
            "darf_pruefen": darf_pruefen,
            "rueckgabe_form": RueckgabeForm() if darf_pruefen else None,
            "pruef_form": PruefForm() if darf_pruefen else None,
            "vorher": meldung.vorbefuellt_aus,
            "verlauf": verlauf(meldung),
            "ampel_regel": AMPEL_REGEL,
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_POST
@permission_required("controlling.meldung_pruefen", raise_exception=True)
def meldung_pruefen(request, pk: int):
    meldung = _meldung(request, pk)
    form = PruefForm(request.POST)
    text = form.cleaned_data["oeffentlicher_sachstand"] if form.is_valid() else ""
    try:
        services.sachstandsmeldung_pruefen(
            meldung=meldung, user=request.user, oeffentlicher_sachstand=text
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{meldung.bezeichnung}: als geprüft bestätigt.")
    return redirect("meldung_detail", pk=pk)


@require_POST
@permission_required("controlling.meldung_pruefen", raise_exception=True)
def meldung_zurueckgeben(request, pk: int):
    meldung = _meldung(request, pk)
    form = RueckgabeForm(request.POST)
    grund = form.cleaned_data["grund"] if form.is_valid() else ""
    try:
        services.sachstandsmeldung_zurueckgeben(meldung=meldung, user=request.user, grund=grund)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{meldung.bezeichnung}: an {meldung.bereich} zurückgegeben.")
    return redirect("meldung_detail", pk=pk)
