"""A citizen searches from any portal or from the national root, and reads the results in
the portal's look and in their own language."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.conftest import build_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    return build_directory()


def test_every_portal_and_the_national_root_have_a_search_box(directory):
    client = Client()
    domain = directory.kumarkhali_uno_office.domain
    page = client.get(f"/o/{domain}/bn/officers/").content.decode()
    assert f'action="/o/{domain}/bn/search/"' in page and 'name="q"' in page
    root = client.get("/").content.decode()
    assert 'action="/bn/search/"' in root
    assert 'action="/en/search/"' in client.get("/en/").content.decode()


def test_national_results_in_bangla_and_english(directory):
    client = Client()
    bn = client.get("/bn/search/", {"q": "কুমারখালী ইউএনও"})
    assert bn.status_code == 200
    html = bn.content.decode()
    assert '<html lang="bn">' in html and "মোহাম্মদ আবদুল কাদের" in html
    assert "০১৭১১-১০০০০২" in html  # the phone in Bangla digits
    en = client.get("/en/search/", {"q": "kumarkhali uno"}).content.decode()
    assert '<html lang="en">' in en and "Mohammad Abdul Kader" in en and "01711-100002" in en


def test_service_results_show_what_to_bring_and_link_to_the_service(directory):
    service = directory.birth_services[0]
    html = Client().get("/bn/search/", {"q": "জন্ম নিবন্ধন কি কি লাগে"}).content.decode()
    assert "প্রয়োজনীয় কাগজপত্র" in html and "টিকার কার্ড, পিতা-মাতার এনআইডি" in html
    assert f'/services/#service-{service.pk}"' in html


def test_an_office_portal_searches_itself_first(directory):
    client = Client()
    domain = directory.kumarkhali_uno_office.domain
    own = client.get(f"/o/{domain}/bn/search/", {"q": "ইউএনও"}).content.decode()
    assert "মোহাম্মদ আবদুল কাদের" in own and "কামরুল হাসান" not in own  # not Jhenaidah's UNO
    everywhere = client.get(f"/o/{domain}/bn/search/", {"q": "ইউএনও", "scope": "all"}).content.decode()
    assert "কামরুল হাসান" in everywhere


def test_nothing_found_says_so_in_bangla(directory):
    html = Client().get("/bn/search/", {"q": "ঝঝঝঝঝঝ"}).content.decode()
    assert "কিছু পাওয়া যায়নি" in html
