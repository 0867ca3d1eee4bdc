import pytest

from batayon.bangla.phone import (
    InvalidPhone,
    format_phone_bn,
    format_phone_local,
    is_mobile,
    normalise_phone,
)

MOBILE = "+8801711618368"


@pytest.mark.parametrize(
    "raw",
    [
        "০১৭১১৬১৮৩৬৮",
        "01711618368",
        "+8801711618368",
        "8801711618368",
        "01711-618368",
        "01711 618 368",
        "(+880) 1711-618368",
        "+88 01711618368",
        "+880 1711 618368",
        "+880 01711618368",  # repeated trunk zero
        "00880 1711 618368",
        "1711618368",  # leading zero dropped
        "  ০১৭১১-৬১৮৩৬৮  ",
        "01711.618.368",
    ],
)
def test_mobile_forms_normalise_to_one_canonical(raw):
    assert normalise_phone(raw) == MOBILE


@pytest.mark.parametrize("prefix", ["013", "014", "015", "016", "017", "018", "019"])
def test_all_operator_prefixes(prefix):
    number = normalise_phone(prefix + "12345678")
    assert number == "+880" + prefix[1:] + "12345678"
    assert is_mobile(number)


@pytest.mark.parametrize(
    ("raw", "canonical", "local"),
    [
        ("02-9575573", "+88029575573", "02-9575573"),
        ("০২২২৩৩৫৮৭৫৩", "+8802223358753", "02-223358753"),
        ("02-55100512", "+880255100512", "02-55100512"),
        ("০৭১-৬২৩০০", "+8807162300", "071-62300"),
        ("+88 071 62300", "+8807162300", "071-62300"),
        ("031-710123", "+88031710123", "031-710123"),
        ("0721-772288", "+880721772288", "0721-772288"),
        ("09666-789789", "+8809666789789", "09666-789789"),
    ],
)
def test_landlines(raw, canonical, local):
    assert normalise_phone(raw) == canonical
    assert not is_mobile(canonical)
    assert format_phone_local(canonical) == local


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("০১৭১১abc৬৮", "letters"),
        ("phone", "letters"),
        ("01711*618368", "characters"),
        ("017+11618368", "characters"),
        ("0171161836", "mobile_short"),
        ("017116183681", "mobile_long"),
        ("0101234567", "operator"),
        ("01211618368", "operator"),
        ("01111618368", "operator"),
        ("0171161836801811223344", "glued"),
        ("01711618368 01811223344", "glued"),
        ("029575573029575574", "glued"),
        ("01711618368, 01811223344", "multiple"),
        ("01711618368/01811223344", "multiple"),
        ("+1 202 555 0123", "foreign"),
        ("+91 98765 43210", "foreign"),
        ("0044 20 7946 0958", "foreign"),
        ("12345678", "prefix"),
        ("0012", "foreign"),
        ("071-623", "landline_short"),
        ("02-95755", "landline_short"),
        ("071-6230012345", "landline_long"),
        ("0", "prefix"),
    ],
)
def test_rejects(raw, code):
    with pytest.raises(InvalidPhone) as info:
        normalise_phone(raw)
    assert info.value.code == code


def test_invalid_phone_messages():
    with pytest.raises(InvalidPhone) as info:
        normalise_phone("01211618368")
    exc = info.value
    assert isinstance(exc, ValueError)
    assert "০১২" in str(exc)  # Bangla message names the bad prefix
    assert "012" in exc.message_en
    assert exc.message_en.isascii()


def test_every_error_has_bangla_and_english_text():
    for raw in ["", "abc", "0171161836", "0101234567", "+1 202 555 0123", "071-623"]:
        with pytest.raises(InvalidPhone) as info:
            normalise_phone(raw)
        assert not str(info.value).isascii()
        assert info.value.message_en and info.value.message_en.isascii()


def test_is_mobile():
    assert is_mobile(MOBILE)
    assert not is_mobile("+88029575573")
    assert not is_mobile("01711618368")  # not canonical


def test_format_mobile():
    assert format_phone_local(MOBILE) == "01711-618368"
    assert format_phone_bn(MOBILE) == "০১৭১১-৬১৮৩৬৮"
    assert format_phone_bn("+8807162300") == "০৭১-৬২৩০০"


def test_normalise_is_idempotent_and_formats_round_trip():
    for raw in ["01711618368", "02-9575573", "০৭১-৬২৩০০", "০২২২৩৩৫৮৭৫৩"]:
        canonical = normalise_phone(raw)
        assert normalise_phone(canonical) == canonical
        assert normalise_phone(format_phone_local(canonical)) == canonical
        assert normalise_phone(format_phone_bn(canonical)) == canonical
        assert " " not in canonical
