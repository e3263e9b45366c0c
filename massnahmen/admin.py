from django.contrib import admin

from massnahmen.models import Massnahmensteckbrief
from stammdaten.admin_mixins import NurLesenHistoryAdmin


@admin.register(Massnahmensteckbrief)
class MassnahmensteckbriefAdmin(NurLesenHistoryAdmin):
    list_display = ["titel", "verantwortlich", "befristet", "laufzeit_bis", "status"]
    list_filter = ["status", "befristet", "handlungsfeld"]
    search_fields = ["titel", "beschreibung"]
