"""The directives report of a supervisor's subtree (R-4.3): every directive issued by or
addressed to its offices, with its counts over them and a row per office; read back from the
workbook (openpyxl) and the PDF (pdftotext, pdffonts); from the CLI and the report pages."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from batayon.committees.reports import build
from batayon.compliance.models import CheckStatus, Rule
from batayon.offices.models import Office, Tier
from batayon.oversight.models import DirectiveTarget
from batayon.oversight.services import issue_directive, items_from, refresh_targets

from .conftest import make_user, needs_poppler, pdf_fonts, pdf_text, signed_in

pytestmark = pytest.mark.django_db
DHAKA = ZoneInfo("Asia/Dhaka")
TODAY = timezone.localdate()
MEMO_DC = "০৫.৪৪.৫০০০.০০১.০১.০১০.২৫"
MEMO_UNO = "০৫.৪৪.৫০৭৯.০০১.০১.০০৩.২৫"


@pytest.fixture
def directives(rules, kushtia_dc, union_office):
    """Kushtia's DC office addresses three unions of Kushtia Sadar (deadline in ten days);
    the UNO of Kushtia Sadar addresses two of them (deadline passed). One union has done and
    reported it (verified), one acknowledged only."""
    uno = Office.objects.get(tier=Tier.UPAZILA, area_id=union_office.upazila_id)
    unions = list(Office.objects.filter(tier="union", upazila_id=union_office.upazila_id).order_by("pk")[:3])
    start = dt.datetime.combine(TODAY - dt.timedelta(days=20), dt.time(10), DHAKA)
    dc = issue_directive(
        issuer=kushtia_dc, chosen=[o.pk for o in unions], subject="নোটিশ বোর্ড হালনাগাদ", memo_number=MEMO_DC,
        items=items_from(["notices-fresh"]), issued_on=TODAY - dt.timedelta(days=20),
        deadline=TODAY + dt.timedelta(days=10), now=start,
    )
    by_uno = issue_directive(
        issuer=uno, chosen=[o.pk for o in unions[:2]], subject="সেবার তালিকা হালনাগাদ", memo_number=MEMO_UNO,
        items=items_from(["notices-fresh"]), issued_on=TODAY - dt.timedelta(days=20),
        deadline=TODAY - dt.timedelta(days=2), now=start,
    )
    notices = Rule.objects.get(code="notices-fresh")
    CheckStatus.objects.create(office=unions[0], rule=notices, status="ok", since=timezone.now())
    CheckStatus.objects.create(office=unions[1], rule=notices, status="stale", since=timezone.now())
    CheckStatus.objects.create(office=unions[2], rule=notices, status="stale", since=timezone.now())
    when = dt.datetime.combine(TODAY - dt.timedelta(days=5), dt.time(10), DHAKA)
    DirectiveTarget.objects.filter(office=unions[0]).update(reported_at=when, acknowledged_at=when)
    DirectiveTarget.objects.filter(office=unions[1]).update(acknowledged_at=when)
    refresh_targets([dc.pk, by_uno.pk], now=when)
    return {"dc": dc, "uno": by_uno, "unions": unions, "uno_office": uno}


def test_workbook_has_each_directive_with_its_counts_and_each_office(directives, kushtia_dc):
    book = openpyxl.load_workbook(io.BytesIO(build("directives", "xlsx", kushtia_dc)))
    assert book.sheetnames == ["নির্দেশনা", "দপ্তরভিত্তিক"]
    sheet = book["নির্দেশনা"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["ক্রমিক", "স্মারক নং", "বিষয়", "জারিকারী দপ্তর", "জারির তারিখ", "সময়সীমা", "দপ্তর"]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {MEMO_DC, MEMO_UNO}
    dc, uno = rows[MEMO_DC], rows[MEMO_UNO]
    counts = ["দপ্তর", "প্রাপ্তি স্বীকৃত", "প্রতিবেদন দিয়েছে", "যাচাইকৃত", "প্রতিবেদন ও বাস্তবতা মেলেনি", "সময় পেরিয়েছে"]
    assert [dc[k] for k in counts] == [3, 2, 1, 1, 0, 0]  # deadline not yet passed
    assert [uno[k] for k in counts] == [2, 2, 1, 1, 0, 1]  # one not done by the deadline
    assert uno["জারিকারী দপ্তর"] == directives["uno_office"].name_bn
    assert dc["সময়সীমা"] == (TODAY + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    offices = book["দপ্তরভিত্তিক"]
    lines = list(offices.iter_rows(min_row=2, values_only=True))
    assert len(lines) == 5  # 3 + 2 targets
    first = directives["unions"][0]
    verified = [r for r in lines if r[2] == first.domain]
    assert {r[0] for r in verified} == {MEMO_DC, MEMO_UNO} and all(r[3] == "যাচাইকৃত" for r in verified)
    # Bangla column widths: the office and subject columns are wide enough to read
    assert offices.column_dimensions["B"].width >= 20 and sheet.column_dimensions["C"].width >= 40


def test_an_upazila_sees_only_its_own_offices_counts(directives, union_office):
    """The UNO's subtree: both directives reach its unions; a directive addressed elsewhere too
    would count only the offices of the upazila."""
    other = Office.objects.filter(tier="union", district_id=union_office.district_id).exclude(
        upazila_id=union_office.upazila_id).first()
    DirectiveTarget.objects.create(directive=directives["dc"], office=other, items_total=1,
                                   next_due=directives["dc"].deadline)
    book = openpyxl.load_workbook(io.BytesIO(build("directives", "xlsx", directives["uno_office"])))
    rows = {r[1]: r for r in book["নির্দেশনা"].iter_rows(min_row=2, values_only=True)}
    assert rows[MEMO_DC][6] == 3  # not 4: the union of another upazila is outside this subtree
    offices = {r[2] for r in book["দপ্তরভিত্তিক"].iter_rows(min_row=2, values_only=True)}
    assert other.domain not in offices


def test_a_subtree_without_directives_is_an_empty_report(directives):
    elsewhere = Office.objects.get(domain="jhenaidah.gov.bd")
    book = openpyxl.load_workbook(io.BytesIO(build("directives", "xlsx", elsewhere)))
    assert book["নির্দেশনা"].max_row == 1


@needs_poppler
def test_pdf_reads_back_with_bangla_fonts_embedded(directives, kushtia_dc, tmp_path):
    pdf = build("directives", "pdf", kushtia_dc)
    fonts = pdf_fonts(pdf, tmp_path)
    bengali = [line for line in fonts.splitlines() if "Bengali" in line]
    assert bengali and all(" yes yes " in line for line in bengali), fonts
    text = pdf_text(pdf, tmp_path)
    assert MEMO_DC in text and MEMO_UNO in text
    for union in directives["unions"]:
        assert union.domain in text  # a row per office


def test_cli_writes_both_formats(directives, tmp_path):
    xlsx, pdf = tmp_path / "d.xlsx", tmp_path / "d.pdf"
    call_command("report", "directives", "--under", "kushtia.gov.bd", "--format", "xlsx", "-o", str(xlsx))
    call_command("report", "directives", "--under", "kushtia.gov.bd", "--format", "pdf", "-o", str(pdf))
    rows = list(openpyxl.load_workbook(xlsx)["নির্দেশনা"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in rows} == {MEMO_DC, MEMO_UNO}
    assert pdf.read_bytes().startswith(b"%PDF")


def test_reachable_from_the_report_pages(directives, kushtia_dc):
    client = signed_in(make_user("dc-supervisor", "supervisor", kushtia_dc))
    home = client.get("/committees/reports/").content.decode()
    assert "/committees/kushtia.gov.bd/reports/directives.pdf" in home
    assert "/committees/kushtia.gov.bd/reports/directives.xlsx" in home
    listing = client.get("/oversight/kushtia.gov.bd/directives/").content.decode()
    assert "/committees/kushtia.gov.bd/reports/directives.xlsx" in listing
    response = client.get("/committees/kushtia.gov.bd/reports/directives.xlsx")
    assert response.status_code == 200 and "directives-kushtia.gov.bd" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book["নির্দেশনা"].max_row == 3
    pdf = client.get("/committees/kushtia.gov.bd/reports/directives.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # another district's supervisor may not take it
    other = signed_in(make_user("jh-supervisor", "supervisor", Office.objects.get(domain="jhenaidah.gov.bd")))
    assert other.get("/committees/kushtia.gov.bd/reports/directives.xlsx").status_code == 403
