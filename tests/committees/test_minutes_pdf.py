"""The minutes of seeds 002 and 004 render in the government form, in Bangla, fonts embedded."""

from __future__ import annotations

import pytest

from batayon.committees.minutes import minutes_html, minutes_pdf, time_bn

from .conftest import needs_poppler, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


def test_seed_002_minutes_html_has_every_part(seeds):
    html = minutes_html(seeds["002"])
    for text in [
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার", "জেলা কার্যালয়, ঝিনাইদহ।", "http://doict.jhenaidah.gov.bd",
        "জেলা ওয়েব পোর্টাল হালনাগাদ সংক্রান্ত কমিটির সভার নভেম্বর ২০২৩ মাসে অনুষ্ঠিত সভার কার্যবিবরণী",
        # the meeting table, put right (the seed's rows are shifted by one)
        "<th>সভাপতি</th><td>মোঃ খালিদ হাসান, অতিরিক্ত জেলা প্রশাসক(শিক্ষা ও আইসিটি), ঝিনাইদহ।</td>",
        "<th>সভার তারিখ</th><td>১৯.১১.২০২৩ খ্রি.</td>", "<th>সভার সময়</th><td>দুপুর ১২:০০ ঘটিকা</td>",
        "জেলা প্রশাসক, ঝিনাইদহ মহোদয়ের সম্মেলন কক্ষ", "পরিশিষ্ট “ক” দ্রষ্টব্য",
        # the decisions table with its four columns
        "<th>ক্রমিক</th><th>আলোচনা</th><th>সিদ্ধান্ত</th><th>বাস্তবায়নকারী</th>",
        "জেলা প্রশাসন ঝিনাইদহের ওয়েব পোর্টাল হালনাগাদকরণ:", "সহকারী কমিশনার, শিক্ষা",
        # signature, memo number, both calendars, distribution
        "adceduictjhenaidah@mopa.gov.bd", "স্মারক নং: ৫৬.০৪.৪৪০০.০০০.৩৪.০০২.১৯.৬৯",
        "২১ অগ্রহায়ণ ১৪৩০ বঙ্গাব্দ", "৬ ডিসেম্বর ২০২৩ খ্রিষ্টাব্দ",
        "বিতরণ</strong> (জ্যেষ্ঠতার ক্রমানুসারে নয়)", "উপজেলা নির্বাহী অফিসার(সকল), ঝিনাইদহ;", "অফিস কপি।",
        "মোঃ তাহনিয়াতুল ইসলাম",
    ]:
        assert text in html, text
    # the memo number and dates follow the signature, as on the seed
    assert html.index("adceduictjhenaidah") < html.index("স্মারক নং") < html.index("বিতরণ")
    assert html.count("<td class=\"num\">") >= 5


def test_seed_004_minutes_have_no_discussion_column_and_their_own_letterhead(seeds):
    html = minutes_html(seeds["004"])
    assert "ডাক, টেলিযোগাযোগ ও তথ্যপ্রযুক্তি মন্ত্রণালয়" in html
    assert "<th>ক্রমিক</th><th>সিদ্ধান্ত</th><th>বাস্তবায়নকারী</th>" in html
    assert "<th>আলোচনা</th>" not in html
    assert "২ চৈত্র ১৪২৭ বঙ্গাব্দ" in html and "১৬ মার্চ ২০২১ খ্রিষ্টাব্দ" in html
    assert "প্রত্যেক দপ্তরের যে কোন একটি শাখা পেপারলেস করতে হবে।" in html
    assert "জেলা আইসিটি বিষয়ক কমিটির সদস্যবৃন্দ(সকল), কক্সবাজার" in html


def test_meeting_time_reads_as_the_minutes_write_it():
    import datetime as dt

    assert time_bn(dt.time(12, 0)) == "দুপুর ১২:০০ ঘটিকা"
    assert time_bn(dt.time(10, 30)) == "সকাল ১০:৩০ ঘটিকা"
    assert time_bn(dt.time(15, 0)) == "বিকাল ০৩:০০ ঘটিকা"


@needs_poppler
@pytest.mark.parametrize("seed", ["002", "004"])
def test_minutes_pdf_embeds_noto_sans_bengali_and_reads_back(seeds, seed, tmp_path):
    pdf = minutes_pdf(seeds[seed])
    assert pdf.startswith(b"%PDF")
    fonts = pdf_fonts(pdf, tmp_path)
    bengali = [line for line in fonts.splitlines() if "Bengali" in line]
    assert bengali and all(" yes yes " in line for line in bengali), fonts
    text = pdf_text(pdf, tmp_path)
    # Text that extracts cleanly whatever the shaping: digits, Latin, whole words without vowel signs.
    if seed == "002":
        assert "৫৬.০৪.৪৪০০.০০০.৩৪.০০২.১৯.৬৯" in text and "১৯.১১.২০২৩" in text
        assert "adceduictjhenaidah@mopa.gov.bd" in text and "doict.jhenaidah.gov.bd" in text
        assert "১৪৩০" in text and "২০২৩" in text
    else:
        assert "৫৬.০৪.২২০০.০০০.০৬.০০১.২০.৬৪" in text and "১৫.০২.২০২১" in text
        assert "১৪২৭" in text and "২০২১" in text
