"""Flips: a status change is written once; evaluating again without a change writes nothing."""

import datetime as dt

from batayon.compliance.models import CheckStatus, Flip

from .conftest import at, evaluate_at, make_notice, reason_bn, status


def test_evaluate_twice_one_flip(office):
    make_notice(office, dt.date(2025, 10, 1))
    evaluate_at(office, at(2025, 10, 10))
    assert status(office, "notices-fresh").status == "ok"
    assert not Flip.objects.filter(office=office).exists()  # a first evaluation is not a change

    later = at(2025, 11, 5)  # 35 days after the last notice
    evaluate_at(office, later)
    evaluate_at(office, later)
    flips = Flip.objects.filter(office=office, rule__code="notices-fresh")
    assert [(f.old_status, f.new_status, f.reason) for f in flips] == [("ok", "stale", "freshness.stale")]
    assert flips.count() == 1
    s = status(office, "notices-fresh")
    assert s.since == later


def test_only_changed_rules_flip_and_reason_updates_without_flip(office):
    make_notice(office, dt.date(2025, 10, 1))
    evaluate_at(office, at(2025, 10, 5))
    before = status(office, "notices-fresh")
    evaluate_at(office, at(2025, 10, 8))
    after = status(office, "notices-fresh")
    assert after.status == before.status == "ok"
    assert reason_bn(after, at(2025, 10, 8)) == "শেষ নোটিশ ৭ দিন আগে"  # the words move with time…
    assert (after.reason, after.params) == (before.reason, before.params)  # …the stored facts do not
    assert after.since == before.since  # …but the status did not change: no flip, same "since"
    assert not Flip.objects.filter(office=office).exists()


def test_a_fix_flips_back(office):
    evaluate_at(office, at(2025, 10, 10))
    make_notice(office, dt.date(2025, 10, 10))
    evaluate_at(office, at(2025, 10, 10, 13))
    flip = Flip.objects.get(office=office, rule__code="notices-fresh")
    assert (flip.old_status, flip.new_status) == ("missing", "ok")
    assert CheckStatus.objects.filter(office=office, rule__code="notices-fresh", status="ok").exists()


def test_a_flip_carries_its_reason_and_waits_for_the_reminder_job(office):
    from django.utils import translation

    make_notice(office, dt.date(2025, 10, 1))
    evaluate_at(office, at(2025, 10, 10))
    evaluate_at(office, at(2025, 11, 5))
    flip = Flip.objects.unprocessed().get(office=office)
    assert (flip.new_status, flip.reason, flip.params) == (
        "stale",
        "freshness.stale",
        {"source": "notices", "last": "2025-10-01", "max": 30},
    )
    with translation.override("en"):
        assert flip.reason_text(at(2025, 11, 5)) == "last notice 35 days ago; limit 30 days"
    Flip.objects.filter(pk=flip.pk).update(processed=at(2025, 11, 5, 13))
    assert not Flip.objects.unprocessed().filter(office=office).exists()


def test_one_definition_of_failing():
    from batayon.compliance.models import FAILING, Status

    assert Status.failing() == FAILING == ("stale", "missing", "untranslated", "broken", "unchecked")
    assert set(Status.passing()) == {"ok", "due_soon", "not_applicable"}
