"""A rule change takes effect from its date: dated today it applies at once; dated later the
rule stays as it is (the engine reads the version in effect today) until an evaluation on
that date applies it; a date in the past is refused in Bangla."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batayon.compliance.models import CheckStatus, RuleRevision
from batayon.compliance.services import evaluate
from tests.compliance.admin_helpers import change_url, form_data
from tests.compliance.conftest import DHAKA

pytestmark = pytest.mark.django_db


def _save(client, rule, **change):
    return client.post(change_url(rule), {**form_data(rule, **change), "_confirmed": "1", "_save": "1"})


def test_a_change_dated_later_waits_for_its_date(admin_client, dc_rule, kushtia_dc):
    later = timezone.localdate() + dt.timedelta(days=10)
    r = _save(admin_client, dc_rule, params='{"source": "officers", "min": 2}', effective_from=later.isoformat())
    assert r.status_code == 302
    messages = [str(m) for m in r.wsgi_request._messages]
    assert any("থেকে কার্যকর হবে" in m for m in messages), messages
    dc_rule.refresh_from_db()
    assert dc_rule.params == {"source": "officers"}  # today's version is unchanged
    (rev,) = RuleRevision.objects.all()
    assert rev.applied_at is None and rev.effective_from == later
    html = admin_client.get(change_url(dc_rule)).content.decode()
    assert "পরিবর্তনের ইতিহাস" in html and "অপেক্ষমাণ" in html  # shown as waiting

    evaluate(now=dt.datetime.combine(later - dt.timedelta(days=1), dt.time(12), DHAKA))
    dc_rule.refresh_from_db()
    assert dc_rule.params == {"source": "officers"}
    assert CheckStatus.objects.get(office=kushtia_dc, rule=dc_rule).status == "ok"

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "localdate", lambda *a, **k: later)
        evaluate(now=dt.datetime.combine(later, dt.time(12), DHAKA))
    dc_rule.refresh_from_db()
    assert dc_rule.params == {"source": "officers", "min": 2}
    rev.refresh_from_db()
    assert rev.applied_at is not None
    assert CheckStatus.objects.get(office=kushtia_dc, rule=dc_rule).status == "missing"


def test_a_change_dated_today_applies_at_once(admin_client, dc_rule):
    _save(admin_client, dc_rule, weight="7", effective_from=timezone.localdate().isoformat())
    dc_rule.refresh_from_db()
    assert dc_rule.weight == 7
    assert RuleRevision.objects.get().applied_at is not None


def test_a_date_in_the_past_is_refused_in_bangla(admin_client, dc_rule):
    past = timezone.localdate() - dt.timedelta(days=1)
    r = admin_client.post(change_url(dc_rule), form_data(dc_rule, weight="7", effective_from=past.isoformat()))
    assert "কার্যকর হওয়ার তারিখ আজকের আগে হতে পারে না।" in r.content.decode()
    dc_rule.refresh_from_db()
    assert dc_rule.weight == 5 and not RuleRevision.objects.exists()
