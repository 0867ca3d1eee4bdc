"""Every save bumps ``version`` (a stale form is refused by it); ``touch=False`` leaves it."""

from __future__ import annotations

import pytest

from batayon.content.models import Officer

pytestmark = pytest.mark.django_db


def test_each_save_bumps_the_version(kushtia_dc):
    o = Officer.objects.create(office=kushtia_dc, name_bn="ক", designation_bn="খ")
    assert o.version == 1
    o.designation_bn = "গ"
    o.save()
    o.save()
    o.refresh_from_db()
    assert o.version == 3
    o.save(touch=False)
    o.refresh_from_db()
    assert o.version == 3
