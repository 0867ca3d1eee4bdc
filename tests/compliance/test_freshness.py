"""Freshness: the notice board must change at least every 30 days (due soon in the last 7)."""

import datetime as dt

from batayon.compliance.models import Confirmation

from .conftest import at, evaluate_at, make_notice, make_officer, reason_bn, reason_en, status

NOW = at(2025, 10, 10)
TODAY = dt.date(2025, 10, 10)


def notice_status(office, age_days: int):
    make_notice(office, TODAY - dt.timedelta(days=age_days))
    evaluate_at(office, NOW)
    return status(office, "notices-fresh")


def test_fresh_notice_board(office):
    s = notice_status(office, 3)
    assert s.status == "ok"
    assert reason_bn(s, NOW) == "শেষ নোটিশ ৩ দিন আগে"
    assert reason_en(s, NOW) == "last notice 3 days ago"


def test_due_soon_in_the_last_week(office):
    s = notice_status(office, 25)
    assert s.status == "due_soon"
    assert reason_bn(s, NOW) == "শেষ নোটিশ ২৫ দিন আগে; ৫ দিনের মধ্যে হালনাগাদ করুন"
    assert reason_en(s, NOW) == "last notice 25 days ago; update within 5 days"
    assert s.points_lost == 0


def test_on_the_boundary_day_still_in_time(office):
    assert notice_status(office, 30).status == "due_soon"


def test_the_day_after_the_boundary_is_stale(office):
    s = notice_status(office, 31)
    assert s.status == "stale"
    assert reason_bn(s, NOW) == "শেষ নোটিশ ৩১ দিন আগে; সীমা ৩০ দিন"
    assert s.points_lost > 0


def test_the_example_from_the_brief(office):
    assert reason_bn(notice_status(office, 94), NOW) == "শেষ নোটিশ ৯৪ দিন আগে; সীমা ৩০ দিন"


def test_no_notice_at_all_is_missing(office):
    evaluate_at(office, NOW)
    assert status(office, "notices-fresh").status == "missing"


def test_future_dated_and_draft_notices_do_not_count(office):
    make_notice(office, TODAY + dt.timedelta(days=2))
    make_notice(office, TODAY, state="draft")
    make_notice(office, TODAY - dt.timedelta(days=40))
    evaluate_at(office, NOW)
    assert status(office, "notices-fresh").status == "stale"


def test_confirmation_counts_as_an_update_for_confirmed_rules(office):
    make_officer(office, updated=at(2025, 5, 1))
    evaluate_at(office, NOW)
    assert status(office, "officers-current").status == "stale"
    Confirmation.objects.create(office=office, section="officers", created=at(2025, 10, 1))
    evaluate_at(office, NOW)
    s = status(office, "officers-current")
    assert s.status == "ok"
    assert reason_bn(s, NOW) == "শেষ নিশ্চিতকরণ ৯ দিন আগে"


def test_confirmation_does_not_refresh_the_notice_board(office):
    make_notice(office, TODAY - dt.timedelta(days=60))
    Confirmation.objects.create(office=office, section="notices", created=NOW)
    evaluate_at(office, NOW)
    assert status(office, "notices-fresh").status == "stale"
