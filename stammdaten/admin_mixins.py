from django.contrib import admin


class NurLesenAdmin(admin.ModelAdmin):
    """Workflow objects and their history are changed by the services only; the admin shows
    them read-only so that nothing bypasses a transition."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
