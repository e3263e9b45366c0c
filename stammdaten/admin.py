from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from core import importing
from core.forms import ImportForm
from core.models import Protokolleintrag
from core.protokoll import protokollieren
from stammdaten.models import (
    Bereich,
    Handlungsfeld,
    Kennzahl,
    Kennzahlwert,
    Mitgliedschaft,
    Sozialquartier,
    Sozialraum,
    User,
    Vertretung,
    Verzeichnisgruppe,
)
from stammdaten.resources import KennzahlwertResource
from stammdaten.services import kennzahlwerte_importieren


class MitgliedschaftInline(admin.TabularInline):
    model = Mitgliedschaft
    extra = 0
    autocomplete_fields = ["bereich"]


class BereichMitgliedschaftInline(admin.TabularInline):
    model = Mitgliedschaft
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class BenutzerAdmin(UserAdmin):
    list_display = [
        "username",
        "last_name",
        "first_name",
        "email",
        "ist_sozialplanung",
        "ist_lesend",
        "is_staff",
        "is_active",
    ]
    list_filter = [
        "ist_sozialplanung",
        "ist_lesend",
        "is_staff",
        "is_active",
        "mitgliedschaften__bereich",
    ]
    fieldsets = [
        *UserAdmin.fieldsets[:2],
        ("Stadtweite Rollen", {"fields": ["funktion", "ist_sozialplanung", "ist_lesend"]}),
        *UserAdmin.fieldsets[2:],
    ]
    inlines = [MitgliedschaftInline]


@admin.register(Bereich)
class BereichAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "art", "email", "aktiv"]
    list_filter = ["art", "aktiv"]
    search_fields = ["code", "name"]
    inlines = [BereichMitgliedschaftInline]


class SozialquartierInline(admin.TabularInline):
    model = Sozialquartier
    extra = 0


@admin.register(Sozialraum)
class SozialraumAdmin(admin.ModelAdmin):
    list_display = ["name", "kurzname", "reihenfolge", "aktiv"]
    list_editable = ["reihenfolge"]
    search_fields = ["name", "kurzname"]
    inlines = [SozialquartierInline]


@admin.register(Sozialquartier)
class SozialquartierAdmin(admin.ModelAdmin):
    list_display = ["name", "sozialraum", "reihenfolge", "aktiv"]
    list_filter = ["sozialraum", "aktiv"]
    search_fields = ["name"]


@admin.register(Kennzahl)
class KennzahlAdmin(admin.ModelAdmin):
    list_display = ["name", "einheit", "richtung", "im_sozialindex", "quelle", "reihenfolge"]
    list_filter = ["im_sozialindex", "richtung"]
    list_editable = ["reihenfolge"]
    search_fields = ["name", "definition"]


@admin.register(Kennzahlwert)
class KennzahlwertAdmin(ExportMixin, admin.ModelAdmin):
    """Export through django-import-export; import through the project's all-or-nothing
    service (the same as `manage.py import_kennzahlwerte`), with a preview before saving."""

    resource_classes = [KennzahlwertResource]
    formats = [XLSX, CSV]
    list_display = ["kennzahl", "gebiet", "jahr", "wert", "beispieldaten"]
    list_filter = ["kennzahl", "jahr", "beispieldaten", "sozialraum"]
    list_select_related = ["kennzahl", "sozialquartier", "sozialraum"]
    search_fields = ["kennzahl__name", "sozialquartier__name", "sozialraum__name"]
    autocomplete_fields = ["sozialquartier", "sozialraum"]
    import_export_change_list_template = "admin/stammdaten/kennzahlwert/change_list.html"

    def get_export_data(self, file_format, request, queryset, **kwargs):
        daten = super().get_export_data(file_format, request, queryset, **kwargs)
        protokollieren(
            Protokolleintrag.Art.EXPORT,
            betroffen=f"Kennzahlwerte ({file_format.get_title()})",
            text=f"{queryset.count()} Zeilen",
            request=request,
        )
        return daten

    def get_urls(self):
        return [
            path(
                "importieren/",
                self.admin_site.admin_view(self.import_ansicht),
                name="stammdaten_kennzahlwert_importieren",
            ),
            *super().get_urls(),
        ]

    def import_ansicht(self, request):
        if not request.user.has_perm("stammdaten.kennzahlwerte_importieren"):
            raise PermissionDenied
        kontext = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Kennzahlwerte importieren",
            "ergebnis": None,
        }
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and "ablage" in request.POST:
            ablage = importing.upload_uebernehmen(request, request.POST["ablage"])
            if ablage is None:
                messages.error(
                    request,
                    "Diese Vorschau ist abgelaufen oder schon übernommen. "
                    "Bitte die Datei erneut hochladen.",
                )
                return redirect("admin:stammdaten_kennzahlwert_importieren")
            ergebnis = kennzahlwerte_importieren(
                daten=ablage.tabelle,
                dateiname=ablage.dateiname,
                speichern=True,
                user=request.user,
            )
            if ergebnis.gespeichert:
                messages.success(
                    request,
                    f"„{ablage.dateiname}“ importiert: {ergebnis.neu} neu, "
                    f"{ergebnis.geaendert} geändert, {ergebnis.unveraendert} unverändert.",
                )
                return redirect("admin:stammdaten_kennzahlwert_changelist")
            kontext["ergebnis"] = ergebnis
        elif request.method == "POST" and form.is_valid():
            datei = form.cleaned_data["datei"]
            daten = datei.read()
            ergebnis = kennzahlwerte_importieren(
                daten=daten, dateiname=datei.name, speichern=False, user=request.user
            )
            kontext["ergebnis"] = ergebnis
            if ergebnis.ok:
                try:
                    kontext["ablage"] = importing.upload_ablegen(
                        request, datei.name, ergebnis.tabelle
                    )
                except importing.ImportFehler as exc:
                    messages.error(request, str(exc))
        kontext["form"] = form
        kontext["spalten"] = ["Kennzahl", "Ebene", "Gebiet", "Jahr", "Wert"]
        return TemplateResponse(request, "admin/stammdaten/kennzahlwert/import.html", kontext)


@admin.register(Handlungsfeld)
class HandlungsfeldAdmin(admin.ModelAdmin):
    list_display = ["name", "reihenfolge", "aktiv"]
    list_editable = ["reihenfolge", "aktiv"]
    search_fields = ["name"]


@admin.register(Vertretung)
class VertretungAdmin(admin.ModelAdmin):
    list_display = ["bereich", "vertretene", "vertretung", "von", "bis"]
    list_filter = ["bereich"]
    autocomplete_fields = ["vertretene", "vertretung"]


@admin.register(Verzeichnisgruppe)
class VerzeichnisgruppeAdmin(admin.ModelAdmin):
    """Which directory group gives which role (sign-in through the directory)."""

    list_display = ["dn", "rolle", "bereich"]
    list_filter = ["rolle", "bereich"]
    search_fields = ["dn"]
