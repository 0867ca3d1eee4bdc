import datetime as dt
import unicodedata

import pytest

from batayon.bangla.calendar import (
    BANGLA_MONTHS,
    BANGLA_MONTHS_EN,
    BanglaDate,
    days_in_month,
    format_bangla_date,
    from_bangla,
    month_lengths,
    to_bangla,
)
from batayon.bangla.text import nfc

# Dates copied from real government letters.
KNOWN_DATES = [
    (dt.date(2020, 9, 28), "১৩ আশ্বিন ১৪২৭"),
    (dt.date(2023, 12, 6), "২১ অগ্রহায়ণ ১৪৩০"),
    (dt.date(2021, 3, 16), "২ চৈত্র ১৪২৭"),
    (dt.date(2017, 10, 18), "৩ কার্তিক ১৪২৪"),  # old rule
    (dt.date(2017, 10, 31), "১৬ কার্তিক ১৪২৪"),  # old rule
    (dt.date(2022, 9, 21), "৬ আশ্বিন ১৪২৯"),
]


@pytest.mark.parametrize(("day", "expected"), KNOWN_DATES)
def test_known_government_letter_dates(day, expected):
    assert format_bangla_date(day) == nfc(expected)


def test_month_names_are_nfc():
    assert len(BANGLA_MONTHS) == len(BANGLA_MONTHS_EN) == 12
    for name in BANGLA_MONTHS:
        assert name == unicodedata.normalize("NFC", name)
        assert "\u09df" not in name
    assert BANGLA_MONTHS[7] == nfc("অগ্রহায়ণ")
    assert BANGLA_MONTHS_EN[0] == "Boishakh"


REVISED_YEARS = range(2020, 2031)


@pytest.mark.parametrize("year", REVISED_YEARS)
def test_national_days_revised_rule(year):
    bangla_year = year - 594  # Jan-Apr 13 belongs to the previous Bangla year
    assert to_bangla(dt.date(year, 2, 21)) == BanglaDate(bangla_year, 11, 8)
    assert to_bangla(dt.date(year, 3, 26)) == BanglaDate(bangla_year, 12, 12)
    assert to_bangla(dt.date(year, 4, 13)) == BanglaDate(bangla_year, 12, 30)
    assert to_bangla(dt.date(year, 4, 14)) == BanglaDate(bangla_year + 1, 1, 1)
    assert to_bangla(dt.date(year, 12, 16)) == BanglaDate(year - 593, 9, 1)


@pytest.mark.parametrize("year", REVISED_YEARS)
def test_national_days_formatted(year):
    assert format_bangla_date(dt.date(year, 2, 21)).startswith("৮ ফাল্গুন ")
    assert format_bangla_date(dt.date(year, 3, 26)).startswith("১২ চৈত্র ")
    assert format_bangla_date(dt.date(year, 4, 14)).startswith("১ বৈশাখ ")
    assert format_bangla_date(dt.date(year, 12, 16)).startswith("১ পৌষ ")


def test_victory_day_old_rule():
    assert format_bangla_date(dt.date(2018, 12, 16)) == "২ পৌষ ১৪২৫"
    assert format_bangla_date(dt.date(2010, 12, 16)) == "২ পৌষ ১৪১৭"


@pytest.mark.parametrize("year", range(1990, 2041))
def test_year_boundary_every_year(year):
    assert to_bangla(dt.date(year, 4, 14)) == BanglaDate(year - 593, 1, 1)
    assert to_bangla(dt.date(year, 4, 13)) == BanglaDate(year - 594, 12, 30)


def test_rule_switch_at_1426():
    # 1425 (ends 13 April 2019) uses the old rule, 1426 the revised one.
    assert month_lengths(1425) == (31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30, 30)
    # Falgun 1426 contains 29 Feb 2020, so it has 30 days; 1427 is a common year.
    assert month_lengths(1426) == (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30)
    assert month_lengths(1427) == (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 29, 30)
    assert from_bangla(1426, 6, 31) == dt.date(2019, 10, 16)
    with pytest.raises(ValueError):
        from_bangla(1425, 6, 31)


@pytest.mark.parametrize("gregorian_leap_year", [2024, 2028])
def test_leap_year_falgun_has_30_days(gregorian_leap_year):
    bangla_year = gregorian_leap_year - 594
    assert days_in_month(bangla_year, 11) == 30
    assert days_in_month(bangla_year + 1, 11) == 29
    assert from_bangla(bangla_year, 11, 30) == dt.date(gregorian_leap_year, 3, 14)
    assert to_bangla(dt.date(gregorian_leap_year, 2, 29)) == BanglaDate(bangla_year, 11, 16)
    assert to_bangla(dt.date(gregorian_leap_year, 3, 1)) == BanglaDate(bangla_year, 11, 17)
    # The leap day does not shift Choitro or the new year.
    assert to_bangla(dt.date(gregorian_leap_year, 3, 15)) == BanglaDate(bangla_year, 12, 1)
    with pytest.raises(ValueError):
        from_bangla(bangla_year + 1, 11, 30)


def test_feb_29_2024_round_trips():
    bd = to_bangla(dt.date(2024, 2, 29))
    assert str(bd) == "১৬ ফাল্গুন ১৪৩০"
    assert from_bangla(bd.year, bd.month, bd.day) == dt.date(2024, 2, 29)


def test_old_rule_leap_falgun_31():
    assert days_in_month(1422, 11) == 31  # Falgun 1422 is in Feb 2016
    assert from_bangla(1422, 11, 31) == dt.date(2016, 3, 14)
    assert days_in_month(1423, 11) == 30
    with pytest.raises(ValueError):
        from_bangla(1423, 11, 31)


@pytest.mark.parametrize(
    ("year", "month", "day"),
    [
        (1427, 1, 32),  # 32 Boishakh
        (1427, 7, 31),  # 31 Kartik
        (1427, 11, 30),  # 30 Falgun, Feb 2021 not leap
        (1424, 6, 31),  # 31 Ashwin under the old rule
        (1427, 1, 0),
        (1427, 0, 1),
        (1427, 13, 1),
    ],
)
def test_impossible_dates_raise(year, month, day):
    with pytest.raises(ValueError):
        from_bangla(year, month, day)


def test_error_message_is_clear():
    with pytest.raises(ValueError, match="Kartik.*30 days"):
        from_bangla(1427, 7, 31)


def test_round_trip_every_day_1950_2100():
    day = dt.date(1950, 1, 1)
    end = dt.date(2100, 12, 31)
    previous = to_bangla(day - dt.timedelta(days=1))
    one = dt.timedelta(days=1)
    while day <= end:
        bd = to_bangla(day)
        assert from_bangla(bd.year, bd.month, bd.day) == day
        # Consecutive days advance by exactly one Bangla day.
        if bd.day == 1:
            if bd.month == 1:
                assert (previous.year, previous.month) == (bd.year - 1, 12)
            else:
                assert (previous.year, previous.month) == (bd.year, bd.month - 1)
            assert previous.day == days_in_month(previous.year, previous.month)
        else:
            assert (previous.year, previous.month, previous.day + 1) == (
                bd.year,
                bd.month,
                bd.day,
            )
        previous = bd
        day += one


def test_year_lengths_match_gregorian():
    for year in range(1356, 1508):
        start = from_bangla(year, 1, 1)
        next_start = from_bangla(year + 1, 1, 1)
        assert sum(month_lengths(year)) == (next_start - start).days


def test_bangla_date_str_and_helpers():
    bd = BanglaDate(1427, 6, 13)
    assert str(bd) == "১৩ আশ্বিন ১৪২৭"
    assert bd.month_name == "আশ্বিন"
    assert bd.month_name_en == "Ashwin"
    assert bd.to_date() == dt.date(2020, 9, 28)


def test_format_with_era_and_datetime_input():
    assert format_bangla_date(dt.date(2020, 9, 28), with_era=True) == "১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ"
    assert format_bangla_date(dt.datetime(2020, 9, 28, 23, 59)) == "১৩ আশ্বিন ১৪২৭"
