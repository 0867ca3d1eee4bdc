"""``Office.content_updated_at`` (the site's "last updated") moves only for published content."""

from __future__ import annotations

import pytest

from batayon.content.models import Notice, PublishState
from batayon.offices.models import Office

pytestmark = pytest.mark.django_db


def stamp(office):
    return Office.objects.get(pk=office.pk).content_updated_at


def test_published_content_moves_the_stamp_drafts_do_not(kushtia_dc):
    before = stamp(kushtia_dc)
    draft = Notice.objects.create(office=kushtia_dc, title_bn="খসড়া", title="খসড়া", state=PublishState.DRAFT)
    assert stamp(kushtia_dc) == before
    draft.state = PublishState.PUBLISHED
    draft.save()
    assert stamp(kushtia_dc) == draft.updated_at
    published_at = draft.updated_at
    draft.save(touch=False)  # bookkeeping saves do not count as an update
    assert stamp(kushtia_dc) == published_at
