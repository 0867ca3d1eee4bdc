"""Working-day arithmetic for Bangladesh government offices.

The government weekend is Friday and Saturday; Sunday-Thursday are working
days.  Public holidays are passed in by the caller (they are announced each
year and some depend on the moon), so this module holds no holiday list.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

#: date.weekday() values of the weekend: Friday=4, Saturday=5.
WEEKEND: frozenset[int] = frozenset({4, 5})


def _as_set(holidays: Iterable[_dt.date]) -> frozenset[_dt.date]:
    # Materialise once: a generator could only be iterated a single time.
    return holidays if isinstance(holidays, frozenset) else frozenset(holidays)


def is_working_day(d: _dt.date, holidays: Iterable[_dt.date] = ()) -> bool:
    """True if ``d`` is neither Friday/Saturday nor in ``holidays``."""
    return d.weekday() not in WEEKEND and d not in _as_set(holidays)


def add_working_days(start: _dt.date, n: int, holidays: Iterable[_dt.date] = ()) -> _dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself not counted).

    "Within 7 working days of receipt" on a Monday letter ends on the
    following week's Wednesday.  Negative ``n`` counts backwards; ``n == 0``
    returns ``start`` unchanged.
    """
    days_off = _as_set(holidays)
    step = _dt.timedelta(days=1 if n >= 0 else -1)
    current = start
    remaining = abs(n)
    while remaining:
        current += step
        if current.weekday() not in WEEKEND and current not in days_off:
            remaining -= 1
    return current


def working_days_between(a: _dt.date, b: _dt.date, holidays: Iterable[_dt.date] = ()) -> int:
    """Working days after ``a`` up to and including ``b``.

    Matches :func:`add_working_days`:
    ``working_days_between(s, add_working_days(s, n)) == n``.
    Negative when ``b`` is before ``a``.
    """
    if b < a:
        return -working_days_between(b, a, holidays)
    total = (b - a).days
    # Whole weeks contribute 5 working days each; walk only the remainder.
    weeks, rest = divmod(total, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (a + _dt.timedelta(days=offset)).weekday() not in WEEKEND:
            count += 1
    count -= sum(1 for h in _as_set(holidays) if a < h <= b and h.weekday() not in WEEKEND)
    return count
