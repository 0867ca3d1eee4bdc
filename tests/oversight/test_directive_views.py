"""Through the pages: a supervisor issues a directive and follows it; the office sees it in its
workspace, acknowledges and reports it; nobody else can."""

from __future__ import annotations

import datetime as dt

import pytest

from batayon.oversight.models import Directive, DirectiveTarget, TargetState
from batayon.oversight.services import ItemSpec, issue_directive

from .conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


def test_supervisor_issues_from_the_form(rules, uno_sadar, union_office, supervisor):
    client = signed_in(supervisor)
    base = f"/oversight/{uno_sadar.domain}/directives/"
    assert client.get(base + "new/").status_code == 200
    r = client.post(
        base + "new/",
        {
            "subject": "ওয়েবপোর্টাল হাল-নাগাদকরণ",
            "issued_on": "2020-09-28",
            "working_days": "7",
            "tiers": ["union"],
            "preset": "seed-001",
            "rules": ["notices-fresh"],
            "free_items": "কর্মশালায় অংশগ্রহণ",
            "memo_number": "56.04.5000.001",
            "distribution": "চেয়ারম্যান, ইউনিয়ন পরিষদ (সকল)",
        },
    )
    directive = Directive.objects.get()
    assert r.status_code == 302 and r["Location"] == directive.get_absolute_url()
    assert directive.deadline == dt.date(2020, 10, 7) and directive.items.count() == 11
    assert directive.targets.filter(office=union_office).exists()
    page = client.get(directive.get_absolute_url())
    assert page.status_code == 200
    assert "হাল-নাগাদকরণ" in page.content.decode() and union_office.name_bn in page.content.decode()
    assert directive.subject in client.get(base).content.decode()


def test_form_errors_are_in_bangla(rules, uno_sadar, supervisor):
    r = signed_in(supervisor).post(
        f"/oversight/{uno_sadar.domain}/directives/new/",
        {"subject": "x", "issued_on": "2020-09-28", "preset": "seed-001"},
    )
    assert r.status_code == 200 and "সময়সীমা দিন" in r.content.decode()
    assert not Directive.objects.exists()


def test_office_acknowledges_and_reports(rules, uno_sadar, union_office, editor):
    directive = issue_directive(
        issuer=uno_sadar,
        chosen=[union_office.pk],
        subject="তালিকা হাল-নাগাদ",
        items=[ItemSpec("নোটিশ", ("notices-fresh",))],
        working_days=5,
    )
    client = signed_in(editor, verified=False)
    inbox = client.get(f"/oversight/{union_office.domain}/inbox/")
    assert inbox.status_code == 200 and "তালিকা হাল-নাগাদ" in inbox.content.decode()
    page = f"/oversight/{union_office.domain}/inbox/{directive.pk}/"
    assert "প্রাপ্তি স্বীকার করুন" in client.get(page).content.decode()
    assert client.post(page + "acknowledge/").status_code == 302
    assert DirectiveTarget.objects.get().state == TargetState.ACKNOWLEDGED
    client.post(page + "report/")
    assert DirectiveTarget.objects.get().state == TargetState.CONTRADICTED
    assert "প্রতিবেদন ও বাস্তবতা মেলেনি" in client.get(page).content.decode()


def test_others_are_refused(rules, uno_sadar, union_office, editor, supervisor, kushtia_dc):
    directive = issue_directive(
        issuer=uno_sadar,
        chosen=[union_office.pk],
        subject="x",
        items=[ItemSpec("নোটিশ", ("notices-fresh",))],
        working_days=5,
    )
    # An editor cannot issue, nor open the issuing office's pages.
    editor_client = signed_in(editor, verified=False)
    assert editor_client.get(f"/oversight/{uno_sadar.domain}/directives/new/").status_code == 403
    assert editor_client.get(directive.get_absolute_url()).status_code == 403
    # The supervisor sees the office's page but cannot report for it.
    sup = signed_in(supervisor)
    page = f"/oversight/{union_office.domain}/inbox/{directive.pk}/"
    assert sup.get(page).status_code == 200
    assert sup.post(page + "report/").status_code == 403
    # Another office's editor sees nothing of it.
    other = make_user("other-editor", "editor", kushtia_dc)
    assert signed_in(other, verified=False).get(page).status_code == 403
    # A supervisor of a union-level office cannot issue from the DC office above them.
    assert sup.get(f"/oversight/{kushtia_dc.domain}/directives/new/").status_code == 403


def test_supervisor_confirms_an_unmeasurable_item(rules, uno_sadar, union_office, supervisor, editor):
    directive = issue_directive(
        issuer=uno_sadar,
        chosen=[union_office.pk],
        subject="x",
        items=[ItemSpec("সভায় উপস্থিতি")],
        working_days=5,
    )
    target = DirectiveTarget.objects.get()
    signed_in(editor, verified=False).post(f"/oversight/{union_office.domain}/inbox/{directive.pk}/report/")
    target.refresh_from_db()
    assert target.state == TargetState.NEEDS_CONFIRMATION
    page = signed_in(supervisor).get(directive.get_absolute_url()).content.decode()
    assert "নিশ্চিত করুন" in page
    r = signed_in(supervisor).post(
        directive.get_absolute_url() + "confirm/", {"target": target.pk, "item": directive.items.get().pk}
    )
    assert r.status_code == 302
    target.refresh_from_db()
    assert target.state == TargetState.VERIFIED


def test_preferences_page(editor):
    client = signed_in(editor, verified=False)
    assert client.get("/oversight/preferences/").status_code == 200
    client.post("/oversight/preferences/", {"frequency": "weekly", "language": "en"})
    assert (editor.reminder_pref.frequency, editor.reminder_pref.language) == ("weekly", "en")


def test_directives_are_one_link_away(rules, uno_sadar, union_office, supervisor, editor):
    assert (
        signed_in(supervisor).get("/oversight/")["Location"] == f"/oversight/{uno_sadar.domain}/directives/"
    )
    editor_client = signed_in(editor, verified=False)
    assert editor_client.get("/oversight/")["Location"] == f"/oversight/{union_office.domain}/inbox/"
    assert (
        f"/oversight/{union_office.domain}/inbox/"
        in editor_client.get(f"/workspace/{union_office.domain}/").content.decode()
    )


def test_a_chosen_set_of_offices(rules, uno_sadar, union_office, supervisor):
    client = signed_in(supervisor)
    r = client.post(
        f"/oversight/{uno_sadar.domain}/directives/new/",
        {
            "subject": "নোটিশ",
            "issued_on": "2025-01-05",
            "deadline": "2025-01-20",
            "rules": ["notices-fresh"],
            "offices": f"{union_office.domain}\n",
        },
    )
    assert r.status_code == 302
    assert list(Directive.objects.get().targets.values_list("office_id", flat=True)) == [union_office.pk]
    r = client.post(
        f"/oversight/{uno_sadar.domain}/directives/new/",
        {
            "subject": "নোটিশ",
            "issued_on": "2025-01-05",
            "deadline": "2025-01-20",
            "rules": ["notices-fresh"],
            "offices": "kushtia.gov.bd",
        },
    )
    assert r.status_code == 200 and "অধীন নয়" in r.content.decode()
