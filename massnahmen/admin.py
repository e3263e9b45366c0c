from django.contrib import admin

from core.admin import NurLesenHistoryAdmin
from massnahmen.models import Massnahmensteckbrief


@admin.register(Massnahmensteckbrief)
class MassnahmensteckbriefAdmin(NurLesenHistoryAdmin):
    list_display = ["titel", "verantwortlich", "befristet", "laufzeit_bis", "status"]
    list_filter = ["status", "befristet", "handlungsfeld"]
    list_select_related = ["federfuehrung"]
    search_fields = ["titel", "beschreibung"]
