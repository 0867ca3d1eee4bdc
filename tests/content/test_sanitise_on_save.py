"""Rich text is sanitised on every save, whatever path the data came by."""

from __future__ import annotations

import pytest

from batayon.content.models import Notice, Page

pytestmark = pytest.mark.django_db

DIRTY = '<p onclick="steal()">নোটিশ<script>alert(1)</script><a href="javascript:steal()">লিংক</a></p>'


@pytest.mark.parametrize("model", [Notice, Page])
def test_scripts_and_handlers_never_reach_the_database(kushtia_dc, model):
    extra = {"slug": "about"} if model is Page else {}
    obj = model.objects.create(office=kushtia_dc, title_bn="ক", title="ক", body_bn=DIRTY, body_en=DIRTY, **extra)
    obj.refresh_from_db()
    for html in (obj.body_bn, obj.body_en):
        assert "নোটিশ" in html and "লিংক" in html
        assert "<script" not in html and "onclick" not in html and "javascript:" not in html
