"""Saving a rule in the admin records its history (who, when, old and new values, a note),
audits it, and shows the history on the rule's page; rules are not edited in the list nor
deleted."""

from __future__ import annotations

import pytest

from batayon.compliance.models import Rule, RuleRevision
from batayon.history.models import AuditEntry
from tests.compliance.admin_helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def _save(client, rule, **change):
    data = form_data(rule, **change)
    return client.post(change_url(rule), {**data, "_confirmed": "1", "_save": "1"})


def test_a_saved_change_records_who_when_old_and_new_values_and_the_note(admin_client, admin_user, dc_rule):
    r = _save(admin_client, dc_rule, weight="8", note="মন্ত্রিপরিষদ বিভাগের নতুন নির্দেশনা")
    assert r.status_code == 302
    dc_rule.refresh_from_db()
    assert dc_rule.weight == 8
    (rev,) = RuleRevision.objects.filter(rule=dc_rule)
    assert rev.user == admin_user and rev.username == "national"
    assert rev.old_values == {"weight": 5.0} and rev.new_values == {"weight": 8.0}
    assert rev.note == "মন্ত্রিপরিষদ বিভাগের নতুন নির্দেশনা" and rev.applied_at is not None
    audit = AuditEntry.objects.get(object_id=dc_rule.pk, content_type__model="rule")
    assert audit.action == AuditEntry.Action.UPDATE and audit.username == "national"
    assert audit.changes["weight"] == [5.0, 8.0]


def test_the_history_is_shown_read_only_on_the_rules_page(admin_client, dc_rule):
    _save(admin_client, dc_rule, weight="8", note="নতুন নির্দেশনা")
    html = admin_client.get(change_url(dc_rule)).content.decode()
    assert "পরিবর্তনের ইতিহাস" in html
    assert "গুরুত্ব: ৫.০ → ৮.০" in html and "নতুন নির্দেশনা" in html and "national" in html
    assert 'name="revisions-0-note"' not in html  # read-only


def test_an_unchanged_save_records_nothing(admin_client, dc_rule):
    _save(admin_client, dc_rule)
    assert not RuleRevision.objects.exists()


def test_a_new_rule_is_recorded_with_all_its_values(admin_client, dc_rule):
    data = form_data(dc_rule, code="dc-officers-two", params='{"source": "officers", "min": 2}')
    r = admin_client.post("/admin/compliance/rule/add/", {**data, "_confirmed": "1", "_save": "1"})
    assert r.status_code == 302
    rule = Rule.objects.get(code="dc-officers-two")
    (rev,) = rule.revisions.all()
    assert rev.old_values == {} and rev.new_values["params"] == {"source": "officers", "min": 2}
    assert AuditEntry.objects.get(object_id=rule.pk, content_type__model="rule").action == AuditEntry.Action.CREATE


def test_rules_are_neither_edited_in_the_list_nor_deleted(admin_client, dc_rule):
    html = admin_client.get("/admin/compliance/rule/").content.decode()
    assert 'name="form-0-weight"' not in html
    assert admin_client.get(f"/admin/compliance/rule/{dc_rule.pk}/delete/").status_code == 403
    assert Rule.objects.filter(pk=dc_rule.pk).exists()
