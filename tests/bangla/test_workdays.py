import datetime as dt

from batayon.bangla.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
)

MONDAY = dt.date(2020, 9, 28)


def test_weekend_is_friday_and_saturday():
    week = [MONDAY + dt.timedelta(days=i) for i in range(7)]  # Mon..Sun
    assert [is_working_day(d) for d in week] == [
        True,  # Mon
        True,  # Tue
        True,  # Wed
        True,  # Thu
        False,  # Fri
        False,  # Sat
        True,  # Sun
    ]


def test_holiday_is_not_working_day():
    assert not is_working_day(dt.date(2020, 12, 16), holidays=[dt.date(2020, 12, 16)])


def test_seven_working_days_after_monday_letter():
    assert add_working_days(MONDAY, 7) == dt.date(2020, 10, 7)
    assert add_working_days(MONDAY, 7).weekday() == 2  # Wednesday


def test_holiday_in_between_moves_deadline_one_day():
    holiday = dt.date(2020, 10, 4)  # a Sunday inside the window
    assert add_working_days(MONDAY, 7, holidays=[holiday]) == dt.date(2020, 10, 8)


def test_holiday_on_weekend_changes_nothing():
    assert add_working_days(MONDAY, 7, holidays=[dt.date(2020, 10, 2)]) == dt.date(2020, 10, 7)


def test_holidays_may_be_a_generator():
    gen = (d for d in [dt.date(2020, 10, 4), dt.date(2020, 10, 5)])
    assert add_working_days(MONDAY, 7, holidays=gen) == dt.date(2020, 10, 11)


def test_start_on_weekend():
    friday = dt.date(2020, 10, 2)
    assert add_working_days(friday, 1) == dt.date(2020, 10, 4)  # Sunday


def test_zero_and_negative():
    assert add_working_days(MONDAY, 0) == MONDAY
    assert add_working_days(MONDAY, -1) == dt.date(2020, 9, 27)  # Sunday
    assert add_working_days(MONDAY, -2) == dt.date(2020, 9, 24)  # Thursday


def test_working_days_between_simple():
    assert working_days_between(MONDAY, dt.date(2020, 10, 7)) == 7
    assert working_days_between(MONDAY, MONDAY) == 0
    assert working_days_between(dt.date(2020, 10, 7), MONDAY) == -7
    assert working_days_between(MONDAY, dt.date(2020, 10, 7), [dt.date(2020, 10, 4)]) == 6


def _brute_force(a, b, holidays):
    return sum(1 for i in range(1, (b - a).days + 1) if is_working_day(a + dt.timedelta(days=i), holidays))


def test_working_days_between_matches_brute_force_and_add():
    holidays = frozenset(
        {dt.date(2024, 2, 21), dt.date(2024, 3, 26), dt.date(2024, 3, 29), dt.date(2024, 4, 14)}
    )
    start = dt.date(2024, 1, 1)
    for offset in range(7):
        a = start + dt.timedelta(days=offset)
        for span in range(0, 140, 3):
            b = a + dt.timedelta(days=span)
            assert working_days_between(a, b, holidays) == _brute_force(a, b, holidays)
        for n in range(40):
            end = add_working_days(a, n, holidays)
            assert working_days_between(a, end, holidays) == n
            if n:
                assert is_working_day(end, holidays)
