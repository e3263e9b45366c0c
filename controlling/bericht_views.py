"""Controlling dashboard and the quarterly report: request, progress page, downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from controlling import auswertung, bericht
from controlling.forms import PeriodeWahl
from controlling.models import Berichtsperiode, Controllingbericht
from core.models import Protokolleintrag
from core.protokoll import protokollieren
from wirkung.rechnen import Zustand

DATEIARTEN = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BERICHTE_IM_DASHBOARD = 5


@permission_required("controlling.ansehen", raise_exception=True)
def dashboard(request):
    perioden = list(Berichtsperiode.objects.order_by("-stichtag"))
    if not perioden:
        return render(request, "controlling/dashboard.html", {"periode": None})
    gewaehlt = request.GET.get("periode") or perioden[0].pk  # default: the newest period
    form = PeriodeWahl({"periode": gewaehlt}, perioden=perioden)
    if not form.is_valid():
        raise Http404("Diese Berichtsperiode gibt es nicht.")
    periode = next(p for p in perioden if p.pk == form.cleaned_data["periode"])
    a = auswertung.auswerten(periode)
    berichte = list(periode.berichte.select_related("angefordert_von")[:BERICHTE_IM_DASHBOARD])
    return render(
        request,
        "controlling/dashboard.html",
        {
            "form": form,
            "periode": periode,
            "a": a,
            "diagramme": {d.kennung: d for d in auswertung.diagramme(a)},
            "berichte": berichte,
            "letzter": next((b for b in berichte if b.status == b.Status.FERTIG), None),
            "darf_steuern": request.user.has_perm("controlling.steuern"),
            "zustaende": Zustand.ALLE,
            "wirkung_je_bereich": auswertung.wirkung_je(a, "bereich"),
            "wirkung_je_handlungsfeld": auswertung.wirkung_je(a, "handlungsfeld"),
        },
    )


@require_POST
@permission_required("controlling.steuern", raise_exception=True)
def bericht_erstellen(request, pk: int):
    periode = get_object_or_404(Berichtsperiode, pk=pk)
    b = bericht.controllingbericht_anfordern(periode=periode, user=request.user)
    if b.bereits_angefordert:
        messages.info(request, f"Der Controllingbericht {periode} wird bereits erstellt.")
    else:
        messages.success(
            request, f"Der Controllingbericht {periode} wird erstellt; das dauert einen Moment."
        )
    return redirect("bericht_status", pk=b.pk)


@permission_required("controlling.ansehen", raise_exception=True)
def bericht_status(request, pk: int):
    b = get_object_or_404(
        Controllingbericht.objects.select_related("periode", "angefordert_von"), pk=pk
    )
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"status": b.status, "fortschritt": b.fortschritt, "schritt": b.schritt}
        )
    return render(
        request,
        "controlling/bericht_status.html",
        {
            "bericht": b,
            "laeuft": b.status in bericht.LAUFEND,
            "haengt": bericht.haengt(b),
            "darf_steuern": request.user.has_perm("controlling.steuern"),
        },
    )


@permission_required("controlling.ansehen", raise_exception=True)
def bericht_datei(request, pk: int, format: str):
    if format not in DATEIARTEN:
        raise Http404("Unbekanntes Dateiformat.")
    b = get_object_or_404(Controllingbericht.objects.select_related("periode"), pk=pk)
    datei = getattr(b, format)
    if b.status != Controllingbericht.Status.FERTIG or not datei:
        raise Http404("Dieser Bericht ist noch nicht fertig.")
    try:
        inhalt = datei.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei dieses Berichts fehlt.") from None
    p = b.periode
    protokollieren(
        Protokolleintrag.Art.EXPORT,
        betroffen=f"Controllingbericht {p.kurz} ({format.upper()})",
        text=f"Bericht Nr. {b.pk} vom {timezone.localtime(b.fertig_am):%d.%m.%Y %H:%M}",
    )
    return FileResponse(
        inhalt,
        as_attachment=True,
        content_type=DATEIARTEN[format],
        filename=f"Controllingbericht-{p.jahr}-Q{p.quartal}-{timezone.localtime(b.fertig_am):%Y-%m-%d-%H%M}.{format}",
    )
