"""An item is done only when the engine measures it ok — at the report, continuously after,
and at the deadline; a report the checks contradict shows as such; an item no rule measures
needs the supervisor's confirmation and is never silently pending."""

from __future__ import annotations

import datetime as dt

import pytest

from batayon.oversight.models import DirectiveTarget, TargetState
from batayon.oversight.services import (
    ITEM_FAILING,
    ITEM_NEEDS_CONFIRMATION,
    ITEM_OK,
    ItemSpec,
    acknowledge,
    confirm_item,
    issue_directive,
    refresh_targets,
    report_done,
    target_items,
)
from tests.compliance.conftest import make_notice

from .conftest import at, evaluate_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def directive(rules, uno_sadar, union_office):
    return issue_directive(
        issuer=uno_sadar,
        chosen=[union_office.pk],
        subject="নোটিশ বোর্ড হাল-নাগাদ",
        items=[ItemSpec("নোটিশ বোর্ড নিয়মিত হাল-নাগাদ", ("notices-fresh",)), ItemSpec("অফিস কপি সংরক্ষণ")],
        issued_on=dt.date(2025, 1, 5),
        working_days=5,
        now=at(2025, 1, 5),
    )


def state(directive, office) -> DirectiveTarget:
    return DirectiveTarget.objects.get(directive=directive, office=office)


def test_report_contradicted_then_needs_confirmation_then_verified(
    directive, union_office, supervisor, editor
):
    target = state(directive, union_office)
    assert directive.deadline == dt.date(2025, 1, 12)  # Sun 5 → Mon..Thu, Sun 12 (Fri/Sat off)
    assert target.state == TargetState.PENDING
    acknowledge(target, editor, now=at(2025, 1, 6))
    assert state(directive, union_office).state == TargetState.ACKNOWLEDGED

    # Reported done, but the notice board is empty: the checks say no.
    report_done(target, editor, now=at(2025, 1, 7))
    target = state(directive, union_office)
    assert target.state == TargetState.CONTRADICTED and target.reported_at is not None
    states = {row.item.text: row.state for row in target_items(target)}
    assert states["নোটিশ বোর্ড নিয়মিত হাল-নাগাদ"] == ITEM_FAILING
    assert states["অফিস কপি সংরক্ষণ"] == ITEM_NEEDS_CONFIRMATION

    # The notice goes up: measured ok; the free-text item still waits for the supervisor.
    make_notice(union_office, dt.date(2025, 1, 8))
    evaluate_at(union_office, at(2025, 1, 8))
    refresh_targets([directive.pk], now=at(2025, 1, 8))
    target = state(directive, union_office)
    assert target.state == TargetState.NEEDS_CONFIRMATION and target.items_done == 1

    confirm_item(target, directive.items.get(position=1), supervisor, now=at(2025, 1, 9))
    target = state(directive, union_office)
    assert target.state == TargetState.VERIFIED and target.next_due is None and target.verified_at is not None
    assert not target.is_late(dt.date(2025, 1, 20))


def test_verification_is_continuous_after_the_report(directive, union_office, supervisor, editor):
    make_notice(union_office, dt.date(2025, 1, 6))
    target = state(directive, union_office)
    confirm_item(target, directive.items.get(position=1), supervisor, now=at(2025, 1, 6))
    report_done(target, editor, now=at(2025, 1, 7))
    assert state(directive, union_office).state == TargetState.VERIFIED
    # Two months later the notice board is stale again: the office no longer complies.
    evaluate_at(union_office, at(2025, 3, 20))
    refresh_targets([directive.pk], now=at(2025, 3, 20))
    target = state(directive, union_office)
    assert target.state == TargetState.CONTRADICTED and target.verified_at is None
    assert target.met_deadline is True  # it had complied when the deadline passed
    assert target_items(target)[0].state == ITEM_FAILING


def test_late_when_not_done_by_the_deadline(directive, union_office, editor):
    evaluate_at(union_office, at(2025, 1, 14))
    refresh_targets([directive.pk], now=at(2025, 1, 14))
    target = state(directive, union_office)
    assert target.met_deadline is False and target.is_late()
    make_notice(union_office, dt.date(2025, 1, 15))
    report_done(target, editor, now=at(2025, 1, 15))
    target = state(directive, union_office)
    assert target.state == TargetState.NEEDS_CONFIRMATION and target.is_late()
    assert target_items(target)[0].state == ITEM_OK


def test_an_item_a_rule_does_not_apply_to_is_not_held_against_the_office(rules, kushtia_dc, union_office):
    # The APA rule is not for union parishads (rulebook tiers): the item counts as done there.
    directive = issue_directive(
        issuer=kushtia_dc,
        chosen=[union_office.pk],
        subject="এপিএ",
        items=[ItemSpec("এপিএ", ("apa-current-fy",))],
        issued_on=dt.date(2025, 1, 5),
        working_days=3,
        now=at(2025, 1, 5),
    )
    evaluate_at(union_office, at(2025, 1, 5))
    refresh_targets([directive.pk], now=at(2025, 1, 5))
    assert state(directive, union_office).items_done == 1
