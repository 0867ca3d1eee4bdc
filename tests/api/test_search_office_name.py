"""A place's name alone means its head office: "কুষ্টিয়া" is the Deputy Commissioner's office,
however it is spelled; "কুমারখালী" the UNO's office."""

from __future__ import annotations

import pytest

from batayon.api.index import reindex
from batayon.api.search import search
from batayon.offices.models import Office

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["কুষ্টিয়া", "কুস্টিয়া", "kushtia", "Kushtia"])
def test_district_name_gives_the_dc_office_first(directory, q):
    _, hits = search(q)
    assert hits[0].kind == "office" and hits[0].data["office"]["domain"] == "kushtia.gov.bd", q


def test_upazila_name_gives_the_uno_office_first(directory):
    _, hits = search("কুমারখালী")
    assert hits[0].kind == "office" and hits[0].office_id == directory.kumarkhali_uno_office.pk


def test_the_district_comes_before_a_union_of_the_same_name(directory):
    # Bangladesh has a "কুষ্টিয়া ইউনিয়ন পরিষদ" too (the registry has it): the district's
    # head office still comes first, the union right after.
    reindex(Office.objects.filter(domain="kushtiaup.mymensingh.gov.bd"))
    _, hits = search("কুষ্টিয়া")
    offices = [h.data["title"]["bn"] for h in hits if h.kind == "office"][:2]
    assert offices == ["জেলা প্রশাসকের কার্যালয়, কুষ্টিয়া", "কুষ্টিয়া ইউনিয়ন পরিষদ"]
