"""Implausible dates are typos of the year, refused with a Bangla error: a notice of 1990 or
of two years ahead, an officer joining in 1900 or in 2030 — in the form and in an import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from batayon.content.models import Notice, Officer

pytestmark = pytest.mark.django_db


def post_notice(client, office, day: str):
    return client.post(f"/workspace/{office.domain}/notices/new/",
                       {"title_bn": "সভার নোটিশ", "publish_date": day, "intent": "publish"})


def post_officer(client, office, joined: str):
    return client.post(f"/workspace/{office.domain}/officers/new/",
                       {"name_bn": "করিম", "designation_bn": "সচিব", "sort_order": "1", "joined_on": joined,
                        "intent": "publish"})


@pytest.mark.parametrize("day", ["1990-03-01", (timezone.localdate() + dt.timedelta(days=800)).isoformat()])
def test_a_notice_dated_too_early_or_too_far_ahead_is_refused(editor_client, union_office, day):
    r = post_notice(editor_client, union_office, day)
    assert r.status_code == 400
    html = r.content.decode()
    assert "প্রকাশের তারিখ" in html and "সালটি ঠিক লেখা হয়েছে কি না দেখুন।" in html
    assert not Notice.objects.filter(office=union_office).exists()


def test_a_notice_scheduled_within_a_year_is_fine(editor_client, union_office):
    r = post_notice(editor_client, union_office, (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    assert r.status_code == 302 and Notice.objects.filter(office=union_office).exists()


@pytest.mark.parametrize("joined", ["1900-01-01", "2030-07-01"])
def test_an_officer_joining_in_1900_or_years_ahead_is_refused(editor_client, union_office, joined):
    if timezone.localdate() + dt.timedelta(days=90) >= dt.date.fromisoformat(joined) >= timezone.localdate():
        pytest.skip("2030 is no longer far ahead")
    r = post_officer(editor_client, union_office, joined)
    assert r.status_code == 400
    html = r.content.decode()
    assert "যোগদানের তারিখ" in html and "সালটি ঠিক লেখা হয়েছে কি না দেখুন।" in html
    assert "১৯৭২" in html or "২০" in html  # the bound is said in Bangla digits
    assert not Officer.objects.filter(office=union_office).exists()


def test_an_import_row_joining_in_1900_is_refused(editor_client, union_office):
    data = "নাম (বাংলা),পদবি (বাংলা),যোগদানের তারিখ\nকরিম,সচিব,1900-01-01\nরহিম,সদস্য,2024-07-01\n".encode()
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/import/",
                           {"file": SimpleUploadedFile("list.csv", data)})
    html = r.content.decode()
    assert "যোগদানের তারিখ ১ জানুয়ারি ১৯৭২-এর আগে হতে পারে না" in html
    assert "কিছুই সংরক্ষণ হয়নি" in html
