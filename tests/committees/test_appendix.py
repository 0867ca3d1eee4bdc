"""Appendix ক lists the attendance of the meeting, by present, absent and invited."""

from __future__ import annotations

import pytest

from batayon.committees.minutes import minutes_html, minutes_pdf
from batayon.committees.models import Attendance

from .conftest import needs_poppler, pdf_text

pytestmark = pytest.mark.django_db


def test_appendix_groups_the_attendance(seeds):
    meeting = seeds["004"]
    Attendance.objects.create(meeting=meeting, kind="absent", name="জনাব ক", designation="সিভিল সার্জন, কক্সবাজার")
    Attendance.objects.create(meeting=meeting, kind="invited", name="", designation="উদ্যোক্তা, ইউডিসি")
    html = minutes_html(meeting)
    appendix = html[html.index('class="appendix'):]
    assert "পরিশিষ্ট “ক”" in appendix and "সভায় উপস্থিতি — ১৫.০২.২০২১ খ্রি." in appendix
    present, absent, invited = (appendix.index(f"<h3>{label}</h3>") for label in ("উপস্থিত", "অনুপস্থিত", "আমন্ত্রিত"))
    assert present < absent < invited
    assert appendix.index("মোঃ আমিন আল পারভেজ") < absent < appendix.index("সিভিল সার্জন, কক্সবাজার") < invited
    assert appendix.index("উদ্যোক্তা, ইউডিসি") > invited


@needs_poppler
def test_appendix_is_a_page_of_its_own(seeds, tmp_path):
    pdf = minutes_pdf(seeds["004"])
    pages = pdf_text(pdf, tmp_path).split("\f")
    last = [p for p in pages if p.strip()][-1]
    assert "১৫.০২.২০২১" in last  # the appendix's own heading carries the meeting date
