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
