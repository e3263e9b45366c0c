from django.contrib import admin

from core.admin import NurLesenAdmin, NurLesenHistoryAdmin
from empfehlungen.models import Anregung, Handlungsempfehlung, Statistikpruefung, Veranstaltung


@admin.register(Veranstaltung)
class VeranstaltungAdmin(admin.ModelAdmin):
    list_display = ["datum", "bezeichnung", "sozialraum", "runde", "format", "teilnehmende"]
    list_filter = ["format", "runde", "sozialraum"]
    date_hierarchy = "datum"


@admin.register(Anregung)
class AnregungAdmin(NurLesenAdmin):
    list_display = ["nummer", "text", "sozialraum", "handlungsfeld", "status", "erfasst_am"]
    list_filter = ["status", "sozialraum", "handlungsfeld"]
    list_select_related = ["sozialraum", "handlungsfeld"]
    search_fields = ["text"]
    show_full_result_count = False


@admin.register(Statistikpruefung)
class StatistikpruefungAdmin(NurLesenAdmin):
    list_display = ["anregung", "ergebnis", "sozialraum", "jahr", "erstellt_von", "erstellt_am"]
    list_filter = ["ergebnis"]


@admin.register(Handlungsempfehlung)
class HandlungsempfehlungAdmin(NurLesenHistoryAdmin):
    list_display = ["nummer", "titel", "art", "status", "federfuehrung"]
    list_filter = ["status", "art", "handlungsfeld"]
    list_select_related = ["federfuehrung"]
    search_fields = ["titel", "text"]
