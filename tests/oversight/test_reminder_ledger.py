"""Nobody is mailed twice for the same thing: the ledger per recipient, item and period."""

from __future__ import annotations

import pytest

from batayon.oversight.models import SentReminder

from .conftest import at, evaluate_at, run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_with_mail(rules, union_office, editor):
    editor.email = "editor@hatash.gov.bd"
    editor.save()
    evaluate_at(union_office, at(2025, 1, 5))
    return editor


def test_rerunning_the_same_day_sends_nothing_new(smtp, editor_with_mail):
    run_command("remind", "--date", "2025-01-05")
    assert len(smtp.envelopes) == 1
    out = run_command("remind", "--date", "2025-01-05")
    assert "digests=0" in out and len(smtp.envelopes) == 1


def test_the_next_day_only_what_is_new(smtp, editor_with_mail, union_office):
    run_command("remind", "--date", "2025-01-05")
    sent = SentReminder.objects.count()
    assert "digests=0" in run_command("remind", "--date", "2025-01-06")
    # A new episode (the notice board goes ok, then stale again much later) is a new thing.
    from tests.compliance.conftest import make_notice

    make_notice(union_office, at(2025, 1, 6).date())
    evaluate_at(union_office, at(2025, 1, 6))
    evaluate_at(union_office, at(2025, 3, 9))
    smtp.clear()
    run_command("remind", "--date", "2025-03-09")
    assert len(smtp.envelopes) == 1
    assert "নোটিশ বোর্ড" in smtp.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert SentReminder.objects.count() > sent
