"""Gregorian date formatting and parsing in Bangla and English."""

from __future__ import annotations

import datetime as _dt
import re

from django.utils.translation import gettext

from .calendar import ERA_BN, format_bangla_date
from .digits import to_bangla_digits, to_latin_digits
from .text import nfc

GREGORIAN_MONTHS_BN: tuple[str, ...] = tuple(
    nfc(m)
    for m in (
        "জানুয়ারি",
        "ফেব্রুয়ারি",
        "মার্চ",
        "এপ্রিল",
        "মে",
        "জুন",
        "জুলাই",
        "আগস্ট",
        "সেপ্টেম্বর",
        "অক্টোবর",
        "নভেম্বর",
        "ডিসেম্বর",
    )
)

GREGORIAN_MONTHS_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

CHRISTIAN_ERA_BN = "খ্রিষ্টাব্দ"

# Bangladesh has used UTC+6 without DST since 2010 (DST only in 2009); the fallback only matters
# when the system has no tz database.
try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        DHAKA_TZ: _dt.tzinfo = ZoneInfo("Asia/Dhaka")
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the system
        DHAKA_TZ = _dt.timezone(_dt.timedelta(hours=6), "BST")
except ImportError:  # pragma: no cover
    DHAKA_TZ = _dt.timezone(_dt.timedelta(hours=6), "BST")


def format_date_bn(d: _dt.date) -> str:
    """Gregorian date in Bangla, e.g. ২৮ সেপ্টেম্বর ২০২০."""
    return to_bangla_digits(f"{d.day} {GREGORIAN_MONTHS_BN[d.month - 1]} {d.year}")


def format_date_en(d: _dt.date) -> str:
    """Gregorian date in English, e.g. 28 September 2020."""
    return f"{d.day} {GREGORIAN_MONTHS_EN[d.month - 1]} {d.year}"


def format_datetime_bn(dt: _dt.datetime) -> str:
    """Date and 24-hour time in Bangla, e.g. ২৮ সেপ্টেম্বর ২০২০, ১০:১৬.

    Aware datetimes (e.g. Django's UTC values) are shown in Dhaka time so a
    caller that forgets ``localtime()`` does not print a time 6 hours off;
    naive datetimes are taken as already local.
    """
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(DHAKA_TZ)
    return f"{format_date_bn(dt)}, " + to_bangla_digits(f"{dt.hour:02d}:{dt.minute:02d}")


def format_official_date_bn(d: _dt.date) -> str:
    """Both calendars as on official letters.

    "১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ / ২৮ সেপ্টেম্বর ২০২০ খ্রিষ্টাব্দ"
    """
    return f"{format_bangla_date(d)} {ERA_BN} / {format_date_bn(d)} {CHRISTIAN_ERA_BN}"


_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY_RE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})")


def parse_date(value: str) -> _dt.date:
    """Parse ISO (2020-09-28) or day-first (28/09/2020, 28.09.2020) dates.

    Bangla digits are accepted.  Raises ValueError with a message (in the active
    language) that can be shown to the user as-is.
    """
    text = to_latin_digits(str(value)).strip()
    if m := _ISO_RE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY_RE.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise ValueError(
            gettext("তারিখটি বোঝা যায়নি: %(value)s; লিখুন দিন/মাস/বছর, যেমন ২৮/০৯/২০২০") % {"value": value}
        )
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            gettext("এমন কোনো তারিখ নেই: %(value)s; দিন ও মাস ঠিক আছে কি না দেখুন, লিখুন দিন/মাস/বছর, যেমন ২৮/০৯/২০২০")
            % {"value": value}
        ) from None
