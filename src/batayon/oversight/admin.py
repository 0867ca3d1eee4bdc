"""The national administrator enters each year's movable holidays here (or ``batayon holidays
load FILE``); directives, waivers and the reminder ledger can be inspected. Edits go to the
change history (``AuditedAdmin``)."""

from __future__ import annotations

from django.contrib import admin

from batayon.history.admin import AuditedAdmin

from .models import Digest, Directive, DirectiveItem, DirectiveTarget, Holiday, SentReminder, Waiver


@admin.register(Holiday)
class HolidayAdmin(AuditedAdmin):
    list_display = ("date", "name_bn", "name_en")
    date_hierarchy = "date"
    search_fields = ("name_bn", "name_en")


class ItemInline(admin.TabularInline):
    model = DirectiveItem
    extra = 0
    filter_horizontal = ("rules",)


@admin.register(Directive)
class DirectiveAdmin(AuditedAdmin):
    list_display = ("subject", "issuer", "memo_number", "issued_on", "deadline")
    raw_id_fields = ("issuer", "under", "created_by")
    inlines = (ItemInline,)

    def audit_office(self, obj: Directive) -> object:
        return obj.issuer


@admin.register(DirectiveTarget)
class TargetAdmin(AuditedAdmin):
    list_display = ("directive", "office", "state", "acknowledged_at", "reported_at", "next_due")
    list_filter = ("state",)
    raw_id_fields = ("directive", "office", "acknowledged_by", "reported_by")


@admin.register(Waiver)
class WaiverAdmin(AuditedAdmin):
    list_display = ("target", "item", "expires_on", "granted_by")
    raw_id_fields = ("target", "item", "granted_by")

    def audit_office(self, obj: Waiver) -> object:
        return obj.target.office


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "office", "item_id", "level", "period", "sent_at")
    list_filter = ("kind", "level")
    raw_id_fields = ("recipient", "office")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ("recipient", "day", "lines", "escalation", "sent_at")
    raw_id_fields = ("recipient",)
