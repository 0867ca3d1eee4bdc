"""The directive prints as a government letter (HTML and PDF, Bangla, both calendars, fonts
embedded), and its status report as PDF and .xlsx."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest

from batayon.oversight.models import DirectiveTarget
from batayon.oversight.presets import PRESETS
from batayon.oversight.services import acknowledge, issue_directive, items_from

from .conftest import signed_in

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@pytest.fixture
def directive(rules, kushtia_dc, uno_sadar):
    return issue_directive(
        issuer=kushtia_dc,
        under=uno_sadar,
        tiers=["upazila", "union"],
        subject=PRESETS["seed-001"][0],
        body="জেলা ও উপজেলা পোর্টালগুলোতে দাপ্তরিক সকল তথ্য নিয়মিত হাল-নাগাদ এর বাধ্যবাধকতা রয়েছে।",
        memo_number="56.04.5000.001.99.001.18-89",
        items=items_from(preset="seed-001"),
        issued_on=dt.date(2020, 9, 28),
        working_days=7,
        signatory_name="মোঃ আসলাম হোসেন",
        signatory_designation="জেলা প্রশাসক",
        distribution="উপজেলা নির্বাহী অফিসার, কুষ্টিয়া সদর\nচেয়ারম্যান, ইউনিয়ন পরিষদ (সকল), কুষ্টিয়া সদর",
        copies="অফিস কপি।",
    )


@pytest.fixture
def dc_supervisor(kushtia_dc):
    from .conftest import make_user

    return make_user("dc-programmer", "supervisor", kushtia_dc)


def pdf_text(pdf: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return text, fonts


def test_letter_html(directive, dc_supervisor, kushtia_dc):
    html = signed_in(dc_supervisor).get(f"/oversight/{kushtia_dc.domain}/directives/{directive.pk}/letter/")
    body = html.content.decode()
    assert html.status_code == 200
    assert "স্মারক নং: ৫৬.০৪.৫০০০.০০১.৯৯.০০১.১৮-৮৯" in body
    assert "১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ" in body and "২৮ সেপ্টেম্বর ২০২০ খ্রিষ্টাব্দ" in body
    assert "ক) কর্মকর্তা ও কর্মচারির দাপ্তরিক মোবাইল নম্বর" in body and "ঝ) শুদ্ধাচার কৌশল" in body
    assert "৭ কর্মদিবসের মধ্যে" in body and "৭ অক্টোবর ২০২০" in body


@needs_poppler
def test_letter_pdf_reads_as_the_letter_with_bangla_fonts_embedded(
    directive, dc_supervisor, kushtia_dc, tmp_path
):
    r = signed_in(dc_supervisor).get(f"/oversight/{kushtia_dc.domain}/directives/{directive.pk}/letter.pdf")
    assert r["Content-Type"] == "application/pdf"
    text, fonts = pdf_text(r.content, tmp_path)
    # pdftotext splits Bangla words around vowel signs that are drawn before their consonant
    # (ে, ি), so the assertions use words without them.
    squeezed = text.replace(" ", "")
    assert "গণপ্রজাতন্ত্রীবাংলাদেশসরকার" in squeezed
    for expected in [
        "৫৬.০৪.৫০০০.০০১.৯৯.০০১.১৮-৮৯",
        "১৪২৭ বঙ্গাব্দ",
        "২০২০ খ্রিষ্টাব্দ",
        "ক)",
        "ঝ) শুদ্ধাচার কৌশল বাস্তবায়ন",
        "তথ্য প্রদানকারী",
        "৭ অ",
        "কুষ্টিয়া",
    ]:
        assert expected in text, expected
    bengali = [line for line in fonts.splitlines() if "Bengali" in line]
    assert bengali and all(" yes " in line for line in bengali), fonts


@needs_poppler
def test_status_report_pdf(directive, dc_supervisor, kushtia_dc, uno_sadar, editor, tmp_path):
    acknowledge(DirectiveTarget.objects.get(directive=directive, office=uno_sadar), editor)
    r = signed_in(dc_supervisor).get(f"/oversight/{kushtia_dc.domain}/directives/{directive.pk}/report.pdf")
    text, fonts = pdf_text(r.content, tmp_path)
    assert "বাস্তবায়" in text and "স্বীকৃত" in text
    # One numbered row per office, the last numbered with the count (Bangla digits).
    from batayon.bangla.digits import to_bangla_digits

    assert to_bangla_digits(directive.targets.count()) in text and "বঙ্গাব্দ" in text
    assert "Bengali" in fonts


def test_status_report_xlsx_reads_back(directive, dc_supervisor, kushtia_dc, uno_sadar, editor):
    from openpyxl import load_workbook

    acknowledge(DirectiveTarget.objects.get(directive=directive, office=uno_sadar), editor)
    r = signed_in(dc_supervisor).get(f"/oversight/{kushtia_dc.domain}/directives/{directive.pk}/report.xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert sheet["A1"].value == directive.subject
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["দপ্তর", "ডোমেইন", "অবস্থা"] and "প্রাপ্তি স্বীকার" in header
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert len(rows) == directive.targets.count()
    assert rows[uno_sadar.domain][2] == "প্রাপ্তি স্বীকৃত" and rows[uno_sadar.domain][7] == "হ্যাঁ"
    # Bangla office names get a column wide enough for them.
    widest = max(len(str(row[0])) for row in rows.values())
    assert sheet.column_dimensions["A"].width >= 0.9 * widest > sheet.column_dimensions["J"].width
