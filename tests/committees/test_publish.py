"""Publishing minutes puts them on the office's notice board with the PDF attached (audited)
and e-mails them, the PDF attached, to the distribution list through a real SMTP server."""

from __future__ import annotations

import email
from email.header import decode_header, make_header

import pytest
from django.contrib.contenttypes.models import ContentType

from batayon.committees.models import Meeting
from batayon.committees.services import MeetingError, publish
from batayon.content.models import Notice
from batayon.history.models import AuditEntry, Revision

pytestmark = pytest.mark.django_db




def test_publish_creates_the_notice_with_the_pdf_and_mails_the_list(seeds, media, smtp, django_capture_on_commit_callbacks):
    meeting = seeds["002"]
    committee = meeting.committee
    committee.emails = "dc@jhenaidah.example.gov.bd\nnot an address\n"
    committee.save()
    committee.office.notice_emails = "uno-sadar@jhenaidah.example.gov.bd"
    committee.office.save()
    with django_capture_on_commit_callbacks(execute=True):
        result = publish(meeting, None, None, base_url="https://batayon.gov.bd")
    notice = Notice.objects.get(pk=result.notice.pk)
    assert notice.office == committee.office and notice.state == "published"
    assert notice.title_bn == meeting.heading() and notice.memo_number == meeting.memo_number
    assert notice.attachment.name.endswith(".pdf")
    assert notice.attachment.open("rb").read(5) == b"%PDF-"
    # audited like any content change: a revision, the create entry, the publish entry
    assert Revision.objects.filter(content_type=ContentType.objects.get_for_model(Notice), object_id=notice.pk).count() == 1
    actions = set(AuditEntry.objects.filter(office=committee.office).values_list("action", flat=True))
    assert {"create", "publish", "email"} <= actions
    meeting.refresh_from_db()
    assert meeting.is_published and meeting.notice_id == notice.pk
    # the mail, with the minutes attached, to the committee's list, its members and the office's list
    assert len(smtp.envelopes) == 1
    envelope = smtp.envelopes[0]
    assert sorted(envelope.rcpt_tos) == [
        "adceduictjhenaidah@mopa.gov.bd", "dc@jhenaidah.example.gov.bd", "uno-sadar@jhenaidah.example.gov.bd",
    ]
    parsed = email.message_from_bytes(envelope.original_content)
    assert str(make_header(decode_header(parsed["Subject"]))).startswith("নোটিশ: জেলা ওয়েব পোর্টাল হালনাগাদ")
    attachments = [p for p in parsed.walk() if p.get_content_type() == "application/pdf"]
    assert len(attachments) == 1 and attachments[0].get_payload(decode=True).startswith(b"%PDF-")
    assert result.mail and result.mail[0].ok


def test_minutes_are_published_once(seeds, media, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    publish(seeds["004"])
    with pytest.raises(MeetingError):
        publish(seeds["004"])
    assert Notice.objects.filter(office=seeds["004"].committee.office).count() == 1


def test_a_mail_server_that_is_down_does_not_undo_the_publication(seeds, media, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        result = publish(seeds["002"])
    assert result.mail and not result.mail[0].ok
    assert Meeting.objects.get(pk=seeds["002"].pk).is_published
    entry = AuditEntry.objects.filter(action="email").latest("at")
    assert entry.changes["ok"] is False
