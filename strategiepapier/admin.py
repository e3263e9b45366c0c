from django.contrib import admin

from core.admin import NurLesenAdmin
from strategiepapier.models import Strategiepapier


@admin.register(Strategiepapier)
class StrategiepapierAdmin(NurLesenAdmin):
    list_display = ["sozialraum", "ausgabe", "status", "veroeffentlicht_am", "pdf_sha256"]
    list_filter = ["status", "sozialraum"]
    list_select_related = ["sozialraum"]
