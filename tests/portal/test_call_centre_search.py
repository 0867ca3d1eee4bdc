"""The 333 agent's search page: keyboard-first, no JavaScript needed, filters by district,
upazila and union. Open to everyone (public data, like /api/v1/search)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import resolve

from batayon.offices.models import Office
from tests.api.conftest import build_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    return build_directory()


def test_the_page_opens_with_the_box_focused_and_searches_with_a_plain_form(directory):
    client = Client()
    empty = client.get("/bn/call-centre/")
    assert empty.status_code == 200
    html = empty.content.decode()
    assert re.search(r'<input id="q"[^>]* autofocus', html)
    assert re.search(r'<form[^>]*method="get"[^>]*action="/bn/call-centre/"', html)
    assert resolve("/bn/call-centre/").func.permission_action == "public"
    found = client.get("/bn/call-centre/", {"q": "ইউএনও কুমারখালী কি নম্বর"}).content.decode()
    # Results are links in order: the first is the UNO, reachable by Tab right after the form.
    links = re.findall(r'<h2><a href="([^"]+)">([^<]+)</a></h2>', found)
    assert links[0][1] == "মোহাম্মদ আবদুল কাদের"
    assert "০১৭১১-১০০০০২" in found


def test_filters_narrow_by_district_upazila_and_union(directory):
    client = Client()
    kushtia = directory.dc_office.district
    jhenaidah = directory.jhenaidah_uno.office.district
    only_jhenaidah = client.get("/bn/call-centre/", {"q": "ইউএনও", "district": jhenaidah.code}).content.decode()
    assert "কামরুল হাসান" in only_jhenaidah and "মোহাম্মদ আবদুল কাদের" not in only_jhenaidah
    # Once a district is chosen its upazilas can be chosen (no script: the page lists them).
    upazila = directory.kumarkhali_uno_office.upazila
    with_district = client.get("/bn/call-centre/", {"q": "ইউএনও", "district": kushtia.code}).content.decode()
    assert f'<option value="{upazila.code}">' in with_district
    in_upazila = client.get("/bn/call-centre/", {"q": "ইউএনও", "district": kushtia.code,
                                                 "upazila": upazila.code}).content.decode()
    assert "মোহাম্মদ আবদুল কাদের" in in_upazila and "নুসরাত জাহান" not in in_upazila
    union_office = directory.birth_services[0].office
    in_union = client.get("/bn/call-centre/", {"q": "জন্ম নিবন্ধন", "district": kushtia.code, "upazila": upazila.code,
                                               "union": union_office.area.code}).content.decode()
    urls = re.findall(r'<h2><a href="([^"]+)">', in_union)
    assert urls and all(union_office.domain in u for u in urls)
    assert Office.objects.filter(area=union_office.area).exists()


def test_in_english_too(directory):
    html = Client().get("/en/call-centre/", {"q": "kumarkhali uno"}).content.decode()
    assert '<html lang="en">' in html and "Mohammad Abdul Kader" in html and "01711-100002" in html
