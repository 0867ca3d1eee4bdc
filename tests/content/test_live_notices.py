"""``Notice.objects.live()``: on the board today — published, its day has come, not archived."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batayon.content.models import Notice, PublishState

pytestmark = pytest.mark.django_db


def notice(office, title, **kw) -> Notice:
    return Notice.objects.create(office=office, title_bn=title, title=title, **kw)


def test_live_notices(kushtia_dc):
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    live = notice(kushtia_dc, "চলতি")
    archived_today = notice(kushtia_dc, "আজ আর্কাইভ", publish_date=today - 9 * day, archive_date=today)
    archived = notice(kushtia_dc, "আর্কাইভ", publish_date=today - 9 * day, archive_date=today - day)
    notice(kushtia_dc, "আগামীকালের", publish_date=today + day)
    notice(kushtia_dc, "খসড়া", state=PublishState.DRAFT)
    assert set(Notice.objects.of(kushtia_dc).live()) == {live, archived_today}
    # The archive is still reachable where asked for (the API's include_archived).
    assert set(Notice.objects.of(kushtia_dc).live(archived=True)) == {live, archived_today, archived}
