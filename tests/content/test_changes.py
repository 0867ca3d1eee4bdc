"""``content.changes``: one reaction per office per committed transaction, none for a rollback."""

from __future__ import annotations

import pytest
from django.db import transaction

from batayon.content import tasks
from batayon.content.changes import office_changed, office_content_changed, offices_content_changed
from batayon.content.models import Notice, Officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch) -> list[list[int]]:
    calls: list[list[int]] = []

    class FakeTask:
        def enqueue(self, office_ids):
            calls.append(list(office_ids))

    monkeypatch.setattr(tasks, "react_to_change", FakeTask())
    return calls


def officer(office, n=0) -> Officer:
    return Officer.objects.create(office=office, name_bn=f"কর্মকর্তা {n}", designation_bn="সহকারী")


def test_many_saves_of_two_offices_are_two_tasks(kushtia_dc, union_office, enqueued,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(5):
            officer(kushtia_dc, n)
            officer(union_office, n)
        Notice.objects.create(office=kushtia_dc, title_bn="নোটিশ", title="নোটিশ")
        assert enqueued == []  # nothing before the commit
    assert sorted(enqueued) == [[kushtia_dc.pk], [union_office.pk]]


def test_a_rolled_back_transaction_enqueues_nothing(kushtia_dc, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                officer(kushtia_dc)
                raise RuntimeError("the editor's save failed")
        except RuntimeError:
            pass
    assert enqueued == []
    assert not Officer.objects.filter(office=kushtia_dc).exists()


def test_a_rolled_back_savepoint_keeps_the_rest(kushtia_dc, union_office, enqueued,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        officer(kushtia_dc)
        try:
            with transaction.atomic():  # a savepoint
                officer(union_office)
                raise RuntimeError("this part failed")
        except RuntimeError:
            pass
    assert enqueued == [[kushtia_dc.pk]]


def test_the_next_transaction_reacts_again(kushtia_dc, enqueued, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            office_content_changed(kushtia_dc.pk)
    assert enqueued == [[kushtia_dc.pk], [kushtia_dc.pk]]


def test_a_bulk_load_is_one_task(kushtia_dc, union_office, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        offices_content_changed([union_office.pk, kushtia_dc.pk])
        office_content_changed(kushtia_dc.pk)  # already in the batch
    assert enqueued == [sorted([union_office.pk, kushtia_dc.pk])]


def test_the_task_sends_office_changed(kushtia_dc, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, office_ids, **kwargs):
        received.append(office_ids)

    office_changed.connect(receiver, dispatch_uid="test-receiver")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            officer(kushtia_dc)
    finally:
        office_changed.disconnect(dispatch_uid="test-receiver")
    assert received == [[kushtia_dc.pk]]
