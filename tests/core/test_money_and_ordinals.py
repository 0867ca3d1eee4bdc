"""Money in Bangla grouping (৭,৩৬,১৭৯), ordinals (১ম প্রান্তিক) and file sizes (issue 13)."""

from decimal import Decimal

import pytest
from django.utils import translation

from batayon.core.templatetags.bn import filesize, group_lakh, ordinal, taka


@pytest.mark.parametrize(
    ("digits", "grouped"),
    [("0", "0"), ("999", "999"), ("1000", "1,000"), ("736179", "7,36,179"), ("12345678", "1,23,45,678")],
)
def test_lakh_grouping(digits, grouped):
    assert group_lakh(digits) == grouped


def test_taka_in_both_languages():
    with translation.override("bn"):
        assert taka(Decimal("736179.40")) == "৭,৩৬,১৭৯"
        assert taka(38000000) == "৩,৮০,০০,০০০"
    with translation.override("en"):
        assert taka(Decimal("736179.40")) == "736,179"
    assert taka(None) == ""


def test_ordinals():
    with translation.override("bn"):
        assert [ordinal(q) for q in (1, 2, 3, 4)] == ["১ম", "২য়", "৩য়", "৪র্থ"]
    with translation.override("en"):
        assert [ordinal(q) for q in (1, 2, 3, 4, 11, 22)] == ["1st", "2nd", "3rd", "4th", "11th", "22nd"]


def test_filesize():
    with translation.override("bn"):
        assert filesize(350 * 1024) == "৩৫০ কিলোবাইট"
        assert filesize(int(2.4 * 1024 * 1024)) == "২.৪ মেগাবাইট"
    with translation.override("en"):
        assert filesize(2048) == "2 KB"
    assert filesize(None) == ""


def test_project_budget_is_grouped_on_the_portal(client, kushtia_dc):
    from batayon.content.models import Project

    Project.objects.create(
        office=kushtia_dc,
        title="সড়ক",
        title_bn="সড়ক",
        title_en="Road",
        budget_taka=Decimal("736179.00"),
        status="ongoing",
    )
    html = client.get("/o/kushtia.gov.bd/bn/projects/").content.decode()
    assert "৭,৩৬,১৭৯ টাকা" in html


def test_document_quarter_is_an_ordinal(client, kushtia_dc):
    from batayon.content.models import Document

    Document.objects.create(
        office=kushtia_dc,
        category="apa_report",
        fiscal_year="2025-26",
        quarter=1,
        title="প্রতিবেদন",
        title_bn="প্রতিবেদন",
        title_en="Report",
        link="https://example.gov.bd/a.pdf",
    )
    body = client.get("/o/kushtia.gov.bd/bn/apa/").content.decode()
    assert "১ম প্রান্তিক" in body
    assert "1st quarter" in client.get("/o/kushtia.gov.bd/en/apa/").content.decode()
