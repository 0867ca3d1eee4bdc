"""Decisions are numbered 1, 2, 3… within their meeting, printed ০১, ০২, ০৩… as the seeds print
them; a number left blank takes the next one, and a number is used once per meeting."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import IntegrityError, transaction

from batayon.committees.minutes import minutes_html
from batayon.committees.models import Decision, Meeting

from .admin_forms import add_inline_rows, admin_client, form_data  # noqa: F401
from .conftest import JHENAIDAH, make_user, signed_in

pytestmark = pytest.mark.django_db


def numbers_in_minutes(meeting: Meeting) -> list[str]:
    html = minutes_html(meeting)
    table = html[html.index("সভায় গৃহীত সিদ্ধান্তসমূহ"):]
    return re.findall(r'<td class="num">([^<]*)</td>', table[:table.index("</table>")])


def new_meeting(seeds) -> Meeting:
    return Meeting.objects.create(committee=seeds["002"].committee, date=dt.date(2024, 1, 21),
                                  place="সম্মেলন কক্ষ", chair_name="মোঃ খালিদ হাসান")


def test_the_seeds_print_their_numbers(seeds):
    assert numbers_in_minutes(seeds["002"]) == ["০১", "০২", "০৩", "০৪", "০৫"]
    assert numbers_in_minutes(seeds["004"]) == ["০১", "০২", "০৩", "০৪", "০৫", "০৬", "০৭", "০৮", "০৯", "১০"]


def test_decisions_entered_on_the_site_are_numbered_in_turn(seeds):
    meeting = new_meeting(seeds)
    client = signed_in(make_user("jh-editor", "editor", meeting.committee.office), verified=False)
    for text in ("প্রথম সিদ্ধান্ত।", "দ্বিতীয় সিদ্ধান্ত।", "তৃতীয় সিদ্ধান্ত।"):
        client.post(f"/committees/{JHENAIDAH}/meeting/{meeting.pk}/decision/new/",
                    {"text": text, "implementers": "দপ্তর প্রধান (সকল), ঝিনাইদহ"})
    assert list(meeting.decisions.values_list("number", "text")) == [
        (1, "প্রথম সিদ্ধান্ত।"), (2, "দ্বিতীয় সিদ্ধান্ত।"), (3, "তৃতীয় সিদ্ধান্ত।")]
    assert numbers_in_minutes(meeting) == ["০১", "০২", "০৩"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert re.findall(r"<tr><td>([০-৯]+)</td>", page) == ["০১", "০২", "০৩"]
    # the next meeting reviews them by the same numbers
    later = Meeting.objects.create(committee=meeting.committee, date=dt.date(2024, 2, 25), place="x", chair_name="y")
    html = minutes_html(later)
    assert "সিদ্ধান্ত ০২" in html and "সিদ্ধান্ত ০৩" in html


def test_a_decision_saved_without_a_number_takes_the_next(seeds):
    meeting = seeds["002"]
    decision = Decision.objects.create(meeting=meeting, text="আরও একটি সিদ্ধান্ত।")
    assert decision.number == 6 and decision.serial == "06"


def test_a_number_is_used_once_per_meeting(seeds):
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(meeting=seeds["002"], number=3, text="একই ক্রমিক")
    Decision.objects.create(meeting=seeds["004"], number=11, text="অন্য সভায় নতুন ক্রমিক")  # other meetings are free


def test_decisions_added_in_the_admin_without_numbers_are_numbered_in_turn(seeds, admin_client):  # noqa: F811
    meeting = new_meeting(seeds)
    url = f"/admin/committees/meeting/{meeting.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "meeting_form")
    add_inline_rows(data, "decisions", [
        {"text": "প্রথম সিদ্ধান্ত।", "state": "open"}, {"text": "দ্বিতীয় সিদ্ধান্ত।", "state": "open"},
        {"text": "তৃতীয় সিদ্ধান্ত।", "state": "open"},
    ])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(meeting.decisions.values_list("number", flat=True)) == [1, 2, 3]
    assert numbers_in_minutes(meeting) == ["০১", "০২", "০৩"]


def test_the_admin_refuses_a_number_the_meeting_already_has_in_bangla(seeds, admin_client):  # noqa: F811
    meeting = seeds["002"]
    url = f"/admin/committees/meeting/{meeting.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "meeting_form")
    add_inline_rows(data, "decisions", [{"number": "3", "text": "একই ক্রমিকের সিদ্ধান্ত।", "state": "open"}])
    data["place"] = "অন্য কক্ষ"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "এই সভায় এই ক্রমিকের একটি সিদ্ধান্ত আগেই আছে।" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.decisions.count() == 5 and meeting.place != "অন্য কক্ষ"  # nothing saved
