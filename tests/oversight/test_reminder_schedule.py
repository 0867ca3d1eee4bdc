"""Digests go on working days only, from the configured hour; weekly readers get theirs on the
first working day of the week, but escalations to them are mandatory."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from batayon.oversight.models import Holiday, ReminderPreference

from .conftest import at, evaluate_at, make_user, run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_with_mail(rules, union_office, editor):
    editor.email = "editor@hatash.gov.bd"
    editor.save()
    evaluate_at(union_office, at(2025, 1, 5))
    return editor


def test_no_mail_on_friday_or_a_holiday(smtp, editor_with_mail):
    assert "not a working day" in run_command("remind", "--date", "2025-01-10")  # Friday
    Holiday.objects.create(date=dt.date(2025, 1, 6), name_bn="পরীক্ষামূলক ছুটি")
    assert "not a working day" in run_command("remind", "--date", "2025-01-06")
    assert "not a working day" in run_command("remind", "--date", "2025-12-16")  # Victory Day
    assert smtp.envelopes == []
    run_command("remind", "--date", "2025-01-07")
    assert len(smtp.envelopes) == 1


def test_not_before_the_hour(smtp, editor_with_mail, settings):
    now = timezone.localtime()
    settings.BATAYON_REMIND_HOUR = 24  # never reached today
    out = run_command("remind")
    assert "not before 24:00" in out and smtp.envelopes == []
    assert now.date() == timezone.localdate()


def test_weekly_preference(smtp, editor_with_mail, union_office):
    ReminderPreference.objects.create(user=editor_with_mail, frequency="weekly")
    daily = make_user("hatash-editor-daily", "editor", union_office, email="daily@hatash.gov.bd")
    run_command("remind", "--date", "2025-01-06")  # Monday
    assert {str(m["To"]) for m in smtp.messages} == {daily.email}
    smtp.clear()
    run_command("remind", "--date", "2025-01-12")  # Sunday: the first working day of the week
    assert {str(m["To"]) for m in smtp.messages} == {editor_with_mail.email}


def test_escalations_reach_weekly_readers_any_day(smtp, editor_with_mail, union_office, head):
    head.email = "chairman@hatash.gov.bd"
    head.save()
    ReminderPreference.objects.create(user=head, frequency="weekly")
    run_command("remind", "--date", "2025-01-08")  # Wednesday, 3 working days overdue
    assert "chairman@hatash.gov.bd" in {str(m["To"]) for m in smtp.messages}
