"""A government letter renders in Bangla, in both calendars, with its fonts embedded in the PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from batayon.letters.pdf import LetterHead, Signatory, render_html, render_pdf

SEED_001 = LetterHead(
    office_name="জেলা প্রশাসকের কার্যালয়, কুষ্টিয়া",
    branch="(আইসিটি শাখা)",
    website="www.kushtia.gov.bd",
    memo_number="56.04.5000.001.99.001.18-89",
    date=dt.date(2020, 9, 28),
    subject="জাতীয় তথ্য বাতায়ন (ওয়েবপোর্টাল) এর তথ্য সন্নিবেশ ও হাল-নাগাদকরণ প্রসঙ্গে।",
    signatory=Signatory(name="মোঃ আসলাম হোসেন", designation="জেলা প্রশাসক", office="কুষ্টিয়া", phone="+88071262300"),
    copies=["উপজেলা নির্বাহী অফিসার (সকল), কুষ্টিয়া।", "অফিস কপি।"],
)


def test_letter_html_has_the_parts_of_a_government_letter():
    html = render_html("letters/letter.html", {"head": SEED_001, "lang": "bn"})
    assert "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার" in html
    assert "স্মারক নং: ৫৬.০৪.৫০০০.০০১.৯৯.০০১.১৮-৮৯" in html
    # Both calendars, as seed 001 dates itself: ১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ = ২৮ সেপ্টেম্বর ২০২০ খ্রিষ্টাব্দ.
    assert "১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ" in html and "২৮ সেপ্টেম্বর ২০২০ খ্রিষ্টাব্দ" in html
    assert "বিষয়" in html and "মোঃ আসলাম হোসেন" in html
    assert "অনুলিপি (সদয় অবগতির জন্য)" in html and "অফিস কপি।" in html


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_letter_pdf_embeds_noto_sans_bengali(tmp_path):
    pdf = render_pdf("letters/letter.html", {"head": SEED_001, "lang": "bn"})
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    bengali = [line for line in fonts.splitlines() if "Noto-Sans-Bengali" in line.replace("NotoSans", "Noto-Sans")]
    assert bengali, fonts
    assert all(" yes " in line for line in bengali), fonts  # embedded (subset)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "১৪২৭" in text and "২০২০" in text
