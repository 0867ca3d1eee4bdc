"""The national administrator enters each year's movable holidays here (or ``batayon holidays
load FILE``); directives, waivers and the reminder ledger can be inspected."""

from __future__ import annotations

from django.contrib import admin

from .models import Digest, Directive, DirectiveItem, DirectiveTarget, Holiday, SentReminder, Waiver


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name_bn", "name_en")
    date_hierarchy = "date"
    search_fields = ("name_bn", "name_en")


class ItemInline(admin.TabularInline):
    model = DirectiveItem
    extra = 0
    filter_horizontal = ("rules",)


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ("subject", "issuer", "memo_number", "issued_on", "deadline")
    raw_id_fields = ("issuer", "under", "created_by")
    inlines = (ItemInline,)


@admin.register(DirectiveTarget)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("directive", "office", "state", "acknowledged_at", "reported_at", "next_due")
    list_filter = ("state",)
    raw_id_fields = ("directive", "office", "acknowledged_by", "reported_by")


@admin.register(Waiver)
class WaiverAdmin(admin.ModelAdmin):
    list_display = ("target", "item", "expires_on", "granted_by")
    raw_id_fields = ("target", "item", "granted_by")


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "office", "item_id", "level", "period", "sent_at")
    list_filter = ("kind", "level")
    raw_id_fields = ("recipient", "office")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ("recipient", "day", "lines", "escalation", "sent_at")
    raw_id_fields = ("recipient",)
