"""Publishing a notice e-mails it to the office's distribution list, after commit."""

from __future__ import annotations

import email
import socket
from email.header import decode_header, make_header

import pytest
from django.core import mail

from batayon.content.models import Notice
from batayon.history.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed_office(union_office):
    union_office.notice_emails = "uno@example.gov.bd\nnot an address\ndc@example.gov.bd\n"
    union_office.save()
    return union_office


def publish(client, office, title="ইউপি সভার নোটিশ"):
    return client.post(f"/workspace/{office.domain}/notices/new/",
                       {"title_bn": title, "body_bn": "<p>সভা রবিবার</p>", "publish_date": "2025-01-05",
                        "intent": "publish"})


def test_published_notice_is_mailed_after_commit(editor_client, listed_office, settings,
                                                  django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(editor_client, listed_office)
    assert mail.outbox == []  # nothing is sent before the commit
    for cb in callbacks:
        cb()
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["uno@example.gov.bd", "dc@example.gov.bd"]
    assert msg.subject.startswith("নোটিশ: ইউপি সভার নোটিশ")
    assert "সভা রবিবার" in msg.body and "<p>" not in msg.body
    assert f"/o/{listed_office.domain}/bn/notices/" in msg.body
    assert AuditEntry.objects.filter(action="email", changes__ok=True).exists()


def test_draft_is_not_mailed(editor_client, listed_office, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/workspace/{listed_office.domain}/notices/new/",
                           {"title_bn": "খসড়া", "publish_date": "2025-01-05", "intent": "draft"})
    assert mail.outbox == []


def test_mail_failure_keeps_the_notice_and_tells_the_editor(editor_client, listed_office, settings,
                                                            django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _free_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        r = publish(editor_client, listed_office)
    assert r.status_code == 302
    assert Notice.objects.filter(office=listed_office, state="published").exists()
    page = editor_client.get(r["Location"]).content.decode()
    assert "ই-মেইলে পাঠানো যায়নি" in page
    assert AuditEntry.objects.filter(action="email", changes__ok=False).exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_smtp_server_receives_the_bangla_notice(editor_client, listed_office, smtp,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(editor_client, listed_office, title="এসএমটিপি পরীক্ষা")
    assert len(smtp.envelopes) == 1
    envelope = smtp.envelopes[0]
    assert sorted(envelope.rcpt_tos) == ["dc@example.gov.bd", "uno@example.gov.bd"]
    parsed = email.message_from_bytes(envelope.original_content)
    assert str(make_header(decode_header(parsed["Subject"]))).startswith("নোটিশ: এসএমটিপি পরীক্ষা")
    body = parsed.get_payload(decode=True).decode(parsed.get_content_charset())
    assert "সভা রবিবার" in body
