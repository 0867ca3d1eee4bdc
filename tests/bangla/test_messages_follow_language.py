"""The words of a bad phone number, date or fiscal year are in the reader's language: English
for an English-language user, Bangla (with Bangla digits) for everyone else."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from batayon.bangla.dates import parse_date
from batayon.bangla.fiscal import FiscalYear
from batayon.bangla.phone import InvalidPhone, normalise_phone

BANGLA = re.compile(r"[\u0980-\u09FF]")
BAD_PHONES = ["", "abc", "01211618368", "0171161836", "017116183681", "+1 202 555 0123", "071-623",
              "01711618368, 01711618369"]


def phone_error(raw: str) -> InvalidPhone:
    with pytest.raises(InvalidPhone) as info:
        normalise_phone(raw)
    return info.value


@pytest.mark.parametrize("raw", BAD_PHONES)
def test_a_phone_error_is_english_for_an_english_user(raw):
    exc = phone_error(raw)
    with translation.override("en"):
        assert str(exc).isascii() and str(exc) == exc.message_en
    with translation.override("bn"):
        assert BANGLA.search(str(exc)) and not re.search(r"[0-9]", str(exc))


def test_the_numbers_in_a_phone_error_are_written_as_each_language_writes_them():
    exc = phone_error("01211618368")
    with translation.override("en"):
        assert str(exc) == "Mobile numbers start with 013 to 019; 012 is not a mobile operator prefix."
    with translation.override("bn"):
        assert str(exc) == "মোবাইল নম্বর ০১৩ থেকে ০১৯ দিয়ে শুরু হয়; ০১২ দিয়ে কোনো মোবাইল নম্বর হয় না।"


def test_the_words_are_chosen_when_shown_not_when_raised():
    with translation.override("bn"):
        exc = phone_error("0171161836")
    with translation.override("en"):
        assert str(exc) == "A mobile number has 11 digits; this one has 10."


def test_a_bad_date_or_fiscal_year_is_english_for_an_english_user():
    with translation.override("en"), pytest.raises(ValueError) as date:
        parse_date("31/02/2024")
    assert str(date.value).startswith("There is no such date: 31/02/2024;") and str(date.value).isascii()
    with translation.override("en"), pytest.raises(ValueError) as fiscal:
        FiscalYear.parse("twenty")
    assert str(fiscal.value).startswith("The fiscal year could not be understood") and str(fiscal.value).isascii()
    with translation.override("bn"), pytest.raises(ValueError) as fiscal:
        FiscalYear.parse("twenty")
    assert str(fiscal.value).startswith("অর্থবছরটি বোঝা যায়নি")
