"""Editing an office's content in the workspace: bilingual forms, publish states, concurrency."""

from __future__ import annotations

import pytest

from batayon.content.models import CharterGrievanceStep, DesignatedOfficer, Notice, Officer, Service
from batayon.history.models import AuditEntry, Revision

from .helpers import make_user, signed_in

pytestmark = pytest.mark.django_db


def officer_post(**extra):
    data = {
        "name_bn": "মোছাঃ রহিমা খাতুন", "name_en": "Mst. Rahima Khatun",
        "designation_bn": "ইউনিয়ন পরিষদ সচিব", "designation_en": "Union Parishad Secretary",
        "mobile": "০১৭১১৬১৮৩৬৮", "email": "secretary@example.gov.bd", "sort_order": "১", "intent": "publish",
    }
    data.update(extra)
    return data


def test_form_shows_bangla_and_english_side_by_side(editor_client, union_office):
    r = editor_client.get(f"/workspace/{union_office.domain}/officers/new/")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'class="pair"' in html
    assert "নাম (বাংলা)" in html and "নাম (English)" in html
    assert 'name="name_bn"' in html and 'name="name_en"' in html


def test_add_officer_in_both_languages_with_bangla_digits(editor_client, editor, union_office):
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/new/", officer_post())
    assert r.status_code == 302, r.content.decode()[:2000]
    officer = Officer.objects.get(office=union_office, name_bn="মোছাঃ রহিমা খাতুন")
    assert officer.name_en == "Mst. Rahima Khatun"
    assert officer.mobile == "+8801711618368"
    assert officer.kind == "officer" and officer.state == "published"
    assert officer.updated_by == editor
    assert Revision.objects.filter(object_id=officer.pk, version=officer.version).exists()
    entry = AuditEntry.objects.get(object_id=officer.pk, action="create")
    assert entry.username == "hatash-editor" and entry.ip == "127.0.0.1"


def test_bad_phone_is_a_bangla_form_error(editor_client, union_office):
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/new/", officer_post(mobile="017116183"))
    assert r.status_code == 400
    assert "মোবাইল নম্বরে" in r.content.decode()
    assert not Officer.objects.filter(office=union_office).exists()


def test_stale_form_is_refused_and_the_users_text_is_kept(editor, union_office):
    officer = Officer.objects.create(office=union_office, name_bn="পুরোনো নাম", designation_bn="সচিব", name="পুরোনো নাম",
                                     designation="সচিব")
    opened = officer.version
    other = make_user("other-editor", "editor", union_office)
    first, second = signed_in(editor, verified=False), signed_in(other, verified=False)
    url = f"/workspace/{union_office.domain}/officers/{officer.pk}/"
    ok = first.post(url, officer_post(name_bn="প্রথম জনের নাম", _version=opened))
    assert ok.status_code == 302
    r = second.post(url, officer_post(name_bn="দ্বিতীয় জনের লেখা", _version=opened))
    assert r.status_code == 409
    html = r.content.decode()
    assert "অন্য কেউ এই তথ্য পরিবর্তন করে সংরক্ষণ করেছেন" in html
    assert "দ্বিতীয় জনের লেখা" in html  # nothing the user typed is lost
    assert "প্রথম জনের নাম" in html  # and they see what the other person changed
    officer.refresh_from_db()
    assert officer.name_bn == "প্রথম জনের নাম"
    # Having read the warning, saving again (the form now carries the new version) wins.
    current = officer.version
    assert f'name="_version" value="{current}"' in html
    again = second.post(url, officer_post(name_bn="দ্বিতীয় জনের লেখা", _version=current))
    assert again.status_code == 302
    officer.refresh_from_db()
    assert officer.name_bn == "দ্বিতীয় জনের লেখা"


def test_two_step_publishing(editor, head, union_office):
    union_office.requires_approval = True
    union_office.save()
    r = signed_in(editor, verified=False).post(
        f"/workspace/{union_office.domain}/notices/new/",
        {"title_bn": "সভার নোটিশ", "publish_date": "2025-01-05", "intent": "publish"},
    )
    assert r.status_code == 302
    notice = Notice.objects.get(office=union_office)
    assert notice.state == "pending"
    # The editor cannot approve; the head can.
    approve = f"/workspace/{union_office.domain}/notices/{notice.pk}/approve/"
    assert signed_in(editor, verified=False).post(approve).status_code == 403
    head_client = signed_in(head, verified=False)
    page = head_client.get(f"/workspace/{union_office.domain}/")
    assert "অনুমোদনের অপেক্ষায়" in page.content.decode()
    assert head_client.post(approve).status_code == 302
    notice.refresh_from_db()
    assert notice.state == "published"
    assert AuditEntry.objects.filter(object_id=notice.pk, action="approve", username="hatash-head").exists()


def test_draft_is_not_published(editor_client, union_office):
    editor_client.post(f"/workspace/{union_office.domain}/notices/new/",
                       {"title_bn": "খসড়া নোটিশ", "publish_date": "2025-01-05", "intent": "draft"})
    assert Notice.objects.get(office=union_office).state == "draft"


def test_rti_officer_is_chosen_from_the_offices_officer_list(editor_client, union_office, kushtia_dc):
    own = Officer.objects.create(office=union_office, name_bn="সচিব", designation_bn="সচিব", name="সচিব", designation="সচিব")
    foreign = Officer.objects.create(office=kushtia_dc, name_bn="অন্য দপ্তর", designation_bn="ক", name="অন্য দপ্তর",
                                     designation="ক")
    url = f"/workspace/{union_office.domain}/rti/new/"
    page = editor_client.get(url + "?role=primary").content.decode()
    assert f'value="{own.pk}"' in page and f'value="{foreign.pk}"' not in page
    bad = editor_client.post(url, {"role": "primary", "officer": foreign.pk, "intent": "publish"})
    assert bad.status_code == 400
    good = editor_client.post(url, {"role": "primary", "officer": own.pk, "intent": "publish"})
    assert good.status_code == 302
    d = DesignatedOfficer.objects.get(office=union_office, scheme="rti")
    assert d.officer == own and d.role == "primary"
    listing = editor_client.get(f"/workspace/{union_office.domain}/rti/").content.decode()
    assert "তথ্য প্রদানকারী কর্মকর্তা" in listing and "সচিব" in listing


def test_service_with_eservice_roadmap_fields(editor_client, union_office):
    r = editor_client.post(f"/workspace/{union_office.domain}/services/new/", {
        "audience": "citizen", "sort_order": "1", "name_bn": "জন্ম নিবন্ধন", "name_en": "Birth registration",
        "time_limit_bn": "৭ কর্মদিবস", "delivery_mode": "partly_online", "eservice_status": "planned",
        "eservice_priority": "১", "eservice_target_date": "2026-06-30", "intent": "publish",
    })
    assert r.status_code == 302, r.content.decode()[:3000]
    s = Service.objects.get(office=union_office)
    assert (s.eservice_status, s.eservice_priority, str(s.eservice_target_date)) == ("planned", 1, "2026-06-30")


def test_charter_rows_are_edited_row_by_row(editor_client, union_office):
    base = f"/workspace/{union_office.domain}/"
    r = editor_client.post(base + "charter-steps/new/", {
        "_prefix": "snew", "snew-step": "১", "snew-when_bn": "দায়িত্বপ্রাপ্ত কর্মকর্তা সমাধান দিতে না পারলে",
        "snew-contact_bn": "অনিক", "snew-time_limit_bn": "৩০ কার্যদিবস", "intent": "publish",
    })
    assert r.status_code == 302, r.content.decode()[:3000]
    step = CharterGrievanceStep.objects.get(office=union_office)
    page = editor_client.get(base + "charter/").content.decode()
    assert f'name="s{step.pk}-when_bn"' in page  # each row is its own form, in the prescribed columns
    r = editor_client.post(base + f"charter-steps/{step.pk}/", {
        "_prefix": f"s{step.pk}", "_version": step.version, f"s{step.pk}-step": "1",
        f"s{step.pk}-when_bn": "নতুন লেখা", f"s{step.pk}-time_limit_bn": "৩০ কার্যদিবস", "intent": "publish",
    })
    assert r.status_code == 302
    step.refresh_from_db()
    assert step.when_bn == "নতুন লেখা" and step.version == 2


def test_officer_transfer_marks_left_adds_successor_and_hands_over(editor_client, union_office):
    old = Officer.objects.create(office=union_office, name_bn="বিদায়ী সচিব", designation_bn="সচিব", name="বিদায়ী সচিব",
                                 designation="সচিব", mobile="+8801711618368")
    rti = DesignatedOfficer.objects.create(office=union_office, scheme="rti", role="primary", officer=old)
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/{old.pk}/transfer/", {
        "left_on": "২০২৫-০১-৩১", "successor_name_bn": "নতুন সচিব", "successor_mobile": "01711618368",
        "hand_over": "on",
    })
    assert r.status_code == 302, r.content.decode()[:3000]
    old.refresh_from_db()
    assert str(old.left_on) == "2025-01-31"
    new = old.successor
    assert new.name_bn == "নতুন সচিব" and new.designation_bn == "সচিব" and new.left_on is None
    rti.refresh_from_db()
    assert rti.officer == new
    assert AuditEntry.objects.filter(object_id=old.pk, action="transfer").exists()


def test_delete_keeps_the_last_state_in_the_audit_log(editor_client, union_office):
    n = Notice.objects.create(office=union_office, title_bn="মুছে ফেলার নোটিশ", title="মুছে ফেলার নোটিশ")
    r = editor_client.post(f"/workspace/{union_office.domain}/notices/{n.pk}/delete/")
    assert r.status_code == 302 and not Notice.objects.filter(pk=n.pk).exists()
    entry = AuditEntry.objects.get(action="delete", object_id=n.pk)
    assert entry.changes["_deleted"]["title_bn"] == "মুছে ফেলার নোটিশ"


def test_every_list_page_renders(editor_client, union_office):
    from batayon.workspace.editors import EDITORS, MENU_KEYS

    for key in MENU_KEYS:
        r = editor_client.get(f"/workspace/{union_office.domain}/{key}/")
        assert r.status_code == 200, key
        r = editor_client.get(f"/workspace/{union_office.domain}/{key}/new/")
        # A one-per-office record (the charter's head) that exists opens for editing instead.
        existing = EDITORS[key].singleton and EDITORS[key].queryset(union_office).exists()
        assert r.status_code == (302 if existing else 200), key
