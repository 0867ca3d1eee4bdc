"""``batayon audit``: domains or URLs, --json, --all in one process or as per-host jobs on the queue."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from batayon.audit.models import AuditRun
from batayon.audit.tasks import jobs

from .farm import Portal

pytestmark = pytest.mark.django_db


def test_audit_a_domain_with_json(farm_factory, elsewhere):
    (office,) = elsewhere(1)
    farm_factory([Portal(office.domain, {"no_english"})])
    out = io.StringIO()
    call_command("audit", office.domain, "--json", "--no-evaluate", stdout=out)
    (result,) = json.loads(out.getvalue())
    assert result["domain"] == office.domain
    assert result["has_english"] is False
    assert result["observations"]["notices"]["evidence"][0]["text"] == "নোটিশ বোর্ড"


def test_unknown_domain_is_a_clear_error(db):
    with pytest.raises(CommandError, match="এই ঠিকানার কোনো দপ্তর নেই"):
        call_command("audit", "nowhere.example.gov.bd")


def test_all_in_one_process(farm_factory, elsewhere):
    offices = elsewhere(3)
    farm_factory([Portal(o.domain) for o in offices])
    out = io.StringIO()
    call_command("audit", "--all", "--no-evaluate", stdout=out)
    assert "portals=3" in out.getvalue()
    assert AuditRun.objects.filter(is_latest=True, outcome="ok").count() == 3


def test_jobs_keep_each_host_in_one_job(elsewhere, settings):
    offices = elsewhere(5)
    settings.AUDIT_BASE_URL = "https://{domain}/"
    batches = jobs(offices, size=2)
    assert sorted(i for b in batches for i in b) == sorted(o.pk for o in offices)
    assert all(len(b) <= 2 for b in batches)
    settings.AUDIT_BASE_URL = "https://shared-host.example/{domain}/"  # every portal on one host
    assert jobs(offices, size=2) == [[o.pk for o in offices]]


def test_all_on_the_queue_runs_on_a_worker(farm_factory, elsewhere, settings):
    offices = elsewhere(3)
    farm_factory([Portal(o.domain) for o in offices])
    settings.AUDIT_JOB_SIZE = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    out = io.StringIO()
    call_command("audit", "--all", stdout=out)
    assert "queued jobs=3 offices=3" in out.getvalue()
    assert not AuditRun.objects.exists()
    from django_tasks_db.models import DBTaskResult

    queued = list(DBTaskResult.objects.all())
    assert len(queued) == 3 and all(r.task_path.endswith("audit.tasks.audit_offices") for r in queued)
    for r in queued:  # what a worker does with each job (any worker, on any machine)
        r.task.call(*r.task_result.args, **r.task_result.kwargs)
    assert AuditRun.objects.filter(is_latest=True, outcome="ok").count() == 3
