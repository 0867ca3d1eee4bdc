"""A notice dated in the future is scheduled, not published today: the workspace says so, it
is not e-mailed at publish (its link would be a 404), and ``batayon send_scheduled_notices``
mails it once on its day, through a real SMTP server."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email.header import decode_header, make_header
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from batayon.content.models import Notice
from batayon.history.models import AuditEntry

pytestmark = pytest.mark.django_db



def _closed_port() -> int:
    """A port nothing listens on: the mail server is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def listed_office(union_office):
    union_office.notice_emails = "uno@example.gov.bd\ndc@example.gov.bd\n"
    union_office.save()
    return union_office


def publish(client, office, day: dt.date, title="আগামী সভার নোটিশ"):
    return client.post(f"/workspace/{office.domain}/notices/new/",
                       {"title_bn": title, "body_bn": "<p>সভা</p>", "publish_date": day.isoformat(),
                        "intent": "publish"})


def send(**kwargs) -> str:
    out = StringIO()
    call_command("send_scheduled_notices", stdout=out, **kwargs)
    return out.getvalue()


def test_future_notice_is_scheduled_and_mailed_once_on_its_day(editor_client, listed_office, smtp,
                                                               django_capture_on_commit_callbacks):
    future = timezone.localdate() + dt.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        r = publish(editor_client, listed_office, future)
    assert r.status_code == 302
    assert smtp.envelopes == []  # not mailed at publish
    notice = Notice.objects.get(office=listed_office, title_bn="আগামী সভার নোটিশ")
    assert notice.is_scheduled and notice.mail_when_live
    listing = editor_client.get(r["Location"]).content.decode()
    assert "নির্ধারিত" in listing and "ই-মেইলে পাঠানো হবে" in listing
    # Before its day the command sends nothing.
    assert "sent=0" in send()
    assert smtp.envelopes == []
    # Its day comes.
    Notice.objects.filter(pk=notice.pk).update(publish_date=timezone.localdate())
    assert "sent=1" in send(base_url="https://batayon.gov.bd")
    assert len(smtp.envelopes) == 1
    envelope = smtp.envelopes[0]
    assert sorted(envelope.rcpt_tos) == ["dc@example.gov.bd", "uno@example.gov.bd"]
    parsed = email.message_from_bytes(envelope.original_content)
    assert str(make_header(decode_header(parsed["Subject"]))).startswith("নোটিশ: আগামী সভার নোটিশ")
    body = parsed.get_payload(decode=True).decode(parsed.get_content_charset())
    assert f"https://batayon.gov.bd/o/{listed_office.domain}/bn/notices/{notice.pk}/" in body
    entry = AuditEntry.objects.filter(action="email", changes__ok=True).latest("pk")
    assert entry.at.date() == timezone.now().date()
    # Idempotent: a second run (or tomorrow's) mails nothing more.
    assert "sent=0" in send()
    assert len(smtp.envelopes) == 1


def test_a_live_notice_is_still_mailed_at_publish(editor_client, listed_office, smtp,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(editor_client, listed_office, timezone.localdate(), title="আজকের নোটিশ")
    assert len(smtp.envelopes) == 1
    assert Notice.objects.get(title_bn="আজকের নোটিশ").emailed_at is not None
    assert "sent=0" in send()  # nothing left for the scheduler
    assert len(smtp.envelopes) == 1


def test_a_failed_scheduled_mail_is_tried_again(editor_client, listed_office, settings,
                                                django_capture_on_commit_callbacks):
    future = timezone.localdate() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        publish(editor_client, listed_office, future, title="পরের নোটিশ")
    notice = Notice.objects.get(title_bn="পরের নোটিশ")
    Notice.objects.filter(pk=notice.pk).update(publish_date=timezone.localdate())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    assert "failed=1" in send()
    notice.refresh_from_db()
    assert notice.emailed_at is None and notice.mail_when_live
    assert AuditEntry.objects.filter(action="email", changes__ok=False).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "sent=1" in send()
