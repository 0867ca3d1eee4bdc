"""Last-updated dates: Bangla and English forms, Bangla digits, both calendars; stale notices."""

from __future__ import annotations

import datetime as dt

import pytest

from batayon.audit.extract import last_updated
from batayon.bangla.scan import find_dates


@pytest.mark.parametrize(
    ("text", "expected", "calendar"),
    [
        ("সর্ব-শেষ হাল-নাগাদ: ২০২৪-০৫-১২ ১১:২৩:৪৫", dt.date(2024, 5, 12), "gregorian"),
        ("১২ মে, ২০২৪", dt.date(2024, 5, 12), "gregorian"),
        ("২৮শে সেপ্টেম্বর ২০২০", dt.date(2020, 9, 28), "gregorian"),
        ("28/09/2020", dt.date(2020, 9, 28), "gregorian"),
        ("১২-০৫-২০২৪", dt.date(2024, 5, 12), "gregorian"),
        ("12th May 2024", dt.date(2024, 5, 12), "gregorian"),
        ("May 12, 2024", dt.date(2024, 5, 12), "gregorian"),
        ("১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ", dt.date(2020, 9, 28), "bangla"),
        ("১ বৈশাখ ১৪৩১", dt.date(2024, 4, 14), "bangla"),
    ],
)
def test_forms(text, expected, calendar):
    (found,) = find_dates(text)
    assert (found.date, found.calendar) == (expected, calendar)
    assert found.text in text


def test_impossible_dates_are_skipped_not_guessed():
    assert find_dates("৩১/০২/২০২৪ এবং 30 February 2024") == []


def test_labelled_date_wins_then_last_modified_header():
    text = "নোটিশ ০১/০১/২০২০ … সর্বশেষ হালনাগাদ: ১৫ নভেম্বর ২০২৬"
    assert last_updated(text)[0] == dt.date(2026, 11, 15)
    assert last_updated("no date", {"last-modified": "Wed, 21 Oct 2026 07:28:00 GMT"})[0] == dt.date(
        2026, 10, 21
    )
    assert last_updated("no date", {}) is None


@pytest.mark.django_db
def test_stale_and_fresh_notice_boards(audit_one, elsewhere, farm_factory):
    from batayon.audit.services import audit, portal_url

    from .farm import Portal

    fresh, stale = elsewhere(2)
    farm_factory([Portal(fresh.domain), Portal(stale.domain, {"stale_notices"})])
    runs = audit([(fresh, portal_url(fresh)), (stale, portal_url(stale))], evaluate=False)
    today = dt.date.today()
    last = {r.office_id: r.observations.get(source="notices").last_change for r in runs}
    assert (today - last[fresh.pk]).days == 3
    assert (today - last[stale.pk]).days == 120
