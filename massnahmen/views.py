from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from empfehlungen import freigabe_views
from empfehlungen.selectors import textsuche
from massnahmen import services
from massnahmen.forms import SteckbriefForm
from massnahmen.models import Massnahmensteckbrief
from stammdaten.permissions import darf, get_object_for, sichtbar_fuer_beteiligte
from stammdaten.workflow import WorkflowError


@permission_required("massnahmen.steckbrief_ansehen", raise_exception=True)
def steckbrief_liste(request):
    suche = request.GET.get("suche", "")
    qs = sichtbar_fuer_beteiligte(request.user, Massnahmensteckbrief.objects.all())
    qs = (
        textsuche(qs, suche)
        .select_related("federfuehrung", "handlungsfeld")
        .prefetch_related("sozialraeume")
    )
    seite = Paginator(qs, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "massnahmen/steckbrief_liste.html",
        {
            "seite": seite,
            "suche": suche,
            "filter_query": urlencode({"suche": suche}) if suche else "",
        },
    )


@permission_required("massnahmen.steckbrief_ansehen", raise_exception=True)
def steckbrief_detail(request, pk: int):
    qs = Massnahmensteckbrief.objects.select_related(
        "federfuehrung", "handlungsfeld", "erstellt_von"
    ).prefetch_related("sozialraeume", "beteiligte")
    steckbrief = get_object_for(request.user, "massnahmen.steckbrief_ansehen", qs, pk=pk)
    return render(
        request,
        "massnahmen/steckbrief_detail.html",
        {
            "steckbrief": steckbrief,
            "anregungen": steckbrief.anregungen.select_related("sozialraum")
            if darf(request.user, "empfehlungen.anregung_ansehen")
            else None,
            "empfehlungen": sichtbar_fuer_beteiligte(request.user, steckbrief.empfehlungen.all()),
            "darf_bearbeiten": steckbrief.bearbeitbar
            and darf(request.user, "massnahmen.steckbrief_bearbeiten", steckbrief),
            "freigabe": freigabe_views.kontext(request, steckbrief),
            **_bekanntheit(steckbrief),
        },
    )


def _bekanntheit(steckbrief) -> dict:
    """Rates per Sozialraum and round from the World-Café dots, as table and chart; two
    queries whatever the number of rounds."""
    from empfehlungen import weltcafe
    from stammdaten import charts

    werte = weltcafe.bekanntheit(steckbrief_ids=[steckbrief.pk])
    if not werte:
        return {"bekanntheit": None}
    runden, zeilen = weltcafe.als_tabelle(werte)
    diagramm = charts.quoten_balken(
        [charts.Quote(f"{b.ort}, Runde {b.runde}", b.quote, b.n, b.unsicher) for b in werte]
    )
    return {
        "bekanntheit": {
            "runden": runden,
            "zeilen": zeilen,
            "min_antworten": weltcafe.settings.BEKANNTHEIT_MIN_ANTWORTEN,
            "svg": charts.als_svg_inline(
                diagramm,
                titel=f"Bekanntheit von „{steckbrief.titel}“",
                beschreibung="Anteil der Ja-Punkte je Sozialraum und Runde; Zahlen in der "
                "Tabelle darunter.",
                kennung="bekanntheit",
            ),
        }
    }


@permission_required("massnahmen.steckbrief_bearbeiten", raise_exception=True)
def steckbrief_bearbeiten(request, pk: int | None = None):
    steckbrief = get_object_or_404(Massnahmensteckbrief, pk=pk) if pk else None
    if steckbrief is not None and not steckbrief.bearbeitbar:
        messages.error(
            request,
            f"Der Steckbrief ist {steckbrief.get_status_display()}; der Inhalt "
            "ist gesperrt. Für eine Änderung bitte „Neue Fassung anlegen“.",
        )
        return redirect("steckbrief_detail", pk=steckbrief.pk)
    form = SteckbriefForm(request.POST or None, instance=steckbrief)
    if request.method == "POST" and form.is_valid():
        daten, stand = form.inhalt(), form.cleaned_data.get("stand")
        try:
            if steckbrief is None:
                steckbrief = services.steckbrief_anlegen(user=request.user, **daten)
            else:
                steckbrief = services.steckbrief_aendern(
                    steckbrief=steckbrief, user=request.user, stand=stand, **daten
                )
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Steckbrief „{steckbrief.titel}“ gespeichert.")
            return redirect("steckbrief_detail", pk=steckbrief.pk)
    return render(
        request,
        "massnahmen/steckbrief_form.html",
        {"form": form, "steckbrief": steckbrief, "anregung": None},
    )
