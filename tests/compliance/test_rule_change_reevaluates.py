"""Saving a rule re-evaluates the country as a django-tasks task, after the commit (never
inside the admin's transaction, never for a change dated later)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from batayon.compliance.models import CheckStatus
from tests.compliance.admin_helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def _post(client, rule, **change):
    return client.post(change_url(rule), {**form_data(rule, **change), "_confirmed": "1", "_save": "1"})


@pytest.fixture
def queued(settings):
    """The task queue, kept (not run) so the test sees what was enqueued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    default_task_backend.clear()
    return default_task_backend.results


def test_the_task_is_enqueued_after_commit(admin_client, dc_rule, kushtia_dc, django_capture_on_commit_callbacks,
                                           queued):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _post(admin_client, dc_rule, params='{"source": "officers", "min": 2}')
    assert queued == []  # not inside the transaction
    for callback in callbacks:
        callback()
    assert [r.task.name for r in queued] == ["reevaluate_rulebook"]


def test_the_task_re_evaluates_the_offices(admin_client, dc_rule, kushtia_dc, django_capture_on_commit_callbacks):
    # The default (immediate) backend runs the task as soon as it is enqueued, after commit.
    assert CheckStatus.objects.get(office=kushtia_dc, rule=dc_rule).status == "ok"
    with django_capture_on_commit_callbacks(execute=True):
        _post(admin_client, dc_rule, params='{"source": "officers", "min": 2}')
    assert CheckStatus.objects.get(office=kushtia_dc, rule=dc_rule).status == "missing"


def test_a_change_dated_later_enqueues_nothing(admin_client, dc_rule, django_capture_on_commit_callbacks, queued):
    later = timezone.localdate() + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        _post(admin_client, dc_rule, weight="9", effective_from=later.isoformat())
    assert queued == []
