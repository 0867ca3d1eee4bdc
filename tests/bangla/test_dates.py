import datetime as dt

import pytest

from batayon.bangla.dates import (
    GREGORIAN_MONTHS_BN,
    format_date_bn,
    format_date_en,
    format_datetime_bn,
    format_official_date_bn,
    parse_date,
)
from batayon.bangla.text import nfc

SEP_28 = dt.date(2020, 9, 28)


def test_month_names_nfc():
    assert len(GREGORIAN_MONTHS_BN) == 12
    assert all(m == nfc(m) for m in GREGORIAN_MONTHS_BN)
    assert GREGORIAN_MONTHS_BN[0] == nfc("জানুয়ারি")


def test_format_date():
    assert format_date_bn(SEP_28) == "২৮ সেপ্টেম্বর ২০২০"
    assert format_date_en(SEP_28) == "28 September 2020"
    assert format_date_bn(dt.date(2024, 2, 1)) == nfc("১ ফেব্রুয়ারি ২০২৪")


def test_format_datetime_naive():
    assert format_datetime_bn(dt.datetime(2020, 9, 28, 10, 16)) == "২৮ সেপ্টেম্বর ২০২০, ১০:১৬"
    assert format_datetime_bn(dt.datetime(2020, 9, 28, 7, 5)) == "২৮ সেপ্টেম্বর ২০২০, ০৭:০৫"
    assert format_datetime_bn(dt.datetime(2020, 9, 28, 22, 0)).endswith("২২:০০")


def test_format_datetime_aware_is_shown_in_dhaka_time():
    utc = dt.datetime(2020, 9, 28, 4, 16, tzinfo=dt.UTC)
    assert format_datetime_bn(utc) == "২৮ সেপ্টেম্বর ২০২০, ১০:১৬"
    late = dt.datetime(2020, 9, 27, 20, 30, tzinfo=dt.UTC)
    assert format_datetime_bn(late) == "২৮ সেপ্টেম্বর ২০২০, ০২:৩০"


def test_format_official_date():
    assert format_official_date_bn(SEP_28) == "১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ / ২৮ সেপ্টেম্বর ২০২০ খ্রিষ্টাব্দ"


@pytest.mark.parametrize(
    "text",
    [
        "2020-09-28",
        "২০২০-০৯-২৮",
        "28/09/2020",
        "২৮/০৯/২০২০",
        "28.09.2020",
        "28-09-2020",
        " 28/9/2020 ",
        "2020-9-28",
    ],
)
def test_parse_date_accepts(text):
    assert parse_date(text) == SEP_28


@pytest.mark.parametrize(
    "text",
    ["", "garbage", "28/09/20", "2020/09/28", "28/09-2020", "09/28", "২৮ সেপ্টেম্বর", "2020-09-28T10:00"],
)
def test_parse_date_rejects_garbage_with_bangla_message(text):
    with pytest.raises(ValueError, match="তারিখটি বোঝা যায়নি") as info:
        parse_date(text)
    assert "২৮/০৯/২০২০" in str(info.value)


@pytest.mark.parametrize("text", ["31/02/2024", "30/02/2024", "29/02/2023", "2024-13-01", "00/01/2024"])
def test_parse_date_rejects_impossible_dates(text):
    with pytest.raises(ValueError, match="তারিখ") as info:
        parse_date(text)
    assert "২৮/০৯/২০২০" in str(info.value)


def test_parse_leap_day():
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)
