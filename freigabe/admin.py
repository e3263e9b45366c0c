from django.contrib import admin

from core.admin import NurLesenAdmin
from freigabe.models import Abstimmung, Freigabe


@admin.register(Abstimmung)
class AbstimmungAdmin(NurLesenAdmin):
    list_display = [
        "content_type",
        "object_id",
        "bereich",
        "fassung",
        "stand",
        "antwort",
        "user",
        "zeitpunkt",
    ]
    list_filter = ["antwort", "bereich", "content_type"]
    list_select_related = ["content_type", "bereich", "user"]


@admin.register(Freigabe)
class FreigabeAdmin(NurLesenAdmin):
    list_display = [
        "content_type",
        "object_id",
        "bereich",
        "fassung",
        "entscheidung",
        "unterschrift",
        "zeitpunkt",
    ]
    list_filter = ["entscheidung", "bereich", "content_type"]
    list_select_related = ["content_type", "bereich", "user", "in_vertretung_fuer"]
