"""Committees and their meetings in the admin: where the national administrator (or a data-entry
operator) enters minutes until the offices have their own forms. Every add, change and delete
here goes to the change history of the office that keeps the committee (``history.admin``),
as the office's own forms do."""

from __future__ import annotations

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext

from batayon.history.admin import AuditedAdmin

from .models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    FollowUp,
    Implementer,
    Meeting,
    Member,
    ReportJob,
)


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    raw_id_fields = ("officer", "office")


@admin.register(Committee)
class CommitteeAdmin(AuditedAdmin):
    list_display = ("name", "kind", "office", "area")
    list_filter = ("kind",)
    search_fields = ("name", "office__domain")
    raw_id_fields = ("office", "area")
    inlines = (MemberInline,)

    def audit_office(self, obj: Committee):
        return obj.office


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ("member",)


class AgendaInline(admin.StackedInline):
    model = AgendaItem
    extra = 0


class DecisionFormSet(BaseInlineFormSet):
    """A meeting's decisions: a number used twice is refused in Bangla."""

    def get_unique_error_message(self, unique_check) -> str:
        if "number" in unique_check:
            return gettext("এই সভায় এই ক্রমিকের একটি সিদ্ধান্ত আগেই আছে।")
        return super().get_unique_error_message(unique_check)

    def get_form_error(self) -> str:
        return gettext("নিচের একই রকম মানগুলো ঠিক করুন।")


class DecisionInline(admin.StackedInline):
    model = Decision
    formset = DecisionFormSet
    fk_name = "meeting"
    extra = 0
    fields = ("number", "agenda_item", "text", "deadline", "rules", "directive", "state", "closed_on", "closed_in")
    filter_horizontal = ("rules",)
    raw_id_fields = ("closed_in", "directive")


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ("committee", "date", "memo_number", "published_at", "forwarded_at")
    list_filter = ("committee__kind",)
    date_hierarchy = "date"
    raw_id_fields = ("committee", "notice", "forwarded_to")
    readonly_fields = ("published_at", "notice", "forwarded_at", "forwarded_to")
    inlines = (AttendanceInline, AgendaInline, DecisionInline)

    def audit_office(self, obj: Meeting):
        return obj.committee.office


class ImplementerInline(admin.TabularInline):
    model = Implementer
    extra = 0
    raw_id_fields = ("office", "officer")


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ("__str__", "deadline", "state", "closed_on", "directive")
    list_filter = ("state",)
    raw_id_fields = ("meeting", "agenda_item", "closed_in", "directive")
    filter_horizontal = ("rules",)
    inlines = (ImplementerInline,)

    def audit_office(self, obj: Decision):
        return obj.meeting.committee.office


@admin.register(FollowUp)
class FollowUpAdmin(AuditedAdmin):
    list_display = ("meeting", "decision", "measured_passing", "measured_total")
    raw_id_fields = ("meeting", "decision")

    def audit_office(self, obj: FollowUp):
        return obj.meeting.committee.office


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("kind", "fmt", "under", "status", "done", "total", "created", "finished")
    readonly_fields = ("done", "total", "file", "error", "created", "finished")
