"""Pages and steps of Abstimmung and Freigabe, for every item kind alike, and the two helpers
the item rooms' pages use: the Freigabe block of an item page and the content form."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.forms import fehler_anzeigen
from core.rechte import objekt_fuer
from core.workflow import WorkflowError, moegliche_uebergaenge, verlauf
from freigabe import selectors, services
from freigabe.erweiterungen import weiterer_schritt
from freigabe.forms import AbstimmungForm, EntscheidungForm, SchrittForm, VorgangForm
from freigabe.models import ARTEN, Freigabeobjekt, alle_einverstanden
from freigabe.models import Freigabestatus as F
from freigabe.rules import stimmt_ab_fuer
from freigabe.versionen import versionen


def _objekt(request, typ: str, pk: int) -> Freigabeobjekt:
    """The item, if this user may see it (404 for other Bereiche' drafts)."""
    modell = ARTEN.get(typ)
    if modell is None:
        raise Http404
    return objekt_fuer(
        request.user, modell.ANSEHEN, modell.objects.prefetch_related("beteiligte"), pk=pk
    )


SCHRITTE = {
    "zur-abstimmung": ("Zur Abstimmung gegeben.", services.vorgang_zur_abstimmung_geben),
    "zur-freigabe": (
        "Zur Freigabe gegeben; die Bereichsleitungen sind benachrichtigt.",
        services.vorgang_zur_freigabe_geben,
    ),
    "neue-fassung": (
        "Neue Fassung angelegt; sie geht erneut in Abstimmung und Freigabe.",
        services.vorgang_neue_fassung_anlegen,
    ),
    "zurueckziehen": (
        "Zurückgezogen.",
        lambda *, objekt, user, kommentar: services.vorgang_zurueckziehen(
            objekt=objekt, user=user, grund=kommentar
        ),
    ),
}


@require_POST
def schritt(request, typ: str, pk: int, aktion: str):
    objekt = _objekt(request, typ, pk)
    form = SchrittForm(request.POST)
    form.is_valid()
    kommentar = form.cleaned_data.get("kommentar", "")
    if aktion in SCHRITTE:
        if not request.user.has_perm("freigabe.steuern"):
            raise PermissionDenied
        erfolg, ausfuehren = SCHRITTE[aktion]
    elif (weiterer := weiterer_schritt(typ, aktion)) is not None:
        if not request.user.has_perm(weiterer.regel, objekt):
            raise PermissionDenied
        erfolg, ausfuehren = weiterer.erfolg, weiterer.ausfuehren
    else:
        raise Http404("Unbekannter Schritt.")
    try:
        ausfuehren(objekt=objekt, user=request.user, kommentar=kommentar)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, erfolg)
    return redirect(objekt.get_absolute_url())


@require_POST
def abstimmen(request, typ: str, pk: int):
    objekt = _objekt(request, typ, pk)
    if not request.user.has_perm("freigabe.abstimmen", objekt):
        raise PermissionDenied
    form = AbstimmungForm(request.POST, bereiche=objekt.bereiche())
    ziel = objekt.get_absolute_url() + "#abstimmung"
    if not form.is_valid():
        messages.error(request, "Bitte Bereich und Antwort wählen.")
        return redirect(ziel)
    try:
        a = services.abstimmung_beantworten(objekt=objekt, user=request.user, **form.cleaned_data)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"Antwort für {a.bereich} gespeichert: {a.get_antwort_display()}."
        )
    return redirect(ziel)


def entscheiden(request, typ: str, pk: int):
    """The decision page a Bereichsleitung reaches from the mail: one form, one confirmation."""
    objekt = _objekt(request, typ, pk)
    if not request.user.has_perm("freigabe.entscheiden", objekt):
        raise PermissionDenied
    offen = selectors.offene_bereiche(request.user, objekt)
    form = EntscheidungForm(request.POST or None, bereiche=offen, fassung=objekt.fassung)
    if request.method == "POST" and form.is_valid():
        try:
            f = services.freigabe_entscheiden(
                objekt=objekt,
                user=request.user,
                bereich=form.cleaned_data["bereich"],
                freigeben=form.cleaned_data["entscheidung"] == "freigeben",
                begruendung=form.cleaned_data["begruendung"],
                fassung=form.cleaned_data["fassung"],
            )
        except WorkflowError as exc:
            if exc.felder:
                fehler_anzeigen(form, exc)
            else:
                messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"{f.get_entscheidung_display().capitalize()} für {f.bereich} ({f.unterschrift}).",
            )
            return redirect(objekt.get_absolute_url())
    return render(
        request,
        "freigabe/entscheiden.html",
        {
            "objekt": objekt,
            "typ": typ,
            "form": form,
            "offen": offen,
            "entscheidungen": list(selectors.entscheidungen_der_fassung(objekt).values()),
        },
    )


# --- Helpers for the item pages of the rooms that own the item kinds --------------------------
def freigabe_kontext(request, objekt: Freigabeobjekt) -> dict:
    """Everything an item page shows about Abstimmung, Freigabe, history and versions."""
    user = request.user
    bereiche = objekt.bereiche()
    antworten = objekt.antworten()
    entscheidungen = selectors.entscheidungen_der_fassung(objekt)
    meine = [b for b in bereiche if stimmt_ab_fuer(user, b)]
    abstimmung_form = None
    if objekt.status == F.IN_ABSTIMMUNG and meine:
        abstimmung_form = AbstimmungForm(
            initial={"stand": objekt.stand, "bereich": meine[0].pk}, bereiche=meine
        )
    return {
        "zeilen": [(b, antworten.get(b.pk), entscheidungen.get(b.pk)) for b in bereiche],
        "schritte": moegliche_uebergaenge(objekt, user),
        "darf_steuern": user.has_perm("freigabe.steuern"),
        "einverstanden": objekt.status == F.IN_ABSTIMMUNG and alle_einverstanden(objekt),
        "abstimmung_form": abstimmung_form,
        "darf_entscheiden": objekt.status == F.ZUR_FREIGABE
        and bool(selectors.offene_bereiche(user, objekt)),
        "abgelehnt": selectors.letzte_ablehnung(objekt),
        "verlauf": verlauf(objekt),
        "versionen": versionen(objekt),
        "typ": objekt.TYP,
    }


def inhalt_bearbeiten(
    request,
    *,
    modell: type[Freigabeobjekt],
    pk: int | None,
    form_klasse: type[VorgangForm],
    anlegen: Callable[..., Freigabeobjekt],
    aendern: Callable[..., Freigabeobjekt],
    template: str,
    erfolg: Callable[[Freigabeobjekt], str],
    initial: dict | None = None,
    kontext: dict | None = None,
):
    """New item or content change, the same for every item kind: a locked item sends the user
    back to its page; a refusal of the service is shown at the fields (400)."""
    objekt = get_object_or_404(modell, pk=pk) if pk else None
    if objekt is not None and not objekt.bearbeitbar:
        messages.error(
            request,
            f"{objekt.bezeichnung} ist {objekt.get_status_display()}; der Inhalt "
            "ist gesperrt. Für eine Änderung bitte „Neue Fassung anlegen“.",
        )
        return redirect(objekt.get_absolute_url())
    form = form_klasse(request.POST or None, instance=objekt, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            daten, stand = form.inhalt(), form.cleaned_data.get("stand")
            try:
                if objekt is None:
                    objekt = anlegen(user=request.user, **daten)
                else:
                    objekt = aendern(objekt, user=request.user, stand=stand, **daten)
            except WorkflowError as exc:
                fehler_anzeigen(form, exc)
                messages.error(request, str(exc))
            else:
                messages.success(request, erfolg(objekt))
                return redirect(objekt.get_absolute_url())
    return render(
        request,
        template,
        {"form": form, "objekt": objekt, **(kontext or {})},
        status=status,
    )
