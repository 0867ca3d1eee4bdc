"""Wherever decisions are listed with their measured progress (the meeting page, the committee
page, the minutes, the decisions report), the page costs as many queries for eight rule-tied
decisions as for two: their progress is measured together, not one decision at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from batayon.committees.models import Decision, Implementer, Meeting
from batayon.committees.reports import Subtree, decision_lines
from batayon.compliance.models import CheckStatus, Rule
from batayon.offices.models import Office

from .conftest import JHENAIDAH, make_user, signed_in

pytestmark = pytest.mark.django_db
CODES = ["notices-fresh", "officers-current", "charter-current", "rti-current"]


@pytest.fixture
def setting(seeds):
    """Seed 002's meeting and the committee's next one; of the district's first twelve
    offices, those of even rank have a fresh notice board, the others a stale one."""
    first = seeds["002"]
    nxt = Meeting.objects.create(committee=first.committee, date=dt.date(2024, 1, 21), place="x", chair_name="y")
    rule = Rule.objects.get(code="notices-fresh")
    offices = Office.objects.filter(geo_path__startswith=first.committee.area.path).order_by("pk")[:12]
    CheckStatus.objects.bulk_create(
        CheckStatus(office=o, rule=rule, status="ok" if i % 2 == 0 else "stale", since=timezone.now())
        for i, o in enumerate(offices)
    )
    return first, nxt


def add_decisions(meeting: Meeting, n: int) -> None:
    rules = sorted(Rule.objects.filter(code__in=CODES), key=lambda r: CODES.index(r.code))
    for i in range(n):
        decision = Decision.objects.create(meeting=meeting, text=f"সিদ্ধান্ত {i}", deadline=dt.date(2024, 3, 1))
        decision.rules.set(rules[: 1 + i % len(rules)])
        Implementer.objects.create(decision=decision, label="সহকারী প্রোগ্রামার")


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_for_two_and_for_eight_decisions(setting):
    first, nxt = setting
    client = signed_in(make_user("jh-head", "head", Office.objects.get(domain=JHENAIDAH)), verified=False)
    base = f"/committees/{JHENAIDAH}/"
    urls = [f"{base}meeting/{nxt.pk}/", f"{base}meeting/{nxt.pk}/minutes/", f"{base}committee/{first.committee.pk}/"]
    add_decisions(first, 2)  # carried to the next meeting
    add_decisions(nxt, 2)  # its own
    for url in urls:
        count(client, url)  # caches warm (the session, the menus…)
    two = {url: count(client, url) for url in urls}
    add_decisions(first, 6)
    add_decisions(nxt, 6)
    eight = {url: count(client, url) for url in urls}
    assert eight == two
    page = client.get(urls[0]).content.decode()
    assert page.count("১২টি দপ্তরের মধ্যে ৬টি হালনাগাদ (৫০%)") >= 8 + 8  # no other rule has a status


def test_the_decisions_report_costs_the_same_for_two_and_for_eight_decisions(setting):
    first, nxt = setting
    subtree = Subtree.of(first.committee.office)
    add_decisions(nxt, 2)
    decision_lines(subtree)  # the seed's directives' targets brought up to date (written once)
    with CaptureQueriesContext(connection) as two:
        decision_lines(subtree)
    add_decisions(nxt, 6)
    with CaptureQueriesContext(connection) as eight:
        lines = decision_lines(subtree)
    assert len(eight) == len(two)
    measured = [line.measured for line in lines if line.decision.meeting_id == nxt.pk]
    assert len(measured) == 8 and all(m is not None and m.total == 12 for m in measured)
