from modeltranslation.translator import TranslationOptions, register

from .models import Area, Office


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name",)


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "address")
