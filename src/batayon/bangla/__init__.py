"""Bangla language, calendar and Bangladesh-specific helpers.

Pure functions, standard library only (no Django), so they can be used in
models, forms, templates, management commands and tests alike.
"""

from .calendar import (
    BANGLA_MONTHS,
    BANGLA_MONTHS_EN,
    BanglaDate,
    days_in_month,
    format_bangla_date,
    from_bangla,
    to_bangla,
)
from .dates import (
    GREGORIAN_MONTHS_BN,
    GREGORIAN_MONTHS_EN,
    format_date_bn,
    format_date_en,
    format_datetime_bn,
    format_official_date_bn,
    parse_date,
)
from .digits import has_bangla_digits, to_bangla_digits, to_latin_digits
from .fiscal import FiscalYear, quarter_bounds, quarter_label_bn, quarter_of
from .phone import (
    InvalidPhone,
    format_phone_bn,
    format_phone_local,
    is_mobile,
    normalise_phone,
)
from .text import nfc, normalise_for_search, strip_control
from .workdays import add_working_days, is_working_day, working_days_between

__all__ = [
    "BANGLA_MONTHS",
    "BANGLA_MONTHS_EN",
    "GREGORIAN_MONTHS_BN",
    "GREGORIAN_MONTHS_EN",
    "BanglaDate",
    "FiscalYear",
    "InvalidPhone",
    "add_working_days",
    "days_in_month",
    "format_bangla_date",
    "format_date_bn",
    "format_date_en",
    "format_datetime_bn",
    "format_official_date_bn",
    "format_phone_bn",
    "format_phone_local",
    "from_bangla",
    "has_bangla_digits",
    "is_mobile",
    "is_working_day",
    "nfc",
    "normalise_for_search",
    "normalise_phone",
    "parse_date",
    "quarter_bounds",
    "quarter_label_bn",
    "quarter_of",
    "strip_control",
    "to_bangla",
    "to_bangla_digits",
    "to_latin_digits",
    "working_days_between",
]
