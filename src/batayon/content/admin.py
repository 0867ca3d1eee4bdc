from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from batayon.history.admin import AuditedAdmin

from . import models as m


class OfficeContentAdmin(AuditedAdmin, TranslationAdmin):
    list_filter = ("state",)
    raw_id_fields = ("office",)
    readonly_fields = ("updated_at", "version", "updated_by")


for model in m.CONTENT_MODELS:
    admin.site.register(model, OfficeContentAdmin)


@admin.register(m.MenuItem)
class MenuItemAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ("tier", "key", "title_bn", "title_en", "section", "sort_order")
    list_filter = ("tier",)
