"""Bilingual fields: each listed field gets ``_bn`` and ``_en`` columns in the same row."""

from modeltranslation.translator import TranslationOptions, register

from . import models as m


@register(m.Officer)
class OfficerTr(TranslationOptions):
    fields = ("name", "designation", "section_name")


@register(m.Notice)
class NoticeTr(TranslationOptions):
    fields = ("title", "body")


@register(m.CitizenCharter)
class CharterTr(TranslationOptions):
    fields = ("vision", "mission")


@register(m.CharterGrievanceStep)
class GrievanceStepTr(TranslationOptions):
    fields = ("when", "contact", "time_limit")


@register(m.CharterExpectation)
class ExpectationTr(TranslationOptions):
    fields = ("text",)


@register(m.Service)
class ServiceTr(TranslationOptions):
    fields = ("name", "delivery_method", "required_documents", "fee", "time_limit")


@register(m.DesignatedOfficer)
class DesignatedOfficerTr(TranslationOptions):
    fields = ("external_name", "external_designation")


@register(m.Document)
class DocumentTr(TranslationOptions):
    fields = ("title", "description")


@register(m.Project)
class ProjectTr(TranslationOptions):
    fields = ("title", "description", "progress")


@register(m.FocalPoint)
class FocalPointTr(TranslationOptions):
    fields = ("subject",)


@register(m.Page)
class PageTr(TranslationOptions):
    fields = ("title", "body")


@register(m.MenuItem)
class MenuItemTr(TranslationOptions):
    fields = ("title",)
