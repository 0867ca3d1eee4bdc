"""Conversion between Latin (0-9) and Bangla (০-৯) digits."""

from __future__ import annotations

LATIN_DIGITS = "0123456789"
BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"

_TO_BANGLA = str.maketrans(LATIN_DIGITS, BANGLA_DIGITS)
_TO_LATIN = str.maketrans(BANGLA_DIGITS, LATIN_DIGITS)


def to_bangla_digits(value: str | int) -> str:
    """Replace Latin digits 0-9 with Bangla digits; other characters are kept."""
    return str(value).translate(_TO_BANGLA)


def to_latin_digits(value: str) -> str:
    """Replace Bangla digits ০-৯ with Latin digits; other characters are kept."""
    return value.translate(_TO_LATIN)


def has_bangla_digits(value: str) -> bool:
    """True if ``value`` contains at least one Bangla digit."""
    return any(ch in BANGLA_DIGITS for ch in value)


def render_message(message: str, params: dict[str, object], lang: str) -> str:
    """A gettext message (a Bangla msgid) worded in ``lang``, its numbers in that language's
    digits: a number, or a text made only of digits (a prefix such as "012"), is written
    ১২৩ in Bangla; other values (a domain, a lazy reason) are rendered in ``lang`` as they are.
    The one way an error raised in one place is worded for a reader of either language."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(lang):
        values = {}
        for name, value in params.items():
            text = str(value)
            is_number = isinstance(value, int) or (isinstance(value, str) and text.isascii() and text.isdigit())
            values[name] = to_bangla_digits(text) if lang == "bn" and is_number else text
        return gettext(message) % values
