from django.contrib import admin
from django.http import HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin

from core.models import Statuswechsel


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
