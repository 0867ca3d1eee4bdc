"""Sections are found by link text (Bangla, English) or address, with the exact strings as evidence."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from batayon.audit import extract

pytestmark = pytest.mark.django_db


def test_evidence_keeps_the_exact_link_text_and_url(audit_one):
    run = audit_one()
    notices = run.observations.get(source="notices")
    first = notices.evidence[0]
    assert first["text"] == "নোটিশ বোর্ড"
    assert first["by"] == "text"
    assert first["url"].endswith("/bn/site/page/notices")
    dates = [e for e in notices.evidence if e["by"] == "date"]
    assert dates and any(ch in dates[0]["text"] for ch in "০১২৩৪৫৬৭৮৯")  # as written, Bangla digits
    assert run.home_sections == 14


def test_sections_by_english_text_and_by_address():
    tree = LexborHTMLParser(
        '<nav><a href="/en/about/citizen-charter">Citizen Charter</a>'
        '<a href="/pages/officer_list">&nbsp;</a><a href="https://other.gov.bd/notices">Notices</a></nav>'
    )
    found = extract.find_sections(extract.links(tree, "http://x.gov.bd/"), "x.gov.bd")
    assert found["charter"].by == "text" and found["charter"].match == "citizen charter"
    assert found["officers"].by == "href" and found["officers"].url == "http://x.gov.bd/pages/officer_list"
    assert "notices" not in found  # another site's page is not this portal's section
