"""A decision tied to a directive: its progress is the directive's measured state (how many of
the offices it addresses are verified, how many are late), wherever decision progress shows."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from batayon.committees.minutes import minutes_html, minutes_pdf
from batayon.committees.models import Decision, FollowUp, Meeting, directive_progress
from batayon.committees.reports import build
from batayon.committees.services import publish
from batayon.compliance.models import CheckStatus
from batayon.offices.models import Office
from batayon.oversight.models import Directive, DirectiveTarget
from batayon.oversight.reports import directive_counts, report_rows, summary
from batayon.oversight.services import issue_directive, items_from, refresh_targets

from .conftest import JHENAIDAH, make_user, needs_poppler, pdf_text, signed_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_the_progress_is_the_directives_measured_state(tied):
    progress = directive_progress([tied["decision"]])[tied["decision"].pk]
    assert (progress.offices, progress.verified, progress.contradicted, progress.reported, progress.late) == (3, 1, 1, 2, 2)
    assert progress.percent == 33
    # the same counts the directive's own status page shows, in one grouped query
    assert progress.as_dict() == summary(report_rows(tied["directive"]))


def test_counts_are_one_query_for_many_directives(tied, kushtia_dc, django_assert_num_queries):
    other = issue_directive(issuer=kushtia_dc, chosen=[o.pk for o in tied["unions"][:2]], subject="সেবার তালিকা হালনাগাদ",
                            memo_number="০৫.৪৪.৫০০০.০০১.০১.০০৮.২৫", items=items_from(["notices-fresh"]), working_days=5)
    with django_assert_num_queries(1):
        counts = directive_counts([tied["directive"].pk, other.pk])
    assert set(counts) == {tied["directive"].pk, other.pk}


def test_the_next_meeting_reviews_it_with_the_directives_state(tied):
    rows = tied["next"].followups()
    assert [r.decision.pk for r in rows] == [tied["decision"].pk]
    assert rows[0].directive.verified == 1 and rows[0].measured is None
    html = minutes_html(tied["next"])
    section = html[html.index("পূর্ববর্তী সভার সিদ্ধান্ত ও বাস্তবায়ন অগ্রগতি"):html.rindex("পরিশিষ্ট")]
    assert "নির্দেশনা অনুযায়ী ৩টি দপ্তরের মধ্যে ১টি যাচাইকৃত (৩৩%), সময় পেরিয়েছে: ২টি" in section
    assert "স্মারক নং ০৫.৪৪.৫০০০.০০১.০১.০০৭.২৫" in section


@needs_poppler
def test_the_minutes_pdf_carries_the_directives_state(tied, tmp_path):
    text = pdf_text(minutes_pdf(tied["next"]), tmp_path)
    assert "৩৩%" in text and "০৫.৪৪.৫০০০.০০১.০১.০০৭.২৫" in text


def test_publishing_freezes_the_directives_state_in_the_minutes(tied, media):
    nxt = tied["next"]
    Decision.objects.create(meeting=nxt, number=1, text="আগামী সভায় আবার দেখা হবে।")
    publish(nxt)
    note = FollowUp.objects.get(meeting=nxt, decision=tied["decision"])
    assert note.directive_counts["verified"] == 1 and note.directive_counts["offices"] == 3
    # a union complies afterwards: the published minutes still say what was true that day
    target = DirectiveTarget.objects.get(directive=tied["directive"], office=tied["unions"][1])
    CheckStatus.objects.filter(office=target.office).update(status="ok")
    refresh_targets([tied["directive"].pk])
    assert directive_progress([tied["decision"]])[tied["decision"].pk].verified == 2
    assert nxt.followups()[0].directive.verified == 1


def test_the_decisions_report_shows_it(tied, kushtia_dc):
    book = openpyxl.load_workbook(io.BytesIO(build("decisions", "xlsx", kushtia_dc)))
    sheet = book["সিদ্ধান্ত"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["নির্দেশনা (স্মারক নং)"] == "০৫.৪৪.৫০০০.০০১.০১.০০৭.২৫"
    assert (row["যাচাইকৃত দপ্তর"], row["নির্দেশিত দপ্তর"], row["সময় পেরিয়েছে"]) == (1, 3, 2)


@needs_poppler
def test_the_decisions_report_pdf_shows_it(tied, kushtia_dc, tmp_path):
    text = pdf_text(build("decisions", "pdf", kushtia_dc), tmp_path)
    assert "৩৩%" in text and "০৫.৪৪.৫০০০.০০১.০১.০০৭.২৫" in text


def test_the_meeting_and_committee_pages_show_it(tied, kushtia_dc):
    client = signed_in(make_user("kushtia-dc-editor", "editor", kushtia_dc), verified=False)
    first, nxt = tied["first"], tied["next"]
    for url in (nxt.get_absolute_url(), first.get_absolute_url(), first.committee.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "৩টি দপ্তরের মধ্যে ১টি যাচাইকৃত (৩৩%)" in page, url


def test_an_editor_ties_a_new_decision_to_a_directive_of_the_committees_area(tied, kushtia_dc):
    client = signed_in(make_user("kushtia-dc-editor", "editor", kushtia_dc), verified=False)
    nxt = tied["next"]
    page = client.get(nxt.get_absolute_url()).content.decode()
    assert 'name="directive"' in page and "ইউনিয়ন পরিষদের নোটিশ বোর্ড হালনাগাদ" in page
    client.post(f"/committees/{kushtia_dc.domain}/meeting/{nxt.pk}/decision/new/", {
        "text": "বাকি ইউনিয়ন পরিষদ সাত দিনের মধ্যে নোটিশ বোর্ড হালনাগাদ করবে।",
        "implementers": "উপজেলা নির্বাহী অফিসার, কুষ্টিয়া সদর", "directive": tied["directive"].pk,
    })
    assert nxt.decisions.get().directive == tied["directive"]


def test_a_directive_of_another_district_cannot_be_chosen(tied, kushtia_dc, seeds):
    other = Directive.objects.get(issuer__domain="jhenaidah.gov.bd")
    client = signed_in(make_user("kushtia-dc-editor", "editor", kushtia_dc), verified=False)
    nxt = tied["next"]
    assert other.subject not in client.get(nxt.get_absolute_url()).content.decode()
    response = client.post(f"/committees/{kushtia_dc.domain}/meeting/{nxt.pk}/decision/new/", {
        "text": "কিছু", "implementers": "কেউ", "directive": other.pk,
    }, follow=True)
    assert "এই নির্দেশনা এই কমিটির এলাকার নয়।" in response.content.decode()
    assert not nxt.decisions.exists()  # refused, nothing saved


def test_the_demo_ties_seed_002_decision_5_to_its_directive(seeds):
    d5 = seeds["002"].decisions.get(number=5)
    assert d5.directive is not None and d5.directive.issuer.domain == "jhenaidah.gov.bd"
    assert d5.directive.deadline == dt.date(2024, 1, 30)
    targets = d5.directive.targets.count()
    assert targets == Office.objects.filter(district=seeds["002"].committee.area).count() - 1  # not the DC itself
    progress = directive_progress([d5])[d5.pk]
    assert progress.offices == targets and progress.late == targets  # nobody reported by 30/01/2024
    # loading again issues nothing new and ties the new decision to the same directive
    from batayon.committees.loader import load_committees

    load_committees()
    assert Directive.objects.filter(issuer__domain="jhenaidah.gov.bd").count() == 1
    d5 = Meeting.objects.get(committee__office__domain=JHENAIDAH).decisions.get(number=5)
    assert d5.directive_id is not None
