"""An office's editors enter a meeting, its decisions and attendance on the site (audited)."""

from __future__ import annotations

import pytest

from batayon.committees.models import Meeting
from batayon.compliance.models import Rule
from batayon.history.models import AuditEntry
from batayon.offices.models import Office

from .conftest import JHENAIDAH, make_user, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(seeds):
    office = Office.objects.get(domain=JHENAIDAH)
    return signed_in(make_user("jh-editor", "editor", office), verified=False)


def test_a_new_meeting_with_a_decision_and_attendance(seeds, editor_client):
    committee = seeds["002"].committee
    base = f"/committees/{JHENAIDAH}/"
    response = editor_client.post(f"{base}committee/{committee.pk}/meeting/new/", {
        "date": "২১/০১/২০২৪", "time": "11:00", "place": "সম্মেলন কক্ষ", "chair_name": "মোঃ খালিদ হাসান",
        "distribution": "উপজেলা নির্বাহী অফিসার (সকল), ঝিনাইদহ\nঅফিস কপি।",
    })
    meeting = Meeting.objects.get(committee=committee, date="2024-01-21")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    page = editor_client.get(response["Location"]).content.decode()
    assert "জেলার অন্তর্ভুক্ত সকল ওয়েব পোর্টাল আগামী ৩০/০১/২০২৪" in page  # carried at once
    rule = Rule.objects.get(code="notices-fresh")
    editor_client.post(f"{base}meeting/{meeting.pk}/decision/new/", {
        "discussion_title": "নোটিশ বোর্ড", "discussion": "কয়েকটি দপ্তরের নোটিশ বোর্ড পুরনো।",
        "text": "সকল দপ্তর প্রতি মাসে নোটিশ বোর্ড হালনাগাদ করবে।",
        "implementers": "দপ্তর প্রধান (সকল), ঝিনাইদহ\nপ্রোগ্রামার, আইসিটি অধিদপ্তর, ঝিনাইদহ",
        "deadline": "28/02/2024", "rules": [rule.pk],
    })
    decision = meeting.decisions.get()
    assert decision.number == 1 and decision.implementer_labels() == [
        "দপ্তর প্রধান (সকল), ঝিনাইদহ", "প্রোগ্রামার, আইসিটি অধিদপ্তর, ঝিনাইদহ"]
    assert decision.agenda_item.title == "নোটিশ বোর্ড" and list(decision.rules.all()) == [rule]
    editor_client.post(f"{base}meeting/{meeting.pk}/attendance/new/",
                       {"kind": "absent", "name": "জনাব খ", "designation": "সিভিল সার্জন, ঝিনাইদহ"})
    assert meeting.attendance.get().kind == "absent"
    assert AuditEntry.objects.filter(office=committee.office, action="create").count() >= 3


def test_bad_input_is_refused_in_bangla(seeds, editor_client):
    committee = seeds["002"].committee
    response = editor_client.post(f"/committees/{JHENAIDAH}/committee/{committee.pk}/meeting/new/", {
        "date": "৩১/০২/২০২৪", "place": "x", "chair_name": "y",
    })
    assert response.status_code == 200 and "এমন কোনো তারিখ নেই" in response.content.decode()
    assert committee.meetings.count() == 1
    meeting = seeds["002"]
    response = editor_client.post(f"/committees/{JHENAIDAH}/meeting/{meeting.pk}/decision/new/",
                                  {"text": "কিছু", "implementers": ""}, follow=True)
    assert "অন্তত একজন বাস্তবায়নকারী লিখুন।" in response.content.decode()
    assert meeting.decisions.count() == 5
