"""The Bangladesh government fiscal year: 1 July to 30 June."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from .digits import to_bangla_digits, to_latin_digits
from .text import nfc

_FY_RE = re.compile(r"([0-9]{4})\s*[-–—/]\s*([0-9]{2}|[0-9]{4})")

_QUARTER_LABELS_BN: tuple[str, ...] = tuple(
    nfc(label)
    for label in (
        "১ম প্রান্তিক (জুলাই–সেপ্টেম্বর)",
        "২য় প্রান্তিক (অক্টোবর–ডিসেম্বর)",
        "৩য় প্রান্তিক (জানুয়ারি–মার্চ)",
        "৪র্থ প্রান্তিক (এপ্রিল–জুন)",
    )
)


@dataclass(frozen=True, order=True)
class FiscalYear:
    """Fiscal year starting 1 July ``start_year``; ``str()`` is "2024-25"."""

    start_year: int

    def __post_init__(self) -> None:
        # The end date lies in start_year + 1, which must be a valid date year.
        if not 1 <= self.start_year <= 9998:
            raise ValueError(f"fiscal year start out of range: {self.start_year}")

    @property
    def start(self) -> _dt.date:
        return _dt.date(self.start_year, 7, 1)

    @property
    def end(self) -> _dt.date:
        return _dt.date(self.start_year + 1, 6, 30)

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def label_bn(self) -> str:
        """Bangla-digit label, e.g. ২০২৪-২৫."""
        return to_bangla_digits(str(self))

    def __contains__(self, d: object) -> bool:
        return isinstance(d, _dt.date) and self.start <= _as_date(d) <= self.end

    def next(self) -> FiscalYear:
        return FiscalYear(self.start_year + 1)

    def previous(self) -> FiscalYear:
        return FiscalYear(self.start_year - 1)

    @classmethod
    def of(cls, d: _dt.date) -> FiscalYear:
        """The fiscal year containing ``d``."""
        return cls(d.year if d.month >= 7 else d.year - 1)

    @classmethod
    def parse(cls, value: str) -> FiscalYear:
        """Parse "2024-25", "২০২৪-২৫" or "2024-2025" (Bangla ValueError)."""
        text = to_latin_digits(str(value)).strip()
        m = _FY_RE.fullmatch(text)
        if m:
            start = int(m[1])
            end = int(m[2])
            expected = (start + 1) % 100 if len(m[2]) == 2 else start + 1
            if end == expected and 1 <= start <= 9998:
                return cls(start)
        raise ValueError(
            gettext("অর্থবছরটি বোঝা যায়নি: %(value)s; লিখুন পরপর দুই বছর, যেমন ২০২৪-২৫") % {"value": value}
        )


def _as_date(d: _dt.date) -> _dt.date:
    # datetime is a date subclass but cannot be compared with a date.
    return d.date() if isinstance(d, _dt.datetime) else d


def _check_quarter(q: int) -> None:
    if q not in (1, 2, 3, 4):
        raise ValueError(f"fiscal quarter must be 1-4, got {q!r}")


def quarter_of(d: _dt.date) -> tuple[FiscalYear, int]:
    """Fiscal year and quarter of ``d``: Q1 Jul-Sep ... Q4 Apr-Jun."""
    return FiscalYear.of(d), (d.month - 7) % 12 // 3 + 1


def quarter_bounds(fy: FiscalYear, q: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of quarter ``q`` of ``fy``."""
    _check_quarter(q)
    first_month = 7 + 3 * (q - 1)
    year = fy.start_year
    if first_month > 12:
        first_month -= 12
        year += 1
    first = _dt.date(year, first_month, 1)
    # Day before the first day of the next quarter.
    next_month = first_month + 3
    next_first = _dt.date(year + 1, next_month - 12, 1) if next_month > 12 else _dt.date(year, next_month, 1)
    return first, next_first - _dt.timedelta(days=1)


def quarter_label_bn(q: int) -> str:
    """Bangla label, e.g. ১ম প্রান্তিক (জুলাই–সেপ্টেম্বর)."""
    _check_quarter(q)
    return _QUARTER_LABELS_BN[q - 1]
