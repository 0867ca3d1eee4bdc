from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from batayon.history.admin import AuditedAdmin

from .models import Area, Office


@admin.register(Area)
class AreaAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ("name_bn", "name_en", "level", "domain")
    list_filter = ("level",)
    search_fields = ("name_bn", "name_en", "domain")


@admin.register(Office)
class OfficeAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ("name_bn", "name_en", "tier", "domain", "is_hosted", "content_updated_at")
    list_filter = ("tier", "is_hosted")
    search_fields = ("name_bn", "name_en", "domain")
    raw_id_fields = ("area", "org_parent")
    readonly_fields = ("geo_path", "org_path", "division", "district", "upazila", "ministry", "agency")

    def audit_office(self, obj: Office) -> Office:
        return obj
