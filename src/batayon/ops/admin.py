from django.contrib import admin

from .models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """The periodic jobs' heartbeats, read-only (they are written by the runs themselves)."""

    list_display = ("job", "started_at", "finished_at", "status", "duration", "host")
    list_filter = ("job", "status")
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
