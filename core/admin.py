from django.contrib import admin
from django.http import HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin

from core.models import Protokolleintrag, Statuswechsel


class NurLesenAdmin(admin.ModelAdmin):
    """Workflow objects and their history are changed by the services only; the admin shows
    them read-only so that nothing bypasses a transition."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NurLesenHistoryAdmin(NurLesenAdmin, SimpleHistoryAdmin):
    """django-simple-history's version page saves a POSTed form even with revert disabled,
    which would write an old version back; here versions can only be looked at."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Statuswechsel)
class StatuswechselAdmin(NurLesenAdmin):
    list_display = ["zeitpunkt", "content_type", "object_id", "von", "nach", "user", "kommentar"]
    list_filter = ["content_type", "nach"]
    list_select_related = ["content_type", "user"]
    date_hierarchy = "zeitpunkt"


@admin.register(Protokolleintrag)
class ProtokollAdmin(NurLesenAdmin):
    """The audit log: read only, for the administration (PROTOKOLL_AUFBEWAHRUNG_TAGE)."""

    list_display = ["zeitpunkt", "art", "handelnde_name", "betroffen", "text", "adresse"]
    list_filter = ["art"]
    search_fields = ["handelnde_name", "betroffen", "text", "adresse"]
    date_hierarchy = "zeitpunkt"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
