"""The daily job sends each office's editors one digest, through a real SMTP server: Bangla
subject encoded correctly, text and HTML parts, each line with a direct link to fix it."""

from __future__ import annotations

import re

import pytest

from batayon.compliance.models import Flip
from batayon.oversight.models import Digest, SentReminder

from .conftest import at, evaluate_at, html_part, make_user, run_command, subject_of, text_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def hatash(rules, union_office):
    evaluate_at(union_office, at(2025, 1, 5))  # Sunday: an empty portal, everything missing
    return union_office


def test_one_digest_per_editor_with_links(smtp, hatash, editor):
    editor.email = "editor@hatash.gov.bd"
    editor.save()
    second = make_user("hatash-editor-2", "editor", hatash, email="editor2@hatash.gov.bd")
    out = run_command("remind", "--date", "2025-01-05")
    assert "digests=2" in out and "editor=2" in out and "supervisor=0" in out
    assert len(smtp.to("editor@hatash.gov.bd")) == 1 and len(smtp.to(second.email)) == 1
    message = smtp.to("editor@hatash.gov.bd")[0]
    # The subject is Bangla, RFC 2047-encoded on the wire, and decodes back.
    raw = smtp.envelopes[0].original_content.decode("utf-8")
    assert re.search(r"^Subject:\s+=\?utf-8\?b\?", raw, re.MULTILINE)  # RFC 2047 encoded words
    assert subject_of(message).startswith("বাতায়ন: পোর্টাল হালনাগাদের তাগিদ")
    text, html = text_part(message), html_part(message)
    assert "কর্মকর্তাদের তালিকা: নেই — কোনো " in text  # the status, then the reason
    link = f"https://batayon.gov.bd/workspace/{hatash.domain}/officers/"
    assert link in text and f'href="{link}"' in html
    assert SentReminder.objects.filter(recipient=editor).count() > 3
    assert Digest.objects.filter(day="2025-01-05").count() == 2


def test_dry_run_sends_and_records_nothing(smtp, hatash, editor):
    editor.email = "editor@hatash.gov.bd"
    editor.save()
    out = run_command("remind", "--date", "2025-01-05", "--dry-run")
    assert "digests=1" in out and "dry-run" in out
    assert smtp.envelopes == [] and not SentReminder.objects.exists()


def test_users_without_an_address_are_skipped(smtp, hatash, editor):
    assert editor.email == ""
    assert "digests=0" in run_command("remind", "--date", "2025-01-05")
    assert smtp.envelopes == []


def test_the_job_consumes_flips(smtp, hatash, editor):
    from tests.compliance.conftest import make_notice

    make_notice(hatash, at(2025, 1, 5).date())
    evaluate_at(hatash, at(2025, 1, 5, 11))  # the notice board flips to ok
    assert Flip.objects.unprocessed().filter(office=hatash).exists()
    run_command("remind", "--date", "2025-01-05")
    assert not Flip.objects.unprocessed().filter(office=hatash).exists()


def test_english_when_the_user_chose_it(smtp, hatash, editor):
    from batayon.oversight.models import ReminderPreference

    editor.email = "editor@hatash.gov.bd"
    editor.save()
    ReminderPreference.objects.create(user=editor, language="en")
    run_command("remind", "--date", "2025-01-05")
    message = smtp.to(editor.email)[0]
    assert subject_of(message).startswith("Batayon:")
    assert "List of officers" in text_part(message)
