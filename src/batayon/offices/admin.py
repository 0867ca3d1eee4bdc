from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Area, Office


@admin.register(Area)
class AreaAdmin(TranslationAdmin):
    list_display = ("name_bn", "name_en", "level", "domain")
    list_filter = ("level",)
    search_fields = ("name_bn", "name_en", "domain")


@admin.register(Office)
class OfficeAdmin(TranslationAdmin):
    list_display = ("name_bn", "name_en", "tier", "domain", "is_hosted", "content_updated_at")
    list_filter = ("tier", "is_hosted")
    search_fields = ("name_bn", "name_en", "domain")
    raw_id_fields = ("area", "org_parent")
    readonly_fields = ("geo_path", "org_path", "division", "district", "upazila", "ministry", "agency")
