"""The holiday calendar: fixed-date national holidays built in, the movable ones (Eid, Puja…)
from the ``Holiday`` table. Every working-day computation of the platform goes through here,
and the arithmetic itself is ``batayon.bangla.workdays`` (pure) with the holidays passed in."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from batayon.bangla import workdays
from batayon.bangla.digits import to_bangla_digits

from .models import Holiday

# (month, day) → (Bangla, English). The same date every year.
FIXED: dict[tuple[int, int], tuple[str, str]] = {
    (2, 21): ("শহীদ দিবস ও আন্তর্জাতিক মাতৃভাষা দিবস", "Martyrs' Day and International Mother Language Day"),
    (3, 26): ("স্বাধীনতা ও জাতীয় দিবস", "Independence Day"),
    (4, 14): ("বাংলা নববর্ষ", "Bangla New Year"),
    (5, 1): ("মে দিবস", "May Day"),
    (12, 16): ("বিজয় দিবস", "Victory Day"),
    (12, 25): ("যিশুখ্রিষ্টের জন্মদিন (বড়দিন)", "Christmas Day"),
}


def holidays_between(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    """Every holiday from ``start`` to ``end`` inclusive: the fixed ones and the table's."""
    days = {
        dt.date(year, month, day)
        for year in range(start.year, end.year + 1)
        for (month, day) in FIXED
        if start <= dt.date(year, month, day) <= end
    }
    days.update(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))
    return frozenset(days)


def _window(day: dt.date, days: int) -> frozenset[dt.date]:
    # Generous: n working days never span more than twice n calendar days plus a long Eid.
    return holidays_between(day - dt.timedelta(days=days), day + dt.timedelta(days=days))


def is_working_day(day: dt.date) -> bool:
    return workdays.is_working_day(day, holidays_between(day, day))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (``start`` not counted), holidays included."""
    return workdays.add_working_days(start, n, _window(start, 3 * abs(n) + 30))


def working_days_between(a: dt.date, b: dt.date) -> int:
    lo, hi = min(a, b), max(a, b)
    return workdays.working_days_between(a, b, holidays_between(lo, hi))


class WorkingDayIndex:
    """Working days counted from a fixed origin, for many dates at once (the reminder job
    asks "how many working days overdue" for every failing item of the country)."""

    def __init__(self, start: dt.date, end: dt.date):
        self.start = start
        self.days_off = holidays_between(start, end)
        self._count: dict[dt.date, int] = {}
        count = 0
        day = start
        while day <= end:
            if workdays.is_working_day(day, self.days_off):
                count += 1
            self._count[day] = count
            day += dt.timedelta(days=1)

    def between(self, a: dt.date, b: dt.date) -> int:
        """Working days after ``a`` up to and including ``b`` (as workdays.working_days_between)."""
        a = max(a, self.start)
        return self._count[b] - self._count[a]


@dataclass
class HolidayRow:
    date: dt.date
    name_bn: str
    name_en: str


class HolidayFileError(ValueError):
    """Every problem of the file, in Bangla, one per line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def parse_holidays(text: str) -> list[HolidayRow]:
    """Rows of a CSV with the columns ``date,name_bn[,name_en]`` (date as YYYY-MM-DD)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    if "date" not in fields or "name_bn" not in fields:
        raise HolidayFileError([_("ফাইলের প্রথম লাইনে date ও name_bn কলাম থাকতে হবে।")])
    rows: list[HolidayRow] = []
    errors: list[str] = []
    seen: set[dt.date] = set()
    for number, raw in enumerate(reader, start=2):
        raw = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        line = to_bangla_digits(str(number))
        try:
            day = dt.date.fromisoformat(raw.get("date", ""))
        except ValueError:
            errors.append(
                _('লাইন %(line)s: তারিখ "%(value)s" সঠিক নয় (YYYY-MM-DD লিখুন)।')
                % {"line": line, "value": raw.get("date", "")}
            )
            continue
        if not raw.get("name_bn"):
            errors.append(_("লাইন %(line)s: ছুটির বাংলা নাম নেই।") % {"line": line})
            continue
        if day in seen:
            errors.append(_("লাইন %(line)s: তারিখটি ফাইলে আগেও আছে।") % {"line": line})
            continue
        seen.add(day)
        rows.append(HolidayRow(day, raw["name_bn"], raw.get("name_en", "")))
    if errors:
        raise HolidayFileError(errors)
    return rows


def load_holidays(text: str) -> tuple[int, int]:
    """Load a holiday file, all or nothing; returns (created, updated)."""
    rows = parse_holidays(text)
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _obj, new = Holiday.objects.update_or_create(
                date=row.date, defaults={"name_bn": row.name_bn, "name_en": row.name_en}
            )
            created += new
            updated += not new
    return created, updated
