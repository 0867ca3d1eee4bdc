"""Unicode normalisation helpers for Bangla text.

Bangla has several letters with two Unicode spellings: য় (U+09DF, or
U+09AF U+09BC), ড় (U+09DC / U+09A1 U+09BC) and ঢ় (U+09DD / U+09A2 U+09BC).
The precomposed forms are *composition exclusions*, so NFC maps both
spellings to the decomposed letter + nukta sequence.  Storing everything as
NFC therefore gives one spelling, and equality/search work as expected.
"""

from __future__ import annotations

import re
import unicodedata

from .digits import to_latin_digits

# Pre-Unicode-4.1 text encodes khanda ta (ৎ) as TA + VIRAMA + ZWJ; map it to
# U+09CE before ZWJ is dropped, otherwise it would become an ordinary ত্.
_KHANDA_TA_OLD = "\u09a4\u09cd\u200d"
_KHANDA_TA = "\u09ce"

# Dash and apostrophe look-alikes users paste from word processors.
_PUNCT_MAP = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
    }
)

_WS_RE = re.compile(r"\s+")


def nfc(value: str) -> str:
    """Return ``value`` in NFC, the one canonical spelling used for storage.

    NFC already unifies য়/ড়/ঢ় (see module docstring) and the two-part
    vowel signs ো/ৌ, so nothing beyond :func:`unicodedata.normalize` is needed.
    """
    return unicodedata.normalize("NFC", value)


def _is_word_char(ch: str) -> bool:
    # Letters, digits and combining marks (vowel signs, virama, nukta,
    # chandrabindu) all belong to a word; splitting on marks would break it.
    return unicodedata.category(ch)[0] in "LMN"


def normalise_for_search(value: str) -> str:
    """Fold ``value`` into a form suitable for matching search queries.

    NFC, Bangla digits to Latin, casefold, drop invisible format characters
    (ZWJ, ZWNJ, soft hyphen, BOM...), turn punctuation into spaces (but keep a
    hyphen or apostrophe *inside* a word, e.g. "ই-মেইল", "2024-25") and
    collapse whitespace.  Vowel signs and hasanta are kept so words stay whole.
    """
    text = nfc(value).replace(_KHANDA_TA_OLD, _KHANDA_TA)
    text = to_latin_digits(text).casefold().translate(_PUNCT_MAP)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            out.append(" ")
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cf", "Cc", "Cs", "Co", "Cn"):
            continue  # invisible: must not split or change a word
        if _is_word_char(ch):
            out.append(ch)
        elif ch in "-'" and 0 < i < len(text) - 1:
            # Keep only when joining two word characters.
            if _is_word_char(text[i - 1]) and _is_word_char(text[i + 1]):
                out.append(ch)
            else:
                out.append(" ")
        else:
            out.append(" ")
    # casefold can produce decomposed sequences; renormalise at the end.
    return nfc(_WS_RE.sub(" ", "".join(out)).strip())


def strip_control(value: str) -> str:
    """Remove control characters (keeping tab/newline) and BOM/bidi marks.

    ZWJ/ZWNJ are kept: in Bangla they choose between conjunct and visible
    hasanta forms, so they carry meaning in stored text.
    """
    keep = {"\t", "\n", "\r", "\u200c", "\u200d"}
    return "".join(ch for ch in value if ch in keep or unicodedata.category(ch) not in ("Cc", "Cf"))
