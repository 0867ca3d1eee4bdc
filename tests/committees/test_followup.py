"""Every open decision is carried to the top of the next meeting until one closes it."""

from __future__ import annotations

import datetime as dt

import pytest

from batayon.committees.minutes import minutes_html
from batayon.committees.models import Decision, Meeting
from batayon.committees.services import MeetingError, record_followup

pytestmark = pytest.mark.django_db


def next_meeting(previous: Meeting, date: dt.date) -> Meeting:
    return Meeting.objects.create(
        committee=previous.committee, date=date, place="সম্মেলন কক্ষ", chair_name="মোঃ খালিদ হাসান"
    )


def test_open_decisions_of_the_last_meeting_head_the_next(seeds):
    first = seeds["002"]
    second = next_meeting(first, dt.date(2024, 1, 21))
    carried = list(second.carried_decisions())
    assert [d.number for d in carried] == [1, 2, 3, 4, 5]
    assert all(d.meeting_id == first.pk for d in carried)
    # The first meeting carries nothing: it is the committee's first on record.
    assert list(first.carried_decisions()) == []
    html = minutes_html(second)
    assert "পূর্ববর্তী সভার সিদ্ধান্ত ও বাস্তবায়ন অগ্রগতি" in html
    assert html.index("পূর্ববর্তী সভার সিদ্ধান্ত") < html.index("class=\"appendix")
    assert "জেলার অন্তর্ভুক্ত সকল ওয়েব পোর্টাল আগামী ৩০/০১/২০২৪" in html


def test_a_decision_closes_at_the_meeting_that_says_so_and_is_not_carried_after(seeds):
    first = seeds["002"]
    second = next_meeting(first, dt.date(2024, 1, 21))
    third = next_meeting(first, dt.date(2024, 2, 25))
    d1, d3 = (first.decisions.get(number=n) for n in (1, 3))
    record_followup(second, d1, "সকল দপ্তর তথ্য সরবরাহ করেছে।", "done")
    record_followup(second, d3, "উপজেলা কমিটি গঠিত হয়নি; বাদ।", "dropped")
    d1.refresh_from_db()
    assert (d1.state, d1.closed_on, d1.closed_in_id) == ("done", second.date, second.pk)
    # The meeting that closed them still shows them, with their new state and the progress said.
    rows = {r.decision.number: r for r in second.followups()}
    assert rows[1].state == "done" and rows[1].note.progress == "সকল দপ্তর তথ্য সরবরাহ করেছে।"
    assert rows[3].state == "dropped"
    html = minutes_html(second)
    assert "সকল দপ্তর তথ্য সরবরাহ করেছে।" in html and "বাস্তবায়িত" in html
    # The next one carries only what is still open.
    assert [d.number for d in third.carried_decisions()] == [2, 4, 5]


def test_decisions_of_the_new_meeting_are_carried_with_the_old_ones(seeds):
    first = seeds["002"]
    second = next_meeting(first, dt.date(2024, 1, 21))
    Decision.objects.create(meeting=second, number=1, text="নতুন সিদ্ধান্ত")
    third = next_meeting(first, dt.date(2024, 2, 25))
    assert [(d.meeting_id, d.number) for d in third.carried_decisions()] == [
        *[(first.pk, n) for n in range(1, 6)], (second.pk, 1)
    ]


def test_reopening_and_refusals(seeds):
    first = seeds["002"]
    second = next_meeting(first, dt.date(2024, 1, 21))
    d2 = first.decisions.get(number=2)
    record_followup(second, d2, "", "done")
    record_followup(second, d2, "আসলে কাজ বাকি", "open")
    d2.refresh_from_db()
    assert d2.state == "open" and d2.closed_in is None
    with pytest.raises(MeetingError):
        record_followup(first, d2, "", "done")  # a meeting cannot review its own decisions
    with pytest.raises(MeetingError):
        record_followup(second, d2, "", "finished")


def test_an_earlier_meeting_still_shows_open_what_a_later_one_closed(seeds):
    first = seeds["002"]
    second = next_meeting(first, dt.date(2024, 1, 21))
    third = next_meeting(first, dt.date(2024, 2, 25))
    record_followup(third, first.decisions.get(number=2), "সম্পন্ন", "done")
    assert {r.decision.number: r.state for r in second.followups()}[2] == "open"
    assert {r.decision.number: r.state for r in third.followups()}[2] == "done"
