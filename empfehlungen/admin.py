from django.contrib import admin

from empfehlungen.models import (
    Abstimmung,
    Anregung,
    Freigabe,
    Handlungsempfehlung,
    Statistikpruefung,
    Strategiepapier,
    Veranstaltung,
)
from stammdaten.admin_mixins import NurLesenAdmin, NurLesenHistoryAdmin


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
    search_fields = ["titel", "text"]


@admin.register(Abstimmung)
class AbstimmungAdmin(NurLesenAdmin):
    list_display = ["objekt", "bereich", "fassung", "stand", "antwort", "user", "zeitpunkt"]
    list_filter = ["antwort", "bereich"]
    list_select_related = ["empfehlung", "steckbrief", "bereich", "user"]


@admin.register(Freigabe)
class FreigabeAdmin(NurLesenAdmin):
    list_display = ["objekt", "bereich", "fassung", "entscheidung", "unterschrift", "zeitpunkt"]
    list_filter = ["entscheidung", "bereich"]
    list_select_related = ["empfehlung", "steckbrief", "bereich", "user", "in_vertretung_fuer"]


@admin.register(Strategiepapier)
class StrategiepapierAdmin(NurLesenAdmin):
    list_display = ["sozialraum", "ausgabe", "status", "veroeffentlicht_am", "pdf_sha256"]
    list_filter = ["status", "sozialraum"]
