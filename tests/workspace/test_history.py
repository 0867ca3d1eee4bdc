"""Every change is kept: revisions and audit entries in the same transaction, diffs, restore."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from batayon.content.models import Notice, Officer
from batayon.history import services
from batayon.history.models import AuditEntry, Revision

pytestmark = pytest.mark.django_db


def test_each_save_writes_a_revision_with_all_fields_and_an_audit_diff(editor, union_office):
    n = Notice(office=union_office, title_bn="প্রথম", title="প্রথম")
    services.save_content(n, editor, None)
    n.title_bn = "দ্বিতীয়"
    services.save_content(n, editor, None)
    revs = list(Revision.objects.filter(object_id=n.pk).order_by("version"))
    assert [r.version for r in revs] == [1, 2]
    assert revs[0].data["title_bn"] == "প্রথম" and revs[1].data["title_bn"] == "দ্বিতীয়"
    assert {"office_id", "state", "publish_date", "attachment"} <= set(revs[1].data)
    update = AuditEntry.objects.get(object_id=n.pk, action="update")
    assert update.changes["title_bn"] == ["প্রথম", "দ্বিতীয়"]


def test_a_failure_after_the_content_write_rolls_back_content_and_revision(editor, union_office, monkeypatch):
    n = Notice(office=union_office, title_bn="আগের", title="আগের")
    services.save_content(n, editor, None)

    def broken_audit(*args, **kwargs):
        raise IntegrityError("audit log unavailable")

    monkeypatch.setattr(services, "record", broken_audit)
    n.title_bn = "পরের"
    with pytest.raises(IntegrityError):
        services.save_content(n, editor, None)
    fresh = Notice.objects.get(pk=n.pk)
    assert fresh.title_bn == "আগের" and fresh.version == 1
    assert Revision.objects.filter(object_id=n.pk).count() == 1


def test_history_page_shows_a_field_diff_with_bangla_labels_and_restores(editor_client, editor, union_office):
    o = Officer(office=union_office, name_bn="ক নাম", name="ক নাম", designation_bn="সচিব", designation="সচিব")
    services.save_content(o, editor, None)
    o.name_bn, o.mobile = "খ নাম", "+8801711618368"
    services.save_content(o, editor, None)
    url = f"/workspace/{union_office.domain}/officers/{o.pk}/history/"
    html = editor_client.get(url).content.decode()
    assert "নাম (বাংলা)" in html and "দাপ্তরিক মোবাইল" in html
    assert "ক নাম" in html and "খ নাম" in html
    first = Revision.objects.get(object_id=o.pk, version=1)
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/{o.pk}/restore/{first.pk}/",
                           {"_version": o.version})
    assert r.status_code == 302
    o.refresh_from_db()
    assert o.name_bn == "ক নাম" and o.mobile == "" and o.version == 3
    assert Revision.objects.filter(object_id=o.pk).count() == 3
    assert AuditEntry.objects.get(object_id=o.pk, action="restore").changes["_note"] == {"restored_version": 1}


def test_office_log_lists_who_did_what(editor_client, editor, union_office):
    services.save_content(Notice(office=union_office, title_bn="লগের নোটিশ", title="লগের নোটিশ"), editor, None)
    html = editor_client.get(f"/workspace/{union_office.domain}/log/").content.decode()
    assert "লগের নোটিশ" in html and "hatash-editor" in html and "তৈরি" in html


def test_failed_sign_in_is_audited(client, db):
    client.post("/accounts/login/", {"username": "nobody", "password": "wrong-password"})
    assert AuditEntry.objects.filter(action="login_failure", username="nobody").exists()
