"""A directive-tied decision's progress is the directive's state now wherever it shows live
(meeting page, committee page, minutes before publication, decisions report): the targets are
brought up to date first, without anyone opening the directive's own page. Published minutes
keep the figures of the day they were issued."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone

from batayon.committees.minutes import minutes_html
from batayon.committees.models import Decision, FollowUp, directive_progress
from batayon.committees.reports import build
from batayon.committees.services import publish
from batayon.content.models import Notice
from batayon.oversight import reports as oversight_reports
from batayon.oversight.models import DirectiveTarget, TargetState
from batayon.oversight.services import ItemSpec, issue_directive

from .conftest import make_user, signed_in

pytestmark = pytest.mark.django_db
BEFORE = "৩টি দপ্তরের মধ্যে ১টি যাচাইকৃত (৩৩%)"
AFTER = "৩টি দপ্তরের মধ্যে ২টি যাচাইকৃত (৬৭%)"


def post_a_notice(office, django_capture_on_commit_callbacks) -> None:
    """The union that reported done but had a stale notice board posts a notice: the engine
    measures its board fresh again (nothing touches the directive)."""
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(office=office, title="নোটিশ", title_bn="সভার নোটিশ", title_en="Notice",
                              publish_date=timezone.localdate())


@pytest.fixture
def complied(tied, django_capture_on_commit_callbacks):
    target = DirectiveTarget.objects.get(directive=tied["directive"], office=tied["unions"][1])
    assert target.state == TargetState.CONTRADICTED
    post_a_notice(tied["unions"][1], django_capture_on_commit_callbacks)
    target.refresh_from_db()
    assert target.state == TargetState.CONTRADICTED  # stored state not refreshed yet
    return tied


@pytest.fixture
def client(kushtia_dc):
    return signed_in(make_user("kushtia-dc-editor", "editor", kushtia_dc), verified=False)


def test_the_meeting_page_shows_the_current_state(tied, client, django_capture_on_commit_callbacks):
    nxt = tied["next"]
    assert BEFORE in client.get(nxt.get_absolute_url()).content.decode()
    post_a_notice(tied["unions"][1], django_capture_on_commit_callbacks)
    page = client.get(nxt.get_absolute_url()).content.decode()
    assert AFTER in page and BEFORE not in page
    assert DirectiveTarget.objects.get(directive=tied["directive"], office=tied["unions"][1]).state == TargetState.VERIFIED


def test_the_committee_page_and_the_deciding_meetings_page_too(complied, client):
    for url in (complied["first"].get_absolute_url(), complied["first"].committee.get_absolute_url()):
        assert AFTER in client.get(url).content.decode(), url


def test_the_minutes_before_publication(complied, client, kushtia_dc):
    nxt = complied["next"]
    assert "২টি যাচাইকৃত (৬৭%)" in minutes_html(nxt)
    page = client.get(f"/committees/{kushtia_dc.domain}/meeting/{nxt.pk}/minutes/").content.decode()
    assert "২টি যাচাইকৃত (৬৭%)" in page


def test_the_decisions_report(complied, kushtia_dc):
    sheet = openpyxl.load_workbook(io.BytesIO(build("decisions", "xlsx", kushtia_dc)))["সিদ্ধান্ত"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["যাচাইকৃত দপ্তর"], row["নির্দেশিত দপ্তর"]) == (2, 3)


def test_publication_freezes_the_current_state_and_keeps_it(complied, media, django_capture_on_commit_callbacks):
    nxt = complied["next"]
    Decision.objects.create(meeting=nxt, number=1, text="আগামী সভায় আবার দেখা হবে।")
    publish(nxt)
    note = FollowUp.objects.get(meeting=nxt, decision=complied["decision"])
    assert note.directive_counts["verified"] == 2  # what was true on the day, not the stale row
    # the last union complies (and reports) afterwards: the published minutes do not move
    post_a_notice(complied["unions"][2], django_capture_on_commit_callbacks)
    DirectiveTarget.objects.filter(office=complied["unions"][2]).update(
        reported_at=timezone.now(), acknowledged_at=timezone.now())
    assert directive_progress([complied["decision"]])[complied["decision"].pk].verified == 3
    assert nxt.followups()[0].directive.verified == 2
    assert "২টি যাচাইকৃত (৬৭%)" in minutes_html(nxt)


def test_one_refresh_for_every_directive_of_the_page(tied, client, kushtia_dc, monkeypatch):
    """The carried decision's directive and a new decision's other directive are refreshed
    together, once, however many decisions the page shows."""
    other = issue_directive(issuer=kushtia_dc, chosen=[tied["unions"][0].pk], subject="সেবা বক্স",
                            items=[ItemSpec("সেবা বক্স হালনাগাদ")], working_days=5)
    nxt = tied["next"]
    for number in (1, 2, 3):
        Decision.objects.create(meeting=nxt, number=number, text=f"সিদ্ধান্ত {number}",
                                directive=other if number < 3 else tied["directive"])
    calls: list[list[int]] = []
    real = oversight_reports.refresh_targets

    def spy(ids=None, *args, **kwargs):
        calls.append(sorted(ids))
        return real(ids, *args, **kwargs)

    monkeypatch.setattr(oversight_reports, "refresh_targets", spy)
    assert client.get(nxt.get_absolute_url()).status_code == 200
    assert calls == [sorted([tied["directive"].pk, other.pk])]
