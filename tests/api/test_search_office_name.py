"""A place's name alone means its head office: "কুষ্টিয়া" is the Deputy Commissioner's office,
however it is spelled; "কুমারখালী" the UNO's office."""

from __future__ import annotations

import pytest

from batayon.api.search import search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["কুষ্টিয়া", "কুস্টিয়া", "kushtia", "Kushtia"])
def test_district_name_gives_the_dc_office_first(directory, q):
    _, hits = search(q)
    assert hits[0].kind == "office" and hits[0].data["office"]["domain"] == "kushtia.gov.bd", q


def test_upazila_name_gives_the_uno_office_first(directory):
    _, hits = search("কুমারখালী")
    assert hits[0].kind == "office" and hits[0].office_id == directory.kumarkhali_uno_office.pk
