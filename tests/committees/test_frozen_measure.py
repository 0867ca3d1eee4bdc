"""Published minutes keep the measured progress of the day they were issued: the portals
change afterwards, the minutes (and their meeting's page) do not; pages of unpublished
meetings and the committee's page show the progress now."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batayon.committees.minutes import minutes_html
from batayon.committees.models import Decision, FollowUp, Meeting
from batayon.committees.services import publish
from batayon.compliance.models import CheckStatus, Rule
from batayon.offices.models import Office

from .conftest import JHENAIDAH, make_user, signed_in

pytestmark = pytest.mark.django_db
THEN = "৪টি দপ্তরের মধ্যে ১টি হালনাগাদ (২৫%)"
NOW = "৪টি দপ্তরের মধ্যে ৩টি হালনাগাদ (৭৫%)"


def test_published_minutes_keep_the_figures_of_their_day(seeds, media, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    first = seeds["002"]
    committee = first.committee
    rule = Rule.objects.get(code="notices-fresh")
    for decision in first.decisions.all():  # one decision measured by the notice board alone
        decision.rules.set([rule] if decision.number == 5 else [])
    offices = list(Office.objects.filter(geo_path__startswith=committee.area.path).order_by("pk")[:4])
    for i, office in enumerate(offices):
        CheckStatus.objects.create(office=office, rule=rule, status="ok" if i == 0 else "stale", since=timezone.now())
    nxt = Meeting.objects.create(committee=committee, date=dt.date(2024, 1, 21), place="x", chair_name="y")
    Decision.objects.create(meeting=nxt, text="পরবর্তী সভার সিদ্ধান্ত")
    assert THEN in minutes_html(nxt)
    publish(nxt)
    assert FollowUp.objects.get(meeting=nxt, decision__number=5, decision__meeting=first).measured_total == 4

    CheckStatus.objects.filter(office__in=offices[1:3], rule=rule).update(status="ok")
    nxt.refresh_from_db()
    assert THEN in minutes_html(nxt) and NOW not in minutes_html(nxt)
    client = signed_in(make_user("jh-head", "head", Office.objects.get(domain=JHENAIDAH)), verified=False)
    page = client.get(f"/committees/{JHENAIDAH}/meeting/{nxt.pk}/").content.decode()
    assert THEN in page and NOW not in page
    assert NOW in client.get(f"/committees/{JHENAIDAH}/committee/{committee.pk}/").content.decode()
    later = Meeting.objects.create(committee=committee, date=dt.date(2024, 3, 21), place="x", chair_name="y")
    assert NOW in minutes_html(later) and THEN not in minutes_html(later)
