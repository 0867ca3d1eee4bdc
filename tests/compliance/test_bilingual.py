"""Both languages (seed 004, decision 1): a half-translated list is "untranslated"."""

from .conftest import at, evaluate_at, make_notice, make_officer, reason_bn, reason_en, status

NOW = at(2025, 10, 10)


def test_half_translated_officers(office):
    make_officer(office)
    make_officer(office, name_en="")
    make_officer(office, designation_en="")
    make_officer(office)
    evaluate_at(office, NOW)
    s = status(office, "bilingual-officers")
    assert s.status == "untranslated"
    assert reason_en(s) == "2 of 4 officers lack Bangla or English"
    assert reason_bn(s) == "৪ জন কর্মকর্তার মধ্যে ২ জন এক ভাষায় নেই"


def test_english_only_notice_is_untranslated_too(office):
    make_notice(office, NOW.date(), title_bn="", title_en="Tender notice")
    evaluate_at(office, NOW)
    assert status(office, "bilingual-notices").status == "untranslated"


def test_fully_bilingual_is_ok_and_empty_is_not_applicable(office):
    make_officer(office)
    evaluate_at(office, NOW)
    assert status(office, "bilingual-officers").status == "ok"
    assert status(office, "bilingual-notices").status == "not_applicable"


def test_one_untranslated_item_reads_as_singular(office):
    make_notice(office, NOW.date(), title_en="")
    evaluate_at(office, NOW)
    assert reason_en(status(office, "bilingual-notices")) == "1 of 1 notice lacks Bangla or English"
