"""The Bangla (Bangabda) calendar as used by the Government of Bangladesh.

1 Boishakh is always 14 April.  Two month-length rules apply:

* REVISED rule (Bangla Academy, in force from 1 Boishakh 1426 = 14 April
  2019): Boishakh-Ashwin 31 days, Kartik-Magh 30, Falgun 29 (30 when its
  February is in a Gregorian leap year), Choitro 30.  This pins the national
  days: 21 Feb = 8 Falgun, 26 Mar = 12 Choitro, 16 Dec = 1 Poush.
* OLD rule (Bangla Academy 1987, for years up to 1425): Boishakh-Bhadro 31
  days, Ashwin-Choitro 30, but Falgun 31 in a Gregorian leap year.  Older
  government letters were dated with it, so we must reproduce it exactly.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .digits import to_bangla_digits
from .text import nfc

BANGLA_MONTHS: tuple[str, ...] = tuple(
    nfc(m)
    for m in (
        "বৈশাখ",
        "জ্যৈষ্ঠ",
        "আষাঢ়",
        "শ্রাবণ",
        "ভাদ্র",
        "আশ্বিন",
        "কার্তিক",
        "অগ্রহায়ণ",
        "পৌষ",
        "মাঘ",
        "ফাল্গুন",
        "চৈত্র",
    )
)

BANGLA_MONTHS_EN: tuple[str, ...] = (
    "Boishakh",
    "Joishtho",
    "Asharh",
    "Shrabon",
    "Bhadro",
    "Ashwin",
    "Kartik",
    "Ogrohayon",
    "Poush",
    "Magh",
    "Falgun",
    "Choitro",
)

ERA_BN = "বঙ্গাব্দ"

#: First Bangla year counted with the revised (2019) rule.
REVISED_RULE_FROM_YEAR = 1426

# Bangla year = Gregorian year - 593 from 14 April (1 Boishakh) onward.
_YEAR_OFFSET = 593
_NEW_YEAR = (4, 14)


def _is_gregorian_leap(year: int) -> bool:
    # Own helper: this module is itself called "calendar", so avoid any
    # confusion with the stdlib module of the same name.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def month_lengths(year: int) -> tuple[int, ...]:
    """Lengths of the 12 months of Bangla ``year`` under the rule in force."""
    # Falgun of Bangla year Y falls in February of Gregorian year Y + 594.
    leap = _is_gregorian_leap(year + _YEAR_OFFSET + 1)
    if year >= REVISED_RULE_FROM_YEAR:
        return (31,) * 6 + (30,) * 4 + (30 if leap else 29, 30)
    return (31,) * 5 + (30,) * 5 + (31 if leap else 30, 30)


def days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` (1-12) of Bangla ``year``."""
    _check_month(month)
    return month_lengths(year)[month - 1]


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"Bangla month must be 1-12, got {month}")


def _new_year_day(year: int) -> _dt.date:
    """Gregorian date of 1 Boishakh of Bangla ``year``."""
    return _dt.date(year + _YEAR_OFFSET, *_NEW_YEAR)


@dataclass(frozen=True)
class BanglaDate:
    """A date in the Bangla calendar; ``month`` is 1 (Boishakh) to 12."""

    year: int
    month: int
    day: int

    @property
    def month_name(self) -> str:
        return BANGLA_MONTHS[self.month - 1]

    @property
    def month_name_en(self) -> str:
        return BANGLA_MONTHS_EN[self.month - 1]

    def to_date(self) -> _dt.date:
        """The Gregorian date (validates the Bangla date)."""
        return from_bangla(self.year, self.month, self.day)

    def __str__(self) -> str:
        return f"{to_bangla_digits(self.day)} {self.month_name} {to_bangla_digits(self.year)}"


def to_bangla(d: _dt.date) -> BanglaDate:
    """Convert a Gregorian date (or datetime) to a :class:`BanglaDate`."""
    if isinstance(d, _dt.datetime):
        d = d.date()  # date - datetime arithmetic would fail below
    if (d.month, d.day) >= _NEW_YEAR:
        year = d.year - _YEAR_OFFSET
    else:
        year = d.year - _YEAR_OFFSET - 1
    offset = (d - _new_year_day(year)).days
    for month, length in enumerate(month_lengths(year), start=1):
        if offset < length:
            return BanglaDate(year, month, offset + 1)
        offset -= length
    raise AssertionError("unreachable: month lengths always sum to the year")


def from_bangla(year: int, month: int, day: int) -> _dt.date:
    """Convert a Bangla date to Gregorian; ValueError if it does not exist."""
    _check_month(month)
    lengths = month_lengths(year)
    if not 1 <= day <= lengths[month - 1]:
        raise ValueError(
            f"{day} {BANGLA_MONTHS_EN[month - 1]} {year} does not exist: "
            f"{BANGLA_MONTHS_EN[month - 1]} ({BANGLA_MONTHS[month - 1]}) "
            f"{year} has {lengths[month - 1]} days"
        )
    return _new_year_day(year) + _dt.timedelta(days=sum(lengths[: month - 1]) + day - 1)


def format_bangla_date(d: _dt.date, with_era: bool = False) -> str:
    """Format ``d`` as a Bangla-calendar date, e.g. "১৩ আশ্বিন ১৪২৭"."""
    text = str(to_bangla(d))
    return f"{text} {ERA_BN}" if with_era else text
