from django.contrib import admin

from core.admin import NurLesenAdmin
from notifications.models import Benachrichtigung


@admin.register(Benachrichtigung)
class BenachrichtigungAdmin(NurLesenAdmin):
    list_display = [
        "erstellt_am",
        "empfaenger",
        "art",
        "titel",
        "mail",
        "mail_versuche",
        "mail_fehler",
        "gelesen_am",
    ]
    list_filter = ["art", "mail"]
    list_select_related = ["empfaenger"]
    search_fields = ["titel", "empfaenger__username"]
