"""The office page: the compliance engine's checklist in order of impact, each with its fix link."""

from __future__ import annotations

import pytest

from batayon.compliance.services import checklist, office_score

pytestmark = pytest.mark.django_db


def test_office_page_lists_the_checklist_in_order_with_fix_links(editor_client, union_office):
    items = [i for i in checklist(union_office) if i.status != "not_applicable"]
    assert items, "the engine should have something to say about an empty union portal"
    html = editor_client.get(f"/workspace/{union_office.domain}/").content.decode()
    positions = [html.index(f'id="check-{i.rule_code}"') for i in items]
    assert positions == sorted(positions)  # the engine's order (biggest gain first) is kept
    failing = next(i for i in items if i.status != "ok")
    assert f'href="/workspace/{union_office.domain}/{failing.section}/"' in html
    assert failing.title_bn in html
    score = office_score(union_office)
    assert 'id="office-score"' in html and score.band in html


def test_publishing_a_notice_turns_its_check_ok(editor_client, union_office, django_capture_on_commit_callbacks):
    def notice_items():
        return [i for i in checklist(union_office) if i.section == "notices" and i.status != "not_applicable"]

    assert any(i.status != "ok" for i in notice_items())
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/workspace/{union_office.domain}/notices/new/", {
            "title_bn": "নতুন নোটিশ", "title_en": "A new notice", "body_bn": "<p>বিস্তারিত</p>",
            "body_en": "<p>Details</p>", "intent": "publish",
            "publish_date": __import__("django.utils.timezone", fromlist=["x"]).localdate().isoformat(),
        })
    assert {i.rule_code: i.status for i in notice_items() if i.rule_code.startswith("notice")} == {
        i.rule_code: "ok" for i in notice_items() if i.rule_code.startswith("notice")
    }


def test_confirm_still_current_is_recorded_with_who_and_when(editor_client, union_office):
    from batayon.compliance.rulebook import ensure_rules
    from batayon.compliance.services import confirmable_sections
    from batayon.history.models import AuditEntry

    ensure_rules()
    sections = confirmable_sections()
    key = "officers" if "officers" in sections else sorted(sections)[0]
    r = editor_client.post(f"/workspace/{union_office.domain}/{key}/confirm/")
    assert r.status_code == 302
    entry = AuditEntry.objects.get(action="confirm", office=union_office)
    assert entry.username == "hatash-editor" and entry.changes == {"section": key}
    page = editor_client.get(f"/workspace/{union_office.domain}/{key}/").content.decode()
    assert "সর্বশেষ নিশ্চিত করেছেন" in page and "hatash-editor" in page


def test_workspace_switches_to_english(editor_client, union_office):
    from django.conf import settings

    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = editor_client.get(f"/workspace/{union_office.domain}/").content.decode()
    assert 'lang="en"' in html and ">Fix<" in html and ">Pages<" in html
