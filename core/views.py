"""The page of a document being built, and its file once it is done."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from core import auftraege
from core.dokumente import ARTEN
from core.models import Dokumentauftrag, Protokolleintrag
from core.protokoll import protokollieren


def _auftrag(request, pk: int):
    """The job, if its kind still exists and the user may read its object."""
    auftrag = get_object_or_404(Dokumentauftrag.objects.select_related("angefordert_von"), pk=pk)
    art = ARTEN.get(auftrag.art)
    objekt = auftrag.objekt
    if art is None or objekt is None:
        raise Http404("Dieses Dokument gibt es nicht mehr.")
    if not request.user.has_perm(art.recht, objekt):
        raise PermissionDenied
    return auftrag, art, objekt


def dokument_status(request, pk: int):
    auftrag, art, objekt = _auftrag(request, pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": auftrag.status,
                "fortschritt": auftrag.fortschritt,
                "schritt": auftrag.schritt,
            }
        )
    return render(
        request,
        "core/dokument.html",
        {
            "auftrag": auftrag,
            "titel": art.titel(objekt),
            "zurueck": art.zurueck(objekt),
            "haengt": auftraege.haengt(auftrag),
        },
    )


def dokument_datei(request, pk: int):
    auftrag, _, _ = _auftrag(request, pk)
    if auftrag.status != Dokumentauftrag.Status.FERTIG or not auftrag.datei:
        raise Http404("Dieses Dokument ist noch nicht fertig.")
    try:
        inhalt = auftrag.datei.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei wurde inzwischen entfernt; bitte neu erstellen.") from None
    protokollieren(
        Protokolleintrag.Art.EXPORT, betroffen=auftrag.dateiname, text=f"Dokument Nr. {auftrag.pk}"
    )
    return FileResponse(inhalt, content_type="application/pdf", filename=auftrag.dateiname)
