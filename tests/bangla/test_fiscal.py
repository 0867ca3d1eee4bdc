import datetime as dt
import itertools

import pytest

from batayon.bangla.fiscal import FiscalYear, quarter_bounds, quarter_label_bn, quarter_of
from batayon.bangla.text import nfc


def test_bounds_and_labels():
    fy = FiscalYear(2024)
    assert fy.start == dt.date(2024, 7, 1)
    assert fy.end == dt.date(2025, 6, 30)
    assert str(fy) == "2024-25"
    assert fy.label_bn == "২০২৪-২৫"
    assert str(FiscalYear(1999)) == "1999-00"


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (dt.date(2024, 7, 1), 2024),
        (dt.date(2024, 6, 30), 2023),
        (dt.date(2025, 6, 30), 2024),
        (dt.date(2024, 10, 1), 2024),
        (dt.date(2025, 1, 1), 2024),
        (dt.date(2024, 12, 31), 2024),
    ],
)
def test_of(day, start_year):
    assert FiscalYear.of(day) == FiscalYear(start_year)
    assert day in FiscalYear(start_year)
    assert day not in FiscalYear(start_year + 1)


@pytest.mark.parametrize("text", ["2024-25", "২০২৪-২৫", "2024-2025", " 2024–25 ", "২০২৪-২০২৫"])
def test_parse(text):
    assert FiscalYear.parse(text) == FiscalYear(2024)


def test_parse_round_trip():
    for year in (1999, 2000, 2024, 2099):
        fy = FiscalYear(year)
        assert FiscalYear.parse(str(fy)) == fy
        assert FiscalYear.parse(fy.label_bn) == fy


@pytest.mark.parametrize("text", ["", "2024", "2024-26", "2024-2026", "24-25", "abc", "2024-25-26"])
def test_parse_rejects_with_bangla_message(text):
    with pytest.raises(ValueError, match="অর্থবছর"):
        FiscalYear.parse(text)


def test_next_previous_ordering():
    fy = FiscalYear(2024)
    assert fy.next() == FiscalYear(2025)
    assert fy.previous() == FiscalYear(2023)
    assert fy.previous() < fy < fy.next()


@pytest.mark.parametrize(
    ("day", "fy_start", "quarter"),
    [
        (dt.date(2024, 7, 1), 2024, 1),
        (dt.date(2024, 9, 30), 2024, 1),
        (dt.date(2024, 10, 1), 2024, 2),
        (dt.date(2024, 12, 31), 2024, 2),
        (dt.date(2025, 1, 1), 2024, 3),
        (dt.date(2025, 3, 31), 2024, 3),
        (dt.date(2025, 4, 1), 2024, 4),
        (dt.date(2025, 6, 30), 2024, 4),
    ],
)
def test_quarter_of(day, fy_start, quarter):
    assert quarter_of(day) == (FiscalYear(fy_start), quarter)
    first, last = quarter_bounds(FiscalYear(fy_start), quarter)
    assert first <= day <= last


def test_quarter_bounds():
    fy = FiscalYear(2023)
    assert quarter_bounds(fy, 1) == (dt.date(2023, 7, 1), dt.date(2023, 9, 30))
    assert quarter_bounds(fy, 2) == (dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    assert quarter_bounds(fy, 3) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert quarter_bounds(fy, 4) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))


def test_quarters_tile_the_year():
    fy = FiscalYear(2023)
    bounds = [quarter_bounds(fy, q) for q in (1, 2, 3, 4)]
    assert bounds[0][0] == fy.start and bounds[-1][1] == fy.end
    for (_, end), (start, _) in itertools.pairwise(bounds):
        assert start - end == dt.timedelta(days=1)


def test_quarter_labels():
    assert quarter_label_bn(1) == "১ম প্রান্তিক (জুলাই–সেপ্টেম্বর)"
    assert quarter_label_bn(2) == nfc("২য় প্রান্তিক (অক্টোবর–ডিসেম্বর)")
    assert quarter_label_bn(3) == nfc("৩য় প্রান্তিক (জানুয়ারি–মার্চ)")
    assert quarter_label_bn(4) == "৪র্থ প্রান্তিক (এপ্রিল–জুন)"


@pytest.mark.parametrize("q", [0, 5, -1])
def test_bad_quarter(q):
    with pytest.raises(ValueError):
        quarter_bounds(FiscalYear(2024), q)
    with pytest.raises(ValueError):
        quarter_label_bn(q)
