"""Every edit the national administrator makes in /admin/ is in the change history — an
office's content and registry entry under that office, a national holiday nationally —
as the workspace's edits are: who, what changed, from where."""

from __future__ import annotations

import datetime as dt

import pytest

from batayon.content.models import Notice
from batayon.history.models import AuditEntry
from batayon.oversight.models import Holiday
from tests.committees.admin_forms import admin_client, form_data  # noqa: F401

pytestmark = pytest.mark.django_db


def entries(obj):
    return AuditEntry.objects.filter(content_type__model=obj._meta.model_name, object_id=obj.pk)


def test_a_notice_edited_in_the_admin_is_in_its_offices_log(kushtia_dc, admin_client):  # noqa: F811
    notice = Notice.objects.create(office=kushtia_dc, title_bn="পুরনো শিরোনাম", publish_date=dt.date(2026, 11, 1))
    url = f"/admin/content/notice/{notice.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "notice_form")
    data["title_bn"] = "নতুন শিরোনাম"
    response = admin_client.post(url, data, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302, response.content.decode()[:1500]
    entry = entries(notice).get()
    assert entry.action == AuditEntry.Action.UPDATE and entry.username == "national" and entry.ip == "10.9.8.7"
    assert entry.office == kushtia_dc
    assert entry.changes["title_bn"] == ["পুরনো শিরোনাম", "নতুন শিরোনাম"] and entry.changes["_via"] == "admin"


def test_saving_unchanged_records_nothing_and_a_delete_keeps_what_was_deleted(kushtia_dc, admin_client):  # noqa: F811
    notice = Notice.objects.create(office=kushtia_dc, title_bn="একটি নোটিশ", publish_date=dt.date(2026, 11, 1))
    url = f"/admin/content/notice/{notice.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "notice_form")
    assert admin_client.post(url, data).status_code == 302
    assert not entries(notice).exists()
    pk = notice.pk
    response = admin_client.post(f"/admin/content/notice/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Notice.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(content_type__model="notice", object_id=pk)
    assert entry.action == AuditEntry.Action.DELETE and entry.changes["_deleted"]["title_bn"] == "একটি নোটিশ"


def test_an_offices_registry_entry_edited_in_the_admin_is_in_its_own_log(kushtia_dc, admin_client):  # noqa: F811
    url = f"/admin/offices/office/{kushtia_dc.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "office_form")
    data["phone"] = "+880712345678"
    assert admin_client.post(url, data).status_code == 302
    entry = entries(kushtia_dc).get()
    assert entry.office == kushtia_dc and entry.changes["phone"][1] == "+880712345678"


def test_a_holiday_added_in_the_admin_is_recorded_nationally(admin_client):  # noqa: F811
    response = admin_client.post(
        "/admin/oversight/holiday/add/", {"date": "2026-03-21", "name_bn": "ঈদুল ফিতর", "name_en": "Eid ul-Fitr"}
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    holiday = Holiday.objects.get(date=dt.date(2026, 3, 21))
    entry = entries(holiday).get()
    assert entry.action == AuditEntry.Action.CREATE and entry.office is None
