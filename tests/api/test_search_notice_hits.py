"""A notice hit says when it was published, and "… নোটিশ" lists the newest first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from batayon.api.index import reindex
from batayon.api.search import search
from batayon.content.models import Notice
from batayon.offices.models import Office

pytestmark = pytest.mark.django_db


def test_notice_query_lists_newest_first_with_dates(directory):
    office = directory.kumarkhali_uno_office
    today = timezone.localdate()
    old = Notice.objects.create(office=office, title_bn="জন্ম নিবন্ধন ক্যাম্প", title_en="Birth registration camp",
                                publish_date=today - dt.timedelta(days=200))
    newest = Notice.objects.create(office=office, title_bn="জন্ম নিবন্ধন সংশোধন", title_en="Corrections",
                                   publish_date=today)
    reindex(Office.objects.filter(pk=office.pk))
    _, hits = search("কুমারখালী জন্ম নিবন্ধন নোটিশ")
    notices = [h for h in hits if h.kind == "notice"]
    assert [h.object_id for h in notices] == [newest.pk, directory.notice.pk, old.pk]
    assert hits[0].kind == "notice"
    assert notices[0].data["publish_date"] == today.isoformat()
    body = Client().get("/api/v1/search", {"q": "কুমারখালী জন্ম নিবন্ধন নোটিশ"}).json()
    assert body["results"][0]["date"] == today.isoformat()


def test_notices_are_found_even_when_names_fill_the_candidates(directory, monkeypatch):
    # In a whole district "কুমারখালী" is in hundreds of names; the database's rank fills the
    # candidates with them and the notices (named otherwise) were left out.
    from batayon.api import search as engine

    monkeypatch.setattr(engine, "CANDIDATES", 3)
    _, hits = search("কুমারখালী নোটিশ")
    assert hits[0].kind == "notice" and hits[0].object_id == directory.notice.pk
