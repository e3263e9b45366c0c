from django.contrib import admin

from massnahmen.models import Massnahmensteckbrief
from stammdaten.admin_mixins import NurLesenAdmin


@admin.register(Massnahmensteckbrief)
class MassnahmensteckbriefAdmin(NurLesenAdmin):
    list_display = ["titel", "verantwortlich", "befristet", "laufzeit_bis", "status"]
    list_filter = ["status", "befristet", "handlungsfeld"]
    search_fields = ["titel", "beschreibung"]
