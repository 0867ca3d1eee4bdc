"""A waiver excuses one item for one office, with a justification, until its expiry date —
then it lapses by itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batayon.oversight.models import DirectiveTarget, TargetState
from batayon.oversight.services import (
    ITEM_FAILING,
    ITEM_WAIVED,
    DirectiveError,
    ItemSpec,
    grant_waiver,
    issue_directive,
    refresh_targets,
    report_done,
    target_items,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(rules, uno_sadar, union_office, editor):
    directive = issue_directive(
        issuer=uno_sadar,
        chosen=[union_office.pk],
        subject="নোটিশ",
        items=[ItemSpec("নোটিশ", ("notices-fresh",))],
        issued_on=timezone.localdate(),
        working_days=5,
    )
    t = DirectiveTarget.objects.get(directive=directive)
    report_done(t, editor)
    t.refresh_from_db()
    assert t.state == TargetState.CONTRADICTED
    return t


def test_a_waiver_counts_until_it_lapses(target, supervisor):
    today = timezone.localdate()
    item = target.directive.items.get()
    grant_waiver(target, item, "ইউনিয়ন পরিষদ ভবন সংস্কার চলছে", today + dt.timedelta(days=10), supervisor)
    target.refresh_from_db()
    assert target.state == TargetState.VERIFIED
    assert [r.state for r in target_items(target)] == [ITEM_WAIVED]
    # Eleven days later nobody has done anything, and the waiver is simply over.
    later = timezone.now() + dt.timedelta(days=11)
    refresh_targets([target.directive_id], now=later)
    target.refresh_from_db()
    assert target.state == TargetState.CONTRADICTED
    assert [r.state for r in target_items(target, today=timezone.localdate(later))] == [ITEM_FAILING]


@pytest.mark.parametrize(
    "justification, expires, message",
    [("", 5, "কারণ লিখুন"), ("কারণ", -1, "মেয়াদ"), ("কারণ", None, "মেয়াদ")],
)
def test_a_waiver_needs_a_justification_and_a_future_expiry(
    target, supervisor, justification, expires, message
):
    item = target.directive.items.get()
    expires_on = None if expires is None else timezone.localdate() + dt.timedelta(days=expires)
    with pytest.raises(DirectiveError, match=message):
        grant_waiver(target, item, justification, expires_on, supervisor)
    assert not target.waivers.exists()
