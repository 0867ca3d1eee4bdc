"""Template helpers for a Bangla-first site, available in every template (a builtin).

- ``{{ n|num }}``: digits in the page's language (৩৬ on a Bangla page, 36 on an English one).
- ``{{ d|day }}``: a date as the page's language writes it ("২৮ সেপ্টেম্বর ২০২০").
- ``{{ d|official_day }}``: on Bangla pages, the Bangla-calendar date beside the Gregorian one,
  as official letters write them.
- ``{{ p|phone }}``: a stored phone number in the local, readable form.
- ``{% tr obj "title" %}``: a translated field, falling back to the other language with a
  visible "not yet translated" marker so a visitor never sees an empty page.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone, translation
from django.utils.html import format_html

from batayon.bangla.calendar import format_bangla_date
from batayon.bangla.dates import format_date_bn, format_date_en
from batayon.bangla.digits import to_bangla_digits
from batayon.bangla.phone import InvalidPhone, format_phone_bn, format_phone_local

register = template.Library()

MISSING_MARKER = {
    # Shown on an English page when only Bangla exists, and the reverse.
    "en": "Not yet translated into English",
    "bn": "বাংলায় এখনো লেখা হয়নি",
}


def _lang() -> str:
    return (translation.get_language() or "bn")[:2]


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def num(value: object) -> str:
    if value is None:
        return ""
    return to_bangla_digits(str(value)) if _lang() == "bn" else str(value)


@register.filter
def day(value: dt.date | dt.datetime | None) -> str:
    if not value:
        return ""
    d = _as_date(value)
    return format_date_bn(d) if _lang() == "bn" else format_date_en(d)


@register.filter
def official_day(value: dt.date | dt.datetime | None) -> str:
    """Both calendars on Bangla pages ("১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ / ২৮ সেপ্টেম্বর ২০২০ খ্রিষ্টাব্দ")."""
    if not value:
        return ""
    d = _as_date(value)
    if _lang() == "bn":
        return f"{format_bangla_date(d)} বঙ্গাব্দ / {format_date_bn(d)} খ্রিষ্টাব্দ"
    return format_date_en(d)


@register.filter
def bangla_day(value: dt.date | dt.datetime | None) -> str:
    return format_bangla_date(_as_date(value)) if value else ""


@register.filter
def phone(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_phone_bn(value) if _lang() == "bn" else format_phone_local(value)
    except (InvalidPhone, ValueError):
        return value


def translated_value(obj: object, field: str, lang: str | None = None) -> tuple[str, str | None]:
    """The field in ``lang``, else in the other language: ``(text, language it is in)``."""
    lang = lang or _lang()
    other = "en" if lang == "bn" else "bn"
    for code in (lang, other):
        text = getattr(obj, f"{field}_{code}", None)
        if text:
            return str(text), code
    return "", None


@register.simple_tag
def tr(obj: object, field: str, html: bool = False) -> str:
    """Render ``obj.<field>`` in the page's language, or the other one with a marker."""
    lang = _lang()
    text, found = translated_value(obj, field, lang)
    if found is None:
        return ""
    if html:
        from django.utils.safestring import mark_safe

        body: str = mark_safe(text)  # sanitised with nh3 when it was saved
    else:
        body = text
    if found == lang:
        return format_html("{}", body)
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated">({})</small>', found, body, MISSING_MARKER[lang]
    )


@register.filter
def trv(obj: object, field: str) -> str:
    """The plain translated text (with fallback, no marker): for attributes such as alt."""
    return translated_value(obj, field)[0]
