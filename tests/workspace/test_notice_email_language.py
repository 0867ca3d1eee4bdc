"""The notice e-mail is written in the office's language: Bangla by default (with a pointer to
the English notice when there is one), English when the list reads English. The editor's own
interface language does not change what the list receives."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from batayon.content.models import Notice, PublishState
from batayon.workspace.notify import notice_message

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
BANGLA = re.compile(r"[\u0980-\u09FF]")


@pytest.fixture
def notice(union_office) -> Notice:
    union_office.notice_emails = "uno@example.gov.bd"
    union_office.name_en = "1 No. Hatash Haripur Union Parishad"
    union_office.save()
    return Notice.objects.create(
        office=union_office, title_bn="ইউপি সভার নোটিশ", title_en="Union Parishad meeting",
        body_bn="<p>সভা রবিবার</p>", body_en="<p>The meeting is on Sunday</p>", memo_number="০৫.৪৪.৫০৭৯.০০১",
        publish_date=dt.date(2025, 1, 5), state=PublishState.PUBLISHED,
    )


def test_the_list_gets_bangla_by_default_even_from_an_english_speaking_editor(notice, union_office):
    with translation.override("en"):  # the editor works in English
        msg = notice_message(notice, BASE)
    assert msg.subject == f"নোটিশ: ইউপি সভার নোটিশ — {union_office.name_bn}"
    body = msg.body
    assert body.startswith("ইউপি সভার নোটিশ\n\nসভা রবিবার\n")
    assert "প্রকাশের তারিখ: ৫ জানুয়ারি ২০২৫" in body and "স্মারক নম্বর: ০৫.৪৪.৫০৭৯.০০১" in body
    assert f"ওয়েবসাইটে দেখুন: {BASE}/o/{union_office.domain}/bn/notices/{notice.pk}/" in body
    # The English title, as a pointer to the English page.
    assert "Notice: Union Parishad meeting" in body
    assert f"Read on the portal: {BASE}/o/{union_office.domain}/en/notices/{notice.pk}/" in body
    assert msg.to == ["uno@example.gov.bd"]


def test_an_english_reading_list_gets_english(notice, union_office):
    msg = notice_message(notice, BASE, lang="en")
    assert msg.subject == "Notice: Union Parishad meeting — 1 No. Hatash Haripur Union Parishad"
    english_part, _, bangla_part = msg.body.partition("\n—\n")
    assert english_part.startswith("Union Parishad meeting\n\nThe meeting is on Sunday\n")
    assert "Published: 5 January 2025" in english_part
    assert f"Read on the portal: {BASE}/o/{union_office.domain}/en/notices/{notice.pk}/" in english_part
    assert not BANGLA.search(english_part.replace(notice.memo_number, ""))
    assert "নোটিশ: ইউপি সভার নোটিশ" in bangla_part
    assert f"{BASE}/o/{union_office.domain}/bn/notices/{notice.pk}/" in bangla_part


def test_a_notice_without_english_is_mailed_in_bangla_words_inside_an_english_frame(notice):
    Notice.objects.filter(pk=notice.pk).update(title_en="", body_en="")
    notice.refresh_from_db()
    msg = notice_message(notice, BASE, lang="en")
    assert msg.subject.startswith("Notice: ইউপি সভার নোটিশ — ")
    assert "Published: 5 January 2025" in msg.body and "সভা রবিবার" in msg.body
    bangla = notice_message(notice, BASE)
    assert "Notice:" not in bangla.body and "Read on the portal" not in bangla.body
