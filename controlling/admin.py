from django.contrib import admin

from controlling.models import (
    Berichtsperiode,
    Controllingbericht,
    Einstellung,
    Erinnerung,
    Sachstandsmeldung,
)
from core.admin import NurLesenAdmin


@admin.register(Einstellung)
class EinstellungAdmin(admin.ModelAdmin):
    """The controlling calendar: one row, edited here (lead times, Frist, escalation)."""

    fieldsets = [
        (
            "Berichtsperioden",
            {
                "fields": [
                    "automatisch_eroeffnen",
                    "eroeffnung_tage_nach_stichtag",
                    "frist_tage_nach_stichtag",
                ]
            },
        ),
        (
            "Erinnerungen",
            {
                "fields": [
                    "erinnerung_tage_vor_frist",
                    "eskalation_tage_nach_frist",
                    "uebersicht_wochentag",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return not Einstellung.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


# Periods and Meldungen change through the app's workflow only; the admin reads them.
@admin.register(Berichtsperiode)
class BerichtsperiodeAdmin(NurLesenAdmin):
    list_display = ["__str__", "stichtag", "frist", "eroeffnet_am", "abgeschlossen_am"]


@admin.register(Sachstandsmeldung)
class SachstandsmeldungAdmin(NurLesenAdmin):
    list_display = ["periode", "nummer", "titel", "bereich", "status", "ampel", "fortschritt"]
    list_filter = ["periode", "status", "ampel", "bereich"]
    list_select_related = ["periode", "bereich"]
    search_fields = ["titel", "nummer"]


@admin.register(Erinnerung)
class ErinnerungAdmin(NurLesenAdmin):
    list_display = ["gesendet_am", "art", "tage", "empfaenger", "meldung"]
    list_filter = ["art"]
    list_select_related = ["empfaenger", "meldung__periode"]


@admin.register(Controllingbericht)
class ControllingberichtAdmin(NurLesenAdmin):
    list_display = ["periode", "status", "angefordert_am", "fertig_am"]
    list_select_related = ["periode"]
