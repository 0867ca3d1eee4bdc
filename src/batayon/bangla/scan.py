"""Finding dates in running text, as government portals write them.

``find_dates`` reads the forms seen on portals ("সর্ব-শেষ হাল-নাগাদ: ২০২৪-০৫-১২ ১১:২৩:৪৫",
"১২ মে, ২০২৪", "28/09/2020", "12th May 2024", "May 12, 2024", "১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ"), in
Bangla or Latin digits and in both calendars, and returns each date with the exact text it was
read from (evidence). Impossible dates ("31/02/2024") are skipped, never guessed.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .calendar import BANGLA_MONTHS, BANGLA_MONTHS_EN, from_bangla
from .dates import GREGORIAN_MONTHS_BN, GREGORIAN_MONTHS_EN
from .digits import to_latin_digits
from .text import nfc


@dataclass(frozen=True)
class FoundDate:
    date: _dt.date
    text: str  # the exact text matched (as written, Bangla digits and all)
    calendar: str  # "gregorian" | "bangla"
    start: int  # offset in the text searched


def _variants(names: tuple[str, ...], extra: dict[int, tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, name in enumerate(names, start=1):
        out[nfc(name).lower()] = i
        for alt in extra.get(i, ()):
            out[nfc(alt).lower()] = i
    return out


# Spellings seen on portals besides the standard ones.
_GREG_BN = _variants(
    GREGORIAN_MONTHS_BN,
    {
        1: ("জানুয়ারী",),
        2: ("ফেব্রুয়ারী", "ফেব্রুয়ারী"),
        6: ("জুন",),
        8: ("আগষ্ট",),
        9: ("সেপ্টেম্বর", "সেপ্টেম্বর"),
    },
)
_GREG_EN = _variants(GREGORIAN_MONTHS_EN, {})
for _i, _name in enumerate(GREGORIAN_MONTHS_EN, start=1):
    _GREG_EN[_name[:3].lower()] = _i
_GREG_EN["sept"] = 9
_BANGLA = _variants(
    BANGLA_MONTHS,
    {
        2: ("জৈষ্ঠ্য", "জৈষ্ঠ", "জ্যৈষ্ঠ্য"),
        3: ("আষাড়", "আষাঢ"),
        4: ("শ্রাবন",),
        8: ("অগ্রহায়ন", "অগ্রহায়ণ"),
        11: ("ফালগুন",),
        12: ("চৈত্র্য",),
    },
)
for _i, _name in enumerate(BANGLA_MONTHS_EN, start=1):
    _BANGLA[_name.lower()] = _i


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_MONTH_ANY = _alternation({**_GREG_BN, **_GREG_EN, **_BANGLA})
_DAY = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th|ই|শে|লা|রা|ঠা)?"
_SEP = r"[\s,\-]*"

_PATTERNS = [
    ("iso", re.compile(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![0-9])")),
    (
        "dmy",
        re.compile(
            r"(?<![0-9])(?P<d>[0-9]{1,2})(?P<s>[/.\-])(?P<m>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4})(?![0-9])"
        ),
    ),
    (
        "d_month_y",
        re.compile(
            rf"(?<![0-9]){_DAY}{_SEP}(?P<mn>{_MONTH_ANY})(?![a-z\u0980-\u09ff]){_SEP}(?P<y>[0-9]{{4}})(?![0-9])",
            re.IGNORECASE,
        ),
    ),
    (
        "month_d_y",
        re.compile(
            rf"(?P<mn>{_alternation(_GREG_EN)})\.?\s+{_DAY},?\s+(?P<y>[0-9]{{4}})(?![0-9])",
            re.IGNORECASE,
        ),
    ),
]


_DIGIT = re.compile(r"[0-9]")
_LATIN_LETTER = re.compile(r"[a-z]", re.IGNORECASE)  # what may start an English month name


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in ``text``, in order of appearance.

    Bangla digits are read as digits (the text is converted digit for digit, so offsets and the
    evidence string stay those of the original). A day-month-year with a Bangla month name and a
    year before 1600 is a Bangabda date (revised calendar from 1426, the old rule before).
    """
    original = nfc(text or "")
    latin = to_latin_digits(original)
    found: list[FoundDate] = []
    if _DIGIT.search(latin) is None:
        return found  # every form has digits
    taken: list[tuple[int, int]] = []
    letters = _LATIN_LETTER.search(latin) is not None
    for name, pattern in _PATTERNS:
        if name == "month_d_y" and not letters:
            continue  # an English month name: no Latin letter, no such date (the costliest pattern)
        for m in pattern.finditer(latin):
            span = m.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            calendar = "gregorian"
            try:
                day, year = int(m["d"]), int(m["y"])
                if name in ("iso", "dmy"):
                    month = int(m["m"])
                    value = _dt.date(year, month, day)
                else:
                    word = m["mn"].lower()
                    if word in _BANGLA and year < 1600:
                        calendar = "bangla"
                        value = from_bangla(year, _BANGLA[word], day)
                    elif word in _GREG_BN or word in _GREG_EN:
                        if year < 1900:
                            continue
                        value = _dt.date(year, _GREG_BN.get(word) or _GREG_EN[word], day)
                    else:
                        continue
            except ValueError:
                continue
            taken.append(span)
            found.append(FoundDate(value, original[span[0] : span[1]], calendar, span[0]))
    found.sort(key=lambda f: f.start)
    return found
