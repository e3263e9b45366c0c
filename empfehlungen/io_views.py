"""Import (with preview) and export of Anregungen, and the import template."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core import importing
from core.models import Protokolleintrag
from core.protokoll import protokollieren
from empfehlungen import selectors, services
from empfehlungen.forms import AnregungImportForm, FilterForm
from empfehlungen.models import Veranstaltung
from empfehlungen.resources import AnregungImport

EXPORT_HOECHSTENS = 100_000


def _datei(inhalt: bytes, dateiname: str, format: str) -> HttpResponse:
    typ, endung = importing.EXPORT_FORMATE[format]
    antwort = HttpResponse(inhalt, content_type=typ)
    antwort["Content-Disposition"] = f'attachment; filename="{dateiname}.{endung}"'
    return antwort


@permission_required("empfehlungen.anregung_bearbeiten", raise_exception=True)
def anregung_import(request):
    kontext = {"ergebnis": None, "spalten": AnregungImport.SPALTEN}
    if request.method == "POST" and "ablage" in request.POST:
        ablage = importing.upload_uebernehmen(request, request.POST["ablage"])
        if ablage is None:
            messages.error(
                request,
                "Diese Vorschau ist abgelaufen oder schon übernommen. "
                "Bitte die Datei erneut hochladen.",
            )
            return redirect("anregung_import")
        veranstaltung_id = ablage.angaben.get("veranstaltung")
        ergebnis = services.anregungen_uebernehmen(
            werte=ablage.tabelle,
            dateiname=ablage.dateiname,
            user=request.user,
            veranstaltung_id=veranstaltung_id,
        )
        if ergebnis.gespeichert:
            messages.success(
                request, f"„{ablage.dateiname}“ importiert: {ergebnis.neu} Anregungen angelegt."
            )
            ziel = reverse("anregung_liste")
            if veranstaltung_id:
                ziel += "?" + urlencode(
                    {"veranstaltung": veranstaltung_id, "status": "eingegangen"}
                )
            return redirect(ziel)
        kontext["ergebnis"] = ergebnis
        form = AnregungImportForm(initial={"veranstaltung": veranstaltung_id})
    else:
        form = AnregungImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            datei = form.cleaned_data["datei"]
            veranstaltung = form.cleaned_data["veranstaltung"]
            # Each row is checked once, here; the preview keeps the cleaned values, and the
            # confirmation saves them without reading the file again.
            ergebnis = services.anregungen_pruefen(
                daten=datei.read(),
                dateiname=datei.name,
                user=request.user,
                veranstaltung=veranstaltung,
            )
            kontext.update(ergebnis=ergebnis, veranstaltung=veranstaltung)
            if ergebnis.ok:
                try:
                    kontext["ablage"] = importing.upload_ablegen(
                        request,
                        datei.name,
                        ergebnis.tabelle,
                        veranstaltung=veranstaltung.pk if veranstaltung else None,
                    )
                except importing.ImportFehler as exc:
                    messages.error(request, str(exc))
    kontext["form"] = form
    return render(request, "empfehlungen/anregung_import.html", kontext)


@permission_required("empfehlungen.anregung_bearbeiten", raise_exception=True)
def anregung_vorlage(request, format: str):
    if format not in importing.EXPORT_FORMATE:
        raise Http404("Unbekanntes Format.")
    return _datei(selectors.anregungen_vorlage(format), "anregungen-vorlage", format)


@permission_required("empfehlungen.anregung_bearbeiten", raise_exception=True)
def anregung_export(request):
    format = request.GET.get("format", "xlsx")
    if format not in importing.EXPORT_FORMATE:
        raise Http404("Unbekanntes Format.")
    form = FilterForm(
        request.GET, veranstaltungen=Veranstaltung.objects.select_related("sozialraum")
    )
    f = form.werte()
    qs, _ = selectors.anregungen_gefiltert(
        user=request.user,
        status=f.get("status", ""),
        sozialraum=f.get("sozialraum", ""),
        handlungsfeld=f.get("handlungsfeld", ""),
        veranstaltung=f.get("veranstaltung", ""),
        mir_zugewiesen=f.get("mir", False),
        suche=f.get("suche", ""),
    )
    if qs.count() > EXPORT_HOECHSTENS:
        messages.error(
            request,
            f"Mehr als {EXPORT_HOECHSTENS:,} Anregungen; bitte den Filter einschränken.".replace(
                ",", "."
            ),
        )
        return redirect(f"{reverse('anregung_liste')}?{request.GET.urlencode()}")
    stempel = timezone.localtime().strftime("%Y-%m-%d")
    inhalt = selectors.anregungen_exportieren(qs, format)
    protokollieren(
        Protokolleintrag.Art.EXPORT,
        betroffen=f"Anregungen ({format.upper()})",
        text=f"{qs.count()} Zeilen; Filter: {request.GET.urlencode() or 'keiner'}",
    )
    return _datei(inhalt, f"anregungen-{stempel}", format)
