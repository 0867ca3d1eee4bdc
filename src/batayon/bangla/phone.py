"""Bangladesh phone numbers: validation, one canonical form, display.

Canonical form is E.164 without spaces: "+8801711618368" (mobile),
"+88029575573" (Dhaka), "+8807162300" (Kushtia).  Because the country code
880 ends in 0, the local habit of writing "+88" before the national number
(with its leading 0) gives exactly the same string.
"""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import gettext_noop

from .digits import render_message, to_bangla_digits, to_latin_digits
from .text import nfc

# Characters people use to group digits; removed before parsing.
_GROUPING = set(" \t\u00a0\u202f-.()\u2010\u2011\u2012\u2013\u2014")
# Characters that mean "here comes another number".
_LIST_SEPARATORS = set(",;/|&\n")
_DIGITS_RE = re.compile(r"[0-9]+")
_MOBILE_RE = re.compile(r"\+8801[3-9][0-9]{8}")
# Two-digit trunk codes (after the 0) of the largest cities; Dhaka is just 2.
_TWO_DIGIT_AREA_CODES = frozenset({"31", "41", "51", "71", "81", "91"})

# One Bangla msgid per error (the English is in the catalogue), worded when it is shown.
_MESSAGES: dict[str, str] = {
    "empty": gettext_noop("ফোন নম্বর লেখা হয়নি।"),
    "letters": gettext_noop("ফোন নম্বরে অক্ষর থাকতে পারে না; শুধু অঙ্ক লিখুন।"),
    "characters": gettext_noop("ফোন নম্বরে শুধু অঙ্ক, স্পেস, হাইফেন আর শুরুতে + থাকতে পারে।"),
    "multiple": gettext_noop("একটি ঘরে একটিই ফোন নম্বর লিখুন; এখানে একাধিক নম্বর আছে বলে মনে হচ্ছে।"),
    "glued": gettext_noop("দুটি ফোন নম্বর জোড়া লেগে গেছে বলে মনে হচ্ছে; একটি নম্বর লিখুন।"),
    "foreign": gettext_noop("শুধু বাংলাদেশের (+৮৮০) ফোন নম্বর গ্রহণযোগ্য।"),
    "prefix": gettext_noop("ফোন নম্বর ০ দিয়ে শুরু হতে হবে, যেমন ০১৭১১-৬১৮৩৬৮ বা ০২-৯৫৭৫৫৭৩।"),
    "operator": gettext_noop(
        "মোবাইল নম্বর ০১৩ থেকে ০১৯ দিয়ে শুরু হয়; %(prefix)s দিয়ে কোনো মোবাইল নম্বর হয় না।"
    ),
    "mobile_short": gettext_noop("মোবাইল নম্বরে ১১টি অঙ্ক থাকে; এখানে আছে %(count)sটি।"),
    "mobile_long": gettext_noop("মোবাইল নম্বরে ১১টি অঙ্ক থাকে; এখানে আছে %(count)sটি।"),
    "landline_short": gettext_noop("ল্যান্ডফোন নম্বরটি খুব ছোট; এলাকা কোডসহ লিখুন, যেমন ০৭১-৬২৩০০।"),
    "landline_long": gettext_noop("ল্যান্ডফোন নম্বরটি খুব লম্বা; এলাকা কোডসহ একটি নম্বর লিখুন।"),
}


class InvalidPhone(ValueError):
    """A phone number that cannot be accepted.

    ``str(exc)`` is the message for the user in the active language (Bangla digits in
    Bangla), ``exc.message_en`` the English one, ``exc.code`` a stable key (e.g.
    "operator") for tests/logic. The words are rendered when shown, not when raised.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the active language)."""
        return render_message(_MESSAGES[self.code], self.params, (lang or translation.get_language() or "bn")[:2])

    @property
    def message(self) -> str:
        return self.render()

    @property
    def message_en(self) -> str:
        return self.render("en")

    def __str__(self) -> str:
        return self.render()


def _to_national(digits: str, has_plus: bool) -> str:
    """Strip country code / international prefix; return "0..." national form."""
    if has_plus:
        if not digits.startswith("88"):
            raise InvalidPhone("foreign")
        national = digits[2:]
    elif digits.startswith("00"):
        # "00" is the international dialling prefix.
        if not digits.startswith("0088"):
            raise InvalidPhone("foreign")
        national = digits[4:]
    elif digits.startswith("88"):
        national = digits[2:]
    elif len(digits) == 10 and digits[:2] in {f"1{d}" for d in "3456789"}:
        # Mobile typed without its leading 0 (common next to a "+880" label).
        national = "0" + digits
    else:
        national = digits
    if has_plus or digits.startswith(("00", "88")):
        # "+880 01711..." repeats the trunk 0; tolerate that one extra zero.
        if national.startswith("00"):
            national = national[1:]
        if not national.startswith("0"):
            raise InvalidPhone("foreign")
    if not national.startswith("0"):
        raise InvalidPhone("prefix")
    return national


def _check_national(national: str) -> None:
    """Validate a national number ("0" + significant number)."""
    count = len(national)
    if national.startswith("01"):
        if count >= 3 and national[2] not in "3456789":
            raise InvalidPhone("operator", prefix=national[:3])
        if count < 11:
            raise InvalidPhone("mobile_short", count=count)
        if count > 11:
            raise InvalidPhone("mobile_long", count=count)
        return
    if count < 2 or national[1] not in "23456789":
        raise InvalidPhone("prefix")
    # Dhaka (02): 7-digit old, 8-digit and 9-digit (BTCL "22...") numbers.
    # Elsewhere: 2-4 digit area code + 5-7 digit subscriber number.
    shortest = 9 if national.startswith("02") else 8
    if count < shortest:
        raise InvalidPhone("landline_short")
    if count > 11:
        raise InvalidPhone("landline_long")


def _parse_digits(digits: str, has_plus: bool) -> str:
    national = _to_national(digits, has_plus)
    _check_national(national)
    return "+880" + national[1:]


def _looks_glued(digits: str, has_plus: bool) -> bool:
    """True if ``digits`` splits into two numbers that are each valid."""
    for i in range(8, len(digits) - 7):
        try:
            _parse_digits(digits[:i], has_plus)
            _parse_digits(digits[i:], False)
        except InvalidPhone:
            continue
        return True
    return False


def normalise_phone(raw: str) -> str:
    """Validate a Bangladesh phone number and return its canonical E.164 form.

    Accepts Bangla or Latin digits, spaces, hyphens, dots, brackets, and the
    prefixes "+880", "+88", "880", "88", "00880".  Raises :class:`InvalidPhone`.
    """
    text = to_latin_digits(nfc(str(raw) if raw is not None else "")).strip()
    if not text:
        raise InvalidPhone("empty")
    if any(ch in _LIST_SEPARATORS for ch in text):
        raise InvalidPhone("multiple")
    compact = "".join(ch for ch in text if ch not in _GROUPING)
    has_plus = compact.startswith("+")
    digits = compact[1:] if has_plus else compact
    if not _DIGITS_RE.fullmatch(digits):
        if any(ch.isalpha() for ch in digits):
            raise InvalidPhone("letters")
        raise InvalidPhone("characters")
    try:
        return _parse_digits(digits, has_plus)
    except InvalidPhone as exc:
        if exc.code.endswith("_long") and _looks_glued(digits, has_plus):
            raise InvalidPhone("glued") from None
        raise


def is_mobile(canonical: str) -> bool:
    """True if ``canonical`` (as from :func:`normalise_phone`) is a mobile."""
    return bool(_MOBILE_RE.fullmatch(canonical))


def _area_code_length(significant: str) -> int:
    """Digits of the area code in a landline's significant number.

    A heuristic, only used for display: Dhaka "2"; big cities "31", "71"...;
    IP-telephony "96xx"; district towns end in 1 ("721" Rajshahi, "821"
    Sylhet); everything else is taken as a 4-digit upazila code.
    """
    if significant.startswith("2"):
        return 1
    if significant[:2] in _TWO_DIGIT_AREA_CODES:
        return 2
    if significant.startswith("96"):
        return 4
    if significant[2] == "1":
        return 3
    return 4


def format_phone_local(canonical: str) -> str:
    """Local display form: "01711-618368", "02-9575573", "071-62300"."""
    number = normalise_phone(canonical)  # also accepts non-canonical input
    significant = number[4:]
    if is_mobile(number):
        split = 4
    else:
        split = _area_code_length(significant)
    return f"0{significant[:split]}-{significant[split:]}"


def format_phone_bn(canonical: str) -> str:
    """Local display form in Bangla digits: "০১৭১১-৬১৮৩৬৮"."""
    return to_bangla_digits(format_phone_local(canonical))
