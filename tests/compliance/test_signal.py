"""A content save re-evaluates its office once the transaction commits (``content.changes``)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from batayon.compliance.models import CheckStatus
from batayon.content.models import Notice

from .conftest import make_officer, reason_en, status


def test_saving_content_reevaluates_the_office(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_officer(office)
    assert status(office, "officers-list").status == "ok"

    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(
            office=office,
            title="নোটিশ",
            title_bn="নোটিশ",
            title_en="Notice",
            publish_date=timezone.localdate(),
        )
    assert status(office, "notices-fresh").status == "ok"


def test_deleting_content_reevaluates_too(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        officer = make_officer(office)
    with django_capture_on_commit_callbacks(execute=True):
        officer.delete()
    assert status(office, "officers-list").status == "missing"


def test_nothing_runs_before_commit_and_many_saves_enqueue_once(
    office, django_capture_on_commit_callbacks, monkeypatch
):
    from batayon.content import tasks

    calls = []

    class FakeTask:
        def enqueue(self, office_ids):
            calls.extend(office_ids)

    monkeypatch.setattr(tasks, "react_to_change", FakeTask())
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for _ in range(5):
            make_officer(office)
        assert calls == []  # not before the commit: the task must see committed data
        assert not CheckStatus.objects.filter(office=office).exists()
    assert calls == [office.pk]


def test_published_yesterday_is_fresh(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(
            office=office,
            title="ক",
            title_bn="ক",
            title_en="A",
            publish_date=timezone.localdate() - dt.timedelta(days=1),
        )
    assert reason_en(status(office, "notices-fresh")) == "last notice 1 day ago"
