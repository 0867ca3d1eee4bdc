import unicodedata

import pytest

from batayon.bangla.text import nfc, normalise_for_search, strip_control

YA_PRECOMPOSED = "\u09df"  # য় as one code point (a composition exclusion)
YA_DECOMPOSED = "\u09af\u09bc"  # য + nukta
RRA_PRECOMPOSED, RRA_DECOMPOSED = "\u09dc", "\u09a1\u09bc"  # ড়
RHA_PRECOMPOSED, RHA_DECOMPOSED = "\u09dd", "\u09a2\u09bc"  # ঢ়


@pytest.mark.parametrize(
    ("precomposed", "decomposed"),
    [
        (YA_PRECOMPOSED, YA_DECOMPOSED),
        (RRA_PRECOMPOSED, RRA_DECOMPOSED),
        (RHA_PRECOMPOSED, RHA_DECOMPOSED),
    ],
)
def test_nfc_unifies_nukta_letters(precomposed, decomposed):
    word_a = f"অগ্রহা{precomposed}ণ"
    word_b = f"অগ্রহা{decomposed}ণ"
    assert word_a != word_b
    assert nfc(word_a) == nfc(word_b)
    # NFC decomposes these letters: the precomposed code point never survives.
    assert precomposed not in nfc(word_a)
    assert nfc(word_a) == unicodedata.normalize("NFC", word_a)


def test_nfc_composes_two_part_vowel_signs():
    # ো written as ে + া must equal the single code point U+09CB.
    assert nfc("ক\u09c7\u09be") == "ক\u09cb"
    assert nfc("ক\u09c7\u09d7") == "ক\u09cc"


def test_nfc_is_idempotent():
    text = f"ঢাকা বিশ্ববিদ্যাল{YA_PRECOMPOSED}, আষা{RHA_PRECOMPOSED}"
    assert nfc(nfc(text)) == nfc(text)


def test_search_both_ya_spellings_match():
    assert normalise_for_search(f"জানু{YA_PRECOMPOSED}ারি") == normalise_for_search(f"জানু{YA_DECOMPOSED}ারি")


def test_search_digits_case_and_whitespace():
    assert normalise_for_search("  Dhaka   ২০২৪\tOffice\n") == "dhaka 2024 office"


def test_search_removes_invisible_format_characters():
    zwnj, zwj, shy = "\u200c", "\u200d", "\u00ad"
    assert normalise_for_search(f"র{zwj}্যাব") == normalise_for_search("র্যাব")
    assert normalise_for_search(f"ক্{zwnj}ষ") == "ক্ষ"
    assert normalise_for_search(f"মন্ত্রণা{shy}লয়") == nfc("মন্ত্রণালয়")
    assert normalise_for_search("\ufeffজেলা") == "জেলা"


def test_search_keeps_vowel_signs_and_hasanta():
    word = nfc("মন্ত্রণালয়")
    assert normalise_for_search(word) == word
    assert normalise_for_search("কুষ্টিয়া জেলা।") == nfc("কুষ্টিয়া জেলা")
    assert "\u09cd" in normalise_for_search("বিদ্যুৎ")


def test_search_strips_punctuation_but_keeps_intra_word_hyphen():
    assert normalise_for_search("নোটিশ: (জরুরি)!") == "নোটিশ জরুরি"
    assert normalise_for_search("ই-মেইল") == "ই-মেইল"
    assert normalise_for_search("২০২৪–২৫") == "2024-25"
    assert normalise_for_search("- তালিকা -") == "তালিকা"
    assert normalise_for_search("ডিসি’র") == "ডিসি'র"


def test_search_old_khanda_ta_encoding():
    assert normalise_for_search("বিদ্যু\u09a4\u09cd\u200d") == "বিদ্যু\u09ce"


def test_search_empty():
    assert normalise_for_search("") == ""
    assert normalise_for_search(" ।,; ") == ""


def test_strip_control_keeps_joiners_and_newlines():
    text = "ক্\u200dষ\x00\x07 line\nnext\u200e"
    assert strip_control(text) == "ক্\u200dষ line\nnext"
