"""Reports read back: the workbook with openpyxl, the PDF with pdftotext."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import timezone

from batayon.bangla.digits import to_bangla_digits
from batayon.committees.models import Committee, Decision, Meeting
from batayon.committees.reports import Subtree, build, compliance_report
from batayon.compliance.models import CheckStatus, Flip, OfficeScore, Rule
from batayon.offices.models import Office

from .conftest import needs_poppler, pdf_text

pytestmark = pytest.mark.django_db
DHAKA = ZoneInfo("Asia/Dhaka")
TODAY = timezone.localdate()


@pytest.fixture
def kushtia(kushtia_dc, union_office, rules):
    """Two offices with statuses and scores, a committee of the district that met twice, and
    flips: one before the last meeting, two after it."""
    now = timezone.now()
    notices, charter = Rule.objects.get(code="notices-fresh"), Rule.objects.get(code="charter-current")
    for office, (n, c), score in ((kushtia_dc, ("ok", "stale"), 82.5), (union_office, ("missing", "not_applicable"), 31.0)):
        CheckStatus.objects.create(office=office, rule=notices, status=n, since=now)
        CheckStatus.objects.create(office=office, rule=charter, status=c, since=now)
        OfficeScore.objects.create(office=office, score=score, band="good" if score >= 80 else "poor", failing=1,
                                   evaluated_at=now)
    committee = Committee.objects.create(office=kushtia_dc, area=kushtia_dc.area, kind="district_ict",
                                         name="কুষ্টিয়া জেলা আইসিটি বিষয়ক কমিটি")
    first = Meeting.objects.create(committee=committee, date=TODAY - dt.timedelta(days=60), place="x", chair_name="y")
    Meeting.objects.create(committee=committee, date=TODAY - dt.timedelta(days=20), place="x", chair_name="y")
    d = Decision.objects.create(meeting=first, number=1, text="সকল দপ্তরের নোটিশ বোর্ড হালনাগাদ করতে হবে।",
                                deadline=TODAY - dt.timedelta(days=1))
    d.rules.set([notices])

    def flip(office, rule, old, new, days_ago):
        Flip.objects.create(office=office, rule=rule, old_status=old, new_status=new,
                            created=dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(12), DHAKA))

    flip(kushtia_dc, notices, "missing", "ok", 40)       # before the last meeting: not in the report
    flip(kushtia_dc, charter, "ok", "stale", 10)         # after it: worse
    flip(union_office, notices, "stale", "ok", 12)       # after it: better…
    flip(union_office, notices, "ok", "missing", 3)      # …and back: net stale → missing
    return kushtia_dc


def test_changes_are_counted_from_the_last_meeting(kushtia):
    report = compliance_report(Subtree.of(kushtia))
    assert report.since == TODAY - dt.timedelta(days=20)
    changes = {(c.rule, c.old, c.new) for c in report.changes}
    assert changes == {("সিটিজেন চার্টার হালনাগাদ", "ok", "stale"), ("নোটিশ বোর্ড নিয়মিত হালনাগাদ", "stale", "missing")}


def test_compliance_workbook_reads_back(kushtia, union_office):
    data = build("compliance", "xlsx", kushtia)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["দপ্তর × নিয়ম", "নিয়ম", "পরিবর্তন"]
    ws = book["দপ্তর × নিয়ম"]
    header = [c.value for c in ws[1]]
    assert header[:7] == ["দপ্তর", "ডোমেইন", "স্তর", "স্কোর", "মান", "হালনাগাদ নিয়ম", "প্রযোজ্য নিয়ম"]
    assert "নোটিশ বোর্ড নিয়মিত হালনাগাদ" in header
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == Office.objects.filter(kushtia.supervision_q()).count()
    dc = rows["kushtia.gov.bd"]
    assert dc[3] == 82.5 and dc[4] == "ভালো" and (dc[5], dc[6]) == (1, 2)
    assert dc[header.index("নোটিশ বোর্ড নিয়মিত হালনাগাদ")] == "হালনাগাদ"
    assert dc[header.index("সিটিজেন চার্টার হালনাগাদ")] == "পুরনো"
    assert rows[union_office.domain][header.index("সিটিজেন চার্টার হালনাগাদ")] == "প্রযোজ্য নয়"
    # Column widths are set for Bangla: the office name column is wide, rule columns fixed.
    assert ws.column_dimensions["A"].width >= 20 and ws.column_dimensions["H"].width == pytest.approx(14, abs=1)
    changes = list(book["পরিবর্তন"].iter_rows(min_row=2, values_only=True))
    assert sorted((c[1], c[2], c[3], c[5]) for c in changes) == [
        ("নোটিশ বোর্ড নিয়মিত হালনাগাদ", "পুরনো", "নেই", "অবনতি"),
        ("সিটিজেন চার্টার হালনাগাদ", "হালনাগাদ", "পুরনো", "অবনতি"),
    ]
    rules = {r[2]: r for r in book["নিয়ম"].iter_rows(min_row=2, values_only=True)}
    assert rules["notices-fresh"][3:5] == (1, 2)


def test_decisions_workbook_reads_back(kushtia, seeds):
    book = openpyxl.load_workbook(io.BytesIO(build("decisions", "xlsx", kushtia)))
    rows = list(book["সিদ্ধান্ত"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1  # Kushtia's committee only, not Jhenaidah's or Cox's Bazar's
    committee, _date, number, _text, _who, _deadline, state, passing, total = rows[0][:9]
    assert (committee, number, state, passing, total) == ("কুষ্টিয়া জেলা আইসিটি বিষয়ক কমিটি", 1, "চলমান", 1, 2)
    national = openpyxl.load_workbook(io.BytesIO(build("decisions", "xlsx", None)))
    assert national["সিদ্ধান্ত"].max_row - 1 == 1 + 5 + 10  # Kushtia, seed 002, seed 004


@needs_poppler
def test_compliance_pdf_reads_back(kushtia, union_office, tmp_path):
    text = pdf_text(build("compliance", "pdf", kushtia), tmp_path)
    offices = Office.objects.filter(kushtia.supervision_q()).count()
    assert f"{to_bangla_digits(offices)}টি" in text  # the scope's size
    assert "৮২.৫" in text and "৩১.০" in text  # the two scores
    # passing / applicable of the DC office and of the union
    assert re.search(r"১\s*/\s*২", text) and re.search(r"০\s*/\s*১", text)


@needs_poppler
def test_decisions_pdf_reads_back(seeds, tmp_path):
    office = Office.objects.get(domain="jhenaidah.gov.bd")
    text = pdf_text(build("decisions", "pdf", office), tmp_path)
    assert "৩০/০১/২০২৪" in text  # seed 002 d5, as written
    assert "২০২৪" in text and "১৯" in text
