"""``Officer.objects.current()`` and ``head()``: who is serving, and who heads the office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batayon.content.models import Officer, PublishState

pytestmark = pytest.mark.django_db


def officer(office, name, **kw) -> Officer:
    return Officer.objects.create(office=office, name_bn=name, designation_bn="পদ", **kw)


def test_current_means_published_and_not_left(kushtia_dc):
    today = timezone.localdate()
    serving = officer(kushtia_dc, "ক")
    leaving_later = officer(kushtia_dc, "খ", left_on=today + dt.timedelta(days=3))
    officer(kushtia_dc, "গ", left_on=today)  # leaving today: gone
    officer(kushtia_dc, "ঘ", left_on=today - dt.timedelta(days=30))
    draft = officer(kushtia_dc, "ঙ", state=PublishState.DRAFT)
    current = set(Officer.objects.of(kushtia_dc).current())
    assert current == {serving, leaving_later}
    assert draft in set(Officer.objects.of(kushtia_dc).current(published=False))


def test_head_is_the_first_current_officer_not_staff(kushtia_dc, union_office):
    assert Officer.objects.of(kushtia_dc).head() is None
    officer(kushtia_dc, "কর্মচারী", kind=Officer.Kind.STAFF, sort_order=1)
    officer(kushtia_dc, "সাবেক", sort_order=2, left_on=timezone.localdate())
    head = officer(kushtia_dc, "জেলা প্রশাসক", sort_order=5)
    officer(kushtia_dc, "অতিরিক্ত জেলা প্রশাসক", sort_order=6)
    officer(union_office, "চেয়ারম্যান", sort_order=0)
    assert Officer.objects.of(kushtia_dc).head() == head
