"""Before a rule change is saved, the admin shows how many offices it would flip (per old →
new status), computed by the engine without writing anything; the counts are what the
confirmed save then does."""

from __future__ import annotations

import json

import pytest

from batayon.compliance.models import CheckStatus, Flip, Rule, RuleRevision
from tests.compliance.admin_helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def test_raising_the_minimum_previews_one_flip_and_writes_nothing(admin_client, dc_rule, kushtia_dc):
    statuses = list(CheckStatus.objects.order_by("office_id").values_list("office_id", "status"))
    r = admin_client.post(change_url(dc_rule), form_data(dc_rule, params=json.dumps({"source": "officers", "min": 2})))
    assert r.status_code == 200
    html = r.content.decode()
    assert "পরিবর্তনের পূর্বাভাস: dc-officers" in html
    assert "এই পরিবর্তনে ১টি দপ্তরের অবস্থা বদলাবে।" in html  # Kushtia: ok → missing; the 63 others stay missing
    assert "<td>হালনাগাদ</td><td>নেই</td><td>১</td>" in html
    assert 'name="_confirmed"' in html and "নিশ্চিত করে সংরক্ষণ করুন" in html
    # Nothing written: the rule, its statuses, no flip, no revision.
    dc_rule.refresh_from_db()
    assert dc_rule.params == {"source": "officers"}
    assert list(CheckStatus.objects.order_by("office_id").values_list("office_id", "status")) == statuses
    assert not Flip.objects.filter(old_status="ok").exists() and not RuleRevision.objects.exists()


def test_widening_the_tiers_previews_the_new_offices(admin_client, dc_rule):
    r = admin_client.post(change_url(dc_rule), form_data(dc_rule, tiers='["district", "division"]'))
    html = r.content.decode()
    assert "<td>হিসাবের বাইরে</td><td>নেই</td><td>৮</td>" in html  # the 8 divisional commissioners


def test_deactivating_previews_every_office_leaving_the_count(admin_client, dc_rule):
    data = form_data(dc_rule)
    del data["active"]
    html = admin_client.post(change_url(dc_rule), data).content.decode()
    assert "<td>নেই</td><td>হিসাবের বাইরে</td><td>৬৩</td>" in html
    assert "<td>হালনাগাদ</td><td>হিসাবের বাইরে</td><td>১</td>" in html
    assert "এই পরিবর্তনে ৬৪টি দপ্তরের অবস্থা বদলাবে।" in html


def test_the_confirmed_save_flips_what_the_preview_said(admin_client, dc_rule, django_capture_on_commit_callbacks):
    data = form_data(dc_rule, params=json.dumps({"source": "officers", "min": 2}))
    preview = admin_client.post(change_url(dc_rule), data)
    assert "এই পরিবর্তনে ১টি দপ্তরের অবস্থা বদলাবে।" in preview.content.decode()
    before = Flip.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        r = admin_client.post(change_url(dc_rule), {**data, "_confirmed": "1", "_save": "1"})
    assert r.status_code == 302
    flips = Flip.objects.order_by("-id")[: Flip.objects.count() - before]
    assert [(f.office.domain, f.old_status, f.new_status) for f in flips] == [("kushtia.gov.bd", "ok", "missing")]


def test_an_invalid_change_shows_the_form_error_not_a_preview(admin_client, dc_rule):
    r = admin_client.post(change_url(dc_rule), form_data(dc_rule, params='{"source": "clerks"}'))
    html = r.content.decode()
    assert r.status_code == 200 and "পরিবর্তনের পূর্বাভাস" not in html
    assert "unknown source" in html
    assert Rule.objects.get(pk=dc_rule.pk).params == {"source": "officers"}
