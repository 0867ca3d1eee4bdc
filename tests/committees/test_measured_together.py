"""Rule-measured progress for many decisions at once gives each the numbers it has alone:
offices of the committee's area passing its rules, out of those they apply to — whatever the
areas (nested or apart) and the rule sets (one rule, several, overlapping)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from batayon.committees import models as committees
from batayon.committees.models import Committee, Decision, Meeting, measure, measure_many, measured_progress
from batayon.compliance.models import CheckStatus, Rule, Status
from batayon.offices.models import Area, Office

pytestmark = pytest.mark.django_db

CODES = ["notices-fresh", "officers-current", "charter-current", "rti-current", "grs-current"]


@pytest.fixture
def decisions(seeds) -> list[Decision]:
    """Decisions of committees over a district, one of its upazilas, and two other areas, each
    measured by some of five rules whose statuses over those areas are mixed (not applicable
    included); one decision has a rule no office has a status for, one has no rules."""
    rules = {r.code: r for r in Rule.objects.filter(code__in=CODES)}
    assert len(rules) == len(CODES)
    jhenaidah = seeds["002"].committee.area
    upazila = Area.objects.filter(parent=jhenaidah).order_by("pk").first()
    areas = [jhenaidah, upazila, seeds["004"].committee.area, Office.objects.get(domain="kushtia.gov.bd").area]
    statuses = [Status.OK, Status.DUE_SOON, Status.STALE, Status.MISSING, Status.BROKEN, Status.NOT_APPLICABLE]
    pick = random.Random(10)
    now = timezone.now()
    rows = []
    for area in areas:
        offices = list(Office.objects.filter(geo_path__startswith=area.path).order_by("pk")[:40])
        assert len(offices) >= 10
        for office in offices:
            for code in CODES[:4]:  # grs-current: no status anywhere
                if pick.random() < 0.8:
                    rows.append(CheckStatus(office=office, rule=rules[code], status=pick.choice(statuses), since=now))
    CheckStatus.objects.bulk_create(rows, ignore_conflicts=True)
    rule_sets = [
        ["notices-fresh"], ["notices-fresh", "officers-current"], ["charter-current", "rti-current"],
        CODES[:4], ["officers-current", "grs-current"], ["grs-current"], [],
    ]
    out = []
    for i, area in enumerate(areas):
        office = Office.objects.filter(geo_path__startswith=area.path).order_by("pk").first()
        committee = Committee.objects.create(office=office, area=area, kind="other", name=f"কমিটি {i}")
        meeting = Meeting.objects.create(committee=committee, date=dt.date(2024, 1, 10), place="x", chair_name="y")
        for codes in rule_sets:
            decision = Decision.objects.create(meeting=meeting, text="সিদ্ধান্ত")
            decision.rules.set([rules[c] for c in codes])
            out.append(decision)
    return out


def _each_alone(decisions: list[Decision]) -> dict[int, committees.Measured]:
    alone = {d.pk: d.measured() for d in Decision.objects.filter(pk__in=[d.pk for d in decisions])}
    return {pk: m for pk, m in alone.items() if m is not None}


def test_together_the_numbers_are_those_of_each_decision_alone(decisions):
    alone = _each_alone(decisions)
    assert len(alone) == 24  # the decisions without rules are not measured
    assert len({(m.passing, m.total) for m in alone.values()}) > 10  # the figures differ
    assert any(0 < m.passing < m.total for m in alone.values())
    picked = Decision.objects.filter(pk__in=[d.pk for d in decisions]).select_related("meeting__committee__area")
    assert measured_progress(picked) == alone


def test_a_pair_measured_with_others_is_measured_as_alone(decisions):
    areas = list(Area.objects.filter(committees__isnull=False).distinct())
    rule_ids = list(Rule.objects.filter(code__in=CODES).values_list("pk", flat=True))
    pairs = [(area, rule_ids[i:j]) for area in areas for i in range(5) for j in range(i + 1, 6)]
    together = measure_many(pairs)
    assert together == {(area.path, frozenset(ids)): measure(area, ids) for area, ids in pairs}


def test_more_rules_than_a_mask_holds_are_measured_in_several_queries(decisions, monkeypatch):
    alone = _each_alone(decisions)
    monkeypatch.setattr(committees, "MASK_BITS", 2)  # four rules: a decision alone, pairs apart
    picked = Decision.objects.filter(pk__in=[d.pk for d in decisions]).select_related("meeting__committee__area")
    assert measured_progress(picked) == alone


def test_two_queries_for_all_the_decisions(decisions, django_assert_num_queries):
    picked = list(Decision.objects.filter(pk__in=[d.pk for d in decisions]).select_related("meeting__committee__area"))
    with django_assert_num_queries(2):  # their rules, then the measurement
        measured = measured_progress(picked)
    assert len(measured) == 24
