"""A rule-tied decision's progress is measured: offices of the committee's area passing its rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batayon.committees.minutes import minutes_html
from batayon.committees.models import Meeting, measure
from batayon.compliance.models import CheckStatus, Rule
from batayon.offices.models import Office

pytestmark = pytest.mark.django_db


def set_status(office: Office, code: str, status: str) -> None:
    CheckStatus.objects.update_or_create(
        office=office, rule=Rule.objects.get(code=code), defaults={"status": status, "since": timezone.now()}
    )


def test_seed_002_decision_5_shows_how_many_portals_of_the_district_are_updated(seeds):
    meeting = seeds["002"]
    d5 = meeting.decisions.get(number=5)
    codes = sorted(d5.rules.values_list("code", flat=True))
    assert "notices-fresh" in codes and "officers-current" in codes
    offices = list(Office.objects.filter(district=meeting.committee.area).order_by("pk")[:5])
    for office in offices[:3]:  # three portals updated in every respect
        for code in codes:
            set_status(office, code, "ok" if code != "rti-current" else "due_soon")
    for code in codes:  # one stale notice board spoils the fourth
        set_status(offices[3], code, "stale" if code == "notices-fresh" else "ok")
    for code in codes:  # rules that do not apply do not count
        set_status(offices[4], code, "not_applicable")
    # An office of another district changes nothing.
    set_status(Office.objects.get(domain="kushtia.gov.bd"), "notices-fresh", "ok")
    measured = d5.measured()
    assert (measured.passing, measured.total, measured.percent) == (3, 4, 75)
    nxt = Meeting.objects.create(committee=meeting.committee, date=dt.date(2024, 1, 21), place="x", chair_name="y")
    html = minutes_html(nxt)
    assert "৪টি দপ্তরের মধ্যে ৩টি হালনাগাদ (৭৫%)" in html


def test_measure_is_one_query(seeds, django_assert_num_queries):
    area = seeds["002"].committee.area
    ids = list(Rule.objects.filter(code__in=["notices-fresh", "charter-current"]).values_list("pk", flat=True))
    with django_assert_num_queries(1):
        measure(area, ids)


def test_decisions_without_rules_are_not_measured(seeds):
    assert seeds["004"].decisions.get(number=10).measured() is None
