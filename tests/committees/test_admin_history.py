"""Meetings and decisions edited in the Django admin go to the change history of the office
that keeps the committee, as edits on the office's own pages do: who, when, from where, and
what changed (the meeting's fields, and the rows of its inlines)."""

from __future__ import annotations

import pytest

from batayon.compliance.models import Rule
from batayon.history.models import AuditEntry
from batayon.oversight.models import Directive

from .admin_forms import add_inline_rows, admin_client, form_data  # noqa: F401
from .conftest import JHENAIDAH, make_user, signed_in

pytestmark = pytest.mark.django_db


def entries(obj):
    return AuditEntry.objects.filter(content_type__model=obj._meta.model_name, object_id=obj.pk)


def test_a_meeting_edited_in_the_admin_is_in_the_offices_change_log(seeds, admin_client):  # noqa: F811
    meeting = seeds["002"]
    url = f"/admin/committees/meeting/{meeting.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "meeting_form")
    old_place = data["place"]
    data["place"] = "জেলা প্রশাসকের সম্মেলন কক্ষ (নতুন ভবন)"
    d1 = meeting.decisions.get(number=1)
    index = next(k.split("-")[1] for k, v in data.items() if k.startswith("decisions-") and k.endswith("-id")
                 and v == str(d1.pk))
    data[f"decisions-{index}-text"] = "সংশ্লিষ্ট সরকারি দপ্তরসমূহ সাত দিনের মধ্যে তথ্য সরবরাহ করবে।"
    add_inline_rows(data, "attendance", [{"kind": "absent", "name": "জনাব খ", "designation": "সিভিল সার্জন, ঝিনাইদহ",
                                          "sort_order": "100"}])
    response = admin_client.post(url, data, HTTP_USER_AGENT="test-browser", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302, response.content.decode()[:2000]

    entry = entries(meeting).get()
    assert entry.action == AuditEntry.Action.UPDATE and entry.username == "national"
    assert entry.office.domain == JHENAIDAH  # the office that keeps the committee
    assert entry.ip == "10.1.2.3" and entry.user_agent == "test-browser"
    assert entry.changes["place"] == [old_place, "জেলা প্রশাসকের সম্মেলন কক্ষ (নতুন ভবন)"]
    inlines = {(line["model"], line["action"]): line for line in entry.changes["_inlines"]}
    assert inlines[("decision", "update")]["id"] == d1.pk
    assert inlines[("decision", "update")]["fields"]["text"][1].startswith("সংশ্লিষ্ট সরকারি দপ্তরসমূহ সাত দিনের")
    assert inlines[("attendance", "create")]["fields"]["designation"] == "সিভিল সার্জন, ঝিনাইদহ"
    assert len(entry.changes["_inlines"]) == 2  # the untouched decisions are not listed

    # The office's change log shows it.
    editor = signed_in(make_user("jh-doict-editor", "editor", meeting.committee.office), verified=False)
    log = editor.get(f"/workspace/{JHENAIDAH}/log/").content.decode()
    assert str(meeting) in log and "national" in log


def test_saving_without_a_change_records_nothing(seeds, admin_client):  # noqa: F811
    meeting = seeds["004"]
    url = f"/admin/committees/meeting/{meeting.pk}/change/"
    response = admin_client.post(url, form_data(admin_client.get(url).content.decode(), "meeting_form"))
    assert response.status_code == 302
    assert not entries(meeting).exists()


def test_a_decision_edited_in_the_admin_records_its_directive_and_rules(seeds, admin_client):  # noqa: F811
    decision = seeds["002"].decisions.get(number=2)
    directive = Directive.objects.get(issuer__domain="jhenaidah.gov.bd")
    rule = Rule.objects.get(code="notices-fresh")
    url = f"/admin/committees/decision/{decision.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "decision_form")
    data["directive"], data["rules"] = str(directive.pk), [str(rule.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = entries(decision).get()
    assert entry.office == decision.meeting.committee.office
    assert entry.changes["directive_id"] == [None, directive.pk] and entry.changes["rules"] == [[], [rule.pk]]


def test_a_meeting_deleted_in_the_admin_keeps_its_last_state_in_the_log(seeds, admin_client):  # noqa: F811
    meeting = seeds["004"]
    pk, office = meeting.pk, meeting.committee.office
    response = admin_client.post(f"/admin/committees/meeting/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(content_type__model="meeting", object_id=pk)
    assert entry.action == AuditEntry.Action.DELETE and entry.office == office
    assert entry.changes["_deleted"]["memo_number"] == "৫৬.০৪.২২০০.০০০.০৬.০০১.২০.৬৪"


def test_a_meeting_added_in_the_admin_is_recorded(seeds, admin_client):  # noqa: F811
    committee = seeds["002"].committee
    data = form_data(admin_client.get("/admin/committees/meeting/add/").content.decode(), "meeting_form")
    data.update({"committee": str(committee.pk), "date": "2024-02-25", "place": "সম্মেলন কক্ষ",
                 "chair_name": "মোঃ খালিদ হাসান"})
    add_inline_rows(data, "decisions", [{"text": "সকল দপ্তর নোটিশ বোর্ড হালনাগাদ করবে।", "state": "open"}])
    response = admin_client.post("/admin/committees/meeting/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = committee.meetings.get(date="2024-02-25")
    entry = entries(meeting).get()
    assert entry.action == AuditEntry.Action.CREATE and entry.office == committee.office
    assert entry.changes["place"] == [None, "সম্মেলন কক্ষ"]
    assert [line["action"] for line in entry.changes["_inlines"]] == ["create"]
