"""Committees and their meetings in the admin: where the national administrator (or a data-entry
operator) enters minutes until the offices have their own forms."""

from __future__ import annotations

from django.contrib import admin

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
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "office", "area")
    list_filter = ("kind",)
    search_fields = ("name", "office__domain")
    raw_id_fields = ("office", "area")
    inlines = (MemberInline,)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ("member",)


class AgendaInline(admin.StackedInline):
    model = AgendaItem
    extra = 0


class DecisionInline(admin.StackedInline):
    model = Decision
    fk_name = "meeting"
    extra = 0
    fields = ("number", "agenda_item", "text", "deadline", "rules", "state", "closed_on", "closed_in")
    filter_horizontal = ("rules",)
    raw_id_fields = ("closed_in",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("committee", "date", "memo_number", "published_at", "forwarded_at")
    list_filter = ("committee__kind",)
    date_hierarchy = "date"
    raw_id_fields = ("committee", "notice", "forwarded_to")
    readonly_fields = ("published_at", "notice", "forwarded_at", "forwarded_to")
    inlines = (AttendanceInline, AgendaInline, DecisionInline)


class ImplementerInline(admin.TabularInline):
    model = Implementer
    extra = 0
    raw_id_fields = ("office", "officer")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "deadline", "state", "closed_on")
    list_filter = ("state",)
    raw_id_fields = ("meeting", "agenda_item", "closed_in")
    filter_horizontal = ("rules",)
    inlines = (ImplementerInline,)


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("meeting", "decision", "measured_passing", "measured_total")
    raw_id_fields = ("meeting", "decision")


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("kind", "fmt", "under", "status", "done", "total", "created", "finished")
    readonly_fields = ("done", "total", "file", "error", "created", "finished")
