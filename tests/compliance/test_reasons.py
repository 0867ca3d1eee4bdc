"""Reasons are stored as a code and facts, and worded at the edge in the active language."""

import datetime as dt

from django.utils import translation

from batayon.compliance.models import CheckStatus
from batayon.compliance.reasons import reason_text

from .conftest import at, evaluate_at, make_notice, reason_bn, reason_en, status


def bn(code, params, now=None):
    with translation.override("bn"):
        return reason_text(code, params, now)


def en(code, params, now=None):
    with translation.override("en"):
        return reason_text(code, params, now)


def test_counts_in_bangla_digits_and_english_plurals():
    assert bn("count.ok", {"source": "officers", "n": 12}) == "১২ জন কর্মকর্তা আছে"
    assert en("count.ok", {"source": "officers", "n": 12}) == "12 officers"
    assert en("count.ok", {"source": "notices", "n": 1}) == "1 notice"
    assert bn("count.ok", {"source": "notices", "n": 3}) == "৩টি নোটিশ আছে"
    assert bn("count.too_few", {"source": "officers", "n": 1, "min": 3}) == (
        "১ জন কর্মকর্তা আছে, অন্তত ৩ জন দরকার"
    )
    assert en("count.too_few", {"source": "officers", "n": 1, "min": 3}) == "1 officer, at least 3 required"
    assert en("count.none", {"source": "projects"}) == "no projects"


def test_blank_fields_use_field_labels_and_plural_verbs():
    params = {"source": "officers", "blank": [["mobile", 1], ["photo", 5]]}
    assert bn("fields.blank", params) == "১ জন কর্মকর্তার মোবাইল নম্বর নেই; ৫ জন কর্মকর্তার ছবি নেই"
    assert en("fields.blank", params) == "1 officer has no mobile number; 5 officers have no photo"


def test_dates_are_formatted_per_language():
    params = {"source": "apa", "fy": "2025-26", "due": "2025-07-31"}
    assert bn("fiscal_year.due_soon", params) == (
        "২০২৫-২৬ অর্থবছরের বার্ষিক কর্মসম্পাদন চুক্তি ৩১ জুলাই ২০২৫-এর মধ্যে দিতে হবে"
    )
    assert en("fiscal_year.due_soon", params) == "APA for 2025-26 due by 31 July 2025"
    quarter = {"source": "nis_reports", "fy": "2025-26", "q": 1, "due": "2025-10-15"}
    assert bn("quarterly.overdue", quarter) == (
        "২০২৫-২৬ অর্থবছরের ১ম প্রান্তিকের শুদ্ধাচার অগ্রগতি প্রতিবেদন ১৫ অক্টোবর ২০২৫-এর মধ্যে দেওয়ার কথা ছিল"
    )
    assert en("quarterly.overdue", quarter) == "NIS progress report for Q1 2025-26 was due by 15 October 2025"


def test_ages_are_counted_at_render_time():
    params = {"source": "notices", "last": "2025-07-08", "max": 30}
    assert bn("freshness.stale", params, dt.date(2025, 10, 10)) == "শেষ নোটিশ ৯৪ দিন আগে; সীমা ৩০ দিন"
    assert bn("freshness.stale", params, dt.date(2025, 10, 11)) == "শেষ নোটিশ ৯৫ দিন আগে; সীমা ৩০ দিন"
    assert en("freshness.stale", params, dt.date(2025, 10, 11)) == "last notice 95 days ago; limit 30 days"
    assert en("freshness.ok", params, dt.date(2025, 7, 9)) == "last notice 1 day ago"
    assert en("freshness.ok", params, dt.date(2025, 7, 8)) == "last notice today"
    assert bn("freshness.ok", params, dt.date(2025, 7, 8)) == "শেষ নোটিশ আজ"


def test_the_same_stored_row_reads_94_then_95_days_without_a_write(office):
    make_notice(office, dt.date(2025, 7, 8))
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "notices-fresh")
    assert (s.status, s.reason, s.params) == (
        "stale",
        "freshness.stale",
        {"source": "notices", "last": "2025-07-08", "max": 30},
    )
    assert reason_bn(s, at(2025, 10, 10)) == "শেষ নোটিশ ৯৪ দিন আগে; সীমা ৩০ দিন"
    assert reason_bn(s, at(2025, 10, 11)) == "শেষ নোটিশ ৯৫ দিন আগে; সীমা ৩০ দিন"
    assert reason_en(s, at(2025, 10, 11)) == "last notice 95 days ago; limit 30 days"
    evaluate_at(office, at(2025, 10, 11))
    again = CheckStatus.objects.get(pk=s.pk)
    assert (again.reason, again.params, again.since) == (s.reason, s.params, s.since)


def test_due_soon_counts_the_days_left_at_render_time():
    params = {"source": "notices", "last": "2025-09-15", "max": 30}
    assert en("freshness.due_soon", params, dt.date(2025, 10, 10)) == (
        "last notice 25 days ago; update within 5 days"
    )
    assert bn("freshness.due_soon", params, dt.date(2025, 10, 14)) == (
        "শেষ নোটিশ ২৯ দিন আগে; ১ দিনের মধ্যে হালনাগাদ করুন"
    )
    assert en("freshness.due_soon", params, dt.date(2025, 10, 14)) == (
        "last notice 29 days ago; update within 1 day"
    )


def test_menu_links_and_bilingual_reasons(db):
    assert en("menu.empty", {"items": ["notices", "projects"]}) == (
        "2 menu pages are empty or missing: Notice board, Projects"
    )
    assert bn("menu.empty", {"items": ["union-about"]}) == "মেনুর ১টি পাতা ফাঁকা বা নেই: ইউনিয়ন পরিষদ সম্পর্কিত"
    assert en("links.broken", {"n": 4, "k": 1}) == "1 of 4 links do not work"
    assert bn("links.unchecked", {"n": 4, "k": 2}) == "৪টি লিংকের মধ্যে ২টি এখনো যাচাই হয়নি"
    assert en("bilingual.untranslated", {"source": "staff", "n": 3, "k": 1}) == (
        "1 of 3 staff members lacks Bangla or English"
    )


def test_an_unknown_code_renders_nothing():
    assert en("", {}) == ""
    assert bn("no.such.code", {"x": 1}) == ""


def test_checklist_items_render_in_the_active_language(office):
    from batayon.compliance.services import checklist

    evaluate_at(office, at(2025, 10, 10))
    item = next(i for i in checklist(office) if i.rule_code == "officers-list")
    with translation.override("bn"):
        assert item.reason == "কোনো কর্মকর্তা নেই"
    with translation.override("en"):
        assert item.reason == "no officers"
