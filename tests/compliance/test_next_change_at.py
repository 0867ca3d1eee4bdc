"""Deadlines are stored: ``next_change_at`` is when a status changes by itself, and it does so
exactly then; a nightly run with nothing due and nothing changed writes nothing."""

import datetime as dt

from batayon.compliance.models import CheckStatus, Flip, OfficeScore, Rule, ScoreSnapshot
from batayon.compliance.services import evaluate

from .conftest import DHAKA, at, evaluate_at, make_document, make_notice, make_officer, status


def midnight(y, m, d):
    return dt.datetime(y, m, d, tzinfo=DHAKA)


def test_freshness_deadlines_are_local_midnights(office):
    # Notice board: stale after 30 days, due soon in the last 7.
    make_notice(office, dt.date(2025, 10, 1))
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "notices-fresh")
    assert (s.status, s.next_change_at) == ("ok", midnight(2025, 10, 25))


def test_freshness_turns_due_soon_then_stale_exactly_on_its_deadline(office):
    make_notice(office, dt.date(2025, 10, 1))
    evaluate_at(office, at(2025, 10, 10))
    deadline = status(office, "notices-fresh").next_change_at
    evaluate_at(office, deadline - dt.timedelta(seconds=1))
    assert status(office, "notices-fresh").status == "ok"
    evaluate_at(office, deadline)
    s = status(office, "notices-fresh")
    assert (s.status, s.next_change_at) == ("due_soon", midnight(2025, 11, 1))
    evaluate_at(office, s.next_change_at - dt.timedelta(seconds=1))
    assert status(office, "notices-fresh").status == "due_soon"
    evaluate_at(office, s.next_change_at)
    s = status(office, "notices-fresh")
    assert (s.status, s.next_change_at) == ("stale", None)
    flips = Flip.objects.filter(office=office, rule__code="notices-fresh").order_by("created")
    assert [(f.old_status, f.new_status, f.reason) for f in flips] == [
        ("ok", "due_soon", "freshness.due_soon"),
        ("due_soon", "stale", "freshness.stale"),
    ]


def test_content_only_kinds_have_no_deadline(office):
    make_officer(office, mobile="")
    evaluate_at(office, at(2025, 10, 10))
    assert status(office, "officers-list").next_change_at is None
    assert status(office, "officers-contacts").next_change_at is None
    assert status(office, "notices-fresh").next_change_at is None  # missing: only content helps


def test_fiscal_year_deadlines(office):
    make_document(office, "apa", "2024-25")
    evaluate_at(office, at(2025, 7, 10))
    s = status(office, "apa-current-fy")
    assert (s.status, s.next_change_at) == ("due_soon", midnight(2025, 8, 1))
    evaluate_at(office, s.next_change_at)
    s = status(office, "apa-current-fy")
    assert (s.status, s.next_change_at) == ("stale", midnight(2026, 7, 1))
    make_document(office, "apa", "2025-26")
    evaluate_at(office, at(2025, 8, 2))
    s = status(office, "apa-current-fy")
    assert (s.status, s.next_change_at) == ("ok", midnight(2026, 7, 1))


def test_quarterly_deadline_is_the_grace_date_then_the_quarter_boundary(office):
    make_document(office, "nis_report", "2025-26", quarter=1)
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "nis-quarterly")
    assert (s.status, s.next_change_at) == ("ok", midnight(2025, 10, 16))
    evaluate_at(office, at(2025, 10, 16))
    s = status(office, "nis-quarterly")
    assert (s.status, s.next_change_at) == ("ok", midnight(2026, 1, 1))


def settle_the_rest_of_the_country(when):
    """Every office of the registry evaluated at ``when`` without content (cheap, set-based):
    a nightly run then sees exactly what a test changes."""
    from batayon.offices.models import Office

    Rule.objects.update(updated_at=when - dt.timedelta(days=1))
    Office.objects.update(content_updated_at=None)
    OfficeScore.objects.bulk_create(
        [
            OfficeScore(office_id=pk, score=100, band="good", failing=0, evaluated_at=when)
            for pk in Office.objects.filter(score__isnull=True).values_list("pk", flat=True)
        ],
        batch_size=2000,
    )


def test_a_nightly_run_with_nothing_due_touches_nothing(office):
    make_notice(office, dt.date(2025, 10, 1))
    t0 = at(2025, 10, 10)
    settle_the_rest_of_the_country(t0)
    evaluate([office.pk], now=t0)
    before = list(CheckStatus.objects.order_by("pk").values_list("pk", "status", "reason", "params", "since"))
    scores = dict(OfficeScore.objects.values_list("office_id", "evaluated_at"))

    summary = evaluate(now=at(2025, 10, 11, 2))
    assert (
        summary.full,
        summary.offices,
        summary.inserted,
        summary.updated,
        summary.flips,
        summary.deleted,
    ) == (
        False,
        0,
        0,
        0,
        0,
        0,
    )
    after = list(CheckStatus.objects.order_by("pk").values_list("pk", "status", "reason", "params", "since"))
    assert after == before
    assert dict(OfficeScore.objects.values_list("office_id", "evaluated_at")) == scores
    # …but the day's snapshot row of every office is written all the same.
    assert ScoreSnapshot.objects.filter(day=dt.date(2025, 10, 11)).count() == OfficeScore.objects.count()
