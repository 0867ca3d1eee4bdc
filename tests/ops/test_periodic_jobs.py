"""The periodic jobs: one registry, schedules in Dhaka time on RQ's cron scheduler, a heartbeat
row per run, and a job that did not run when it was due is shown as overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from batayon.ops import jobs
from batayon.ops.cron import build_scheduler, dhaka_to_utc, scheduled_jobs
from batayon.ops.jobs import PeriodicJob, get_job, job_states, periodic_jobs, register, run_periodic_job
from batayon.ops.models import JobRun

DHAKA = dt.timezone(dt.timedelta(hours=6))


@pytest.fixture
def registry():
    """The registry as it is, restored after a test that adds jobs."""
    saved = dict(jobs._REGISTRY)
    yield jobs._REGISTRY
    jobs._REGISTRY.clear()
    jobs._REGISTRY.update(saved)


def test_the_platforms_jobs_are_registered():
    names = [job.name for job in periodic_jobs()]
    assert names[:4] == ["evaluate", "snapshot", "checklinks", "remind"]
    assert get_job("snapshot").after == "evaluate"
    assert get_job("evaluate").cron == "15 1 * * *"


@override_settings(BATAYON_REMIND_HOUR=9)
def test_the_reminders_hour_comes_from_the_settings():
    assert get_job("remind").cron == "0 9 * * *"


@pytest.mark.parametrize(
    ("dhaka", "utc"),
    [
        ("15 1 * * *", "15 19 * * *"),  # 01:15 in Dhaka is 19:15 UTC the day before
        ("30 2 * * 5", "30 20 * * 4"),  # Friday night in Dhaka is Thursday evening in UTC
        ("0 10 * * *", "0 4 * * *"),
        ("0 6 1 * *", "0 0 1 * *"),
        ("*/5 * * * *", "*/5 * * * *"),
        ("0 3,4 * * 0", "0 21,22 * * 6"),
    ],
)
def test_dhaka_schedules_convert_to_utc_for_rq(dhaka, utc):
    assert dhaka_to_utc(dhaka) == utc


@pytest.mark.parametrize("bad", ["0 2 1 * *", "0 5,7 * * *", "not cron", "0 1-3 * * *"])
def test_schedules_rq_could_not_run_in_dhaka_time_are_refused(bad):
    with pytest.raises(ValueError):
        dhaka_to_utc(bad)


def test_a_job_needs_a_schedule_or_a_predecessor(registry):
    with pytest.raises(ValueError):
        register("nothing")
    with pytest.raises(ValueError):
        register("both", schedule="0 1 * * *", after="evaluate")
    with pytest.raises(ValueError):
        register("typo", schedule="0 25 * * *")


def test_a_job_whose_command_is_missing_is_skipped(registry, caplog):
    register("ghost", command="no-such-command", schedule="0 3 * * *")
    assert not get_job("ghost").available
    assert "ghost" not in [job.name for job in scheduled_jobs()]
    assert "no-such-command" in caplog.text
    assert run_periodic_job("ghost") == "skipped"


def test_the_scheduler_registers_each_scheduled_job_on_the_periodic_queue(registry):
    register("purge", command="clearsessions", schedule="0 3 * * *")
    scheduler = build_scheduler()
    registered = {job.name: job for job in scheduler.get_jobs()}
    assert registered["batayon:evaluate"].cron == "15 19 * * *"
    assert registered["batayon:evaluate"].queue_name == "periodic"
    assert registered["batayon:evaluate"].args == ("evaluate",)
    assert registered["batayon:purge"].cron == "0 21 * * *"
    assert "batayon:snapshot" not in registered  # it runs after evaluate, not on its own
    assert not any(name.endswith(":remind") for name in registered) or get_job("remind").available


def test_a_run_leaves_a_heartbeat_and_runs_the_jobs_after_it(db, registry):
    register("first", command="check", schedule="0 2 * * *")
    register("second", command="check", after="first")
    assert run_periodic_job("first") == "ok"
    runs = {run.job: run for run in JobRun.objects.all()}
    assert set(runs) == {"first", "second"}
    for run in runs.values():
        assert run.status == "ok" and run.finished_at >= run.started_at and run.duration is not None
        assert run.host


def test_a_failed_run_is_recorded_and_stops_the_chain(db, registry):
    register("broken", command="loadrules", args=("--file", "/nonexistent.yaml"), schedule="0 2 * * *")
    register("later", command="check", after="broken")
    with pytest.raises(Exception):  # noqa: B017 - whatever the command raises, RQ sees it
        run_periodic_job("broken")
    run = JobRun.objects.get(job="broken")
    assert run.status == "error" and "Traceback" in run.error
    assert not JobRun.objects.filter(job="later").exists()


def test_runjob_command_runs_a_job_by_name(db, registry):
    register("tiny", command="check", schedule="0 4 * * *")
    call_command("runjob", "tiny")
    assert JobRun.objects.filter(job="tiny", status="ok").exists()
    with pytest.raises(CommandError):
        call_command("runjob", "no-such-job")


def test_overdue_when_a_due_run_is_missing(db, registry):
    jobs._REGISTRY.clear()
    register("nightly", command="check", schedule="15 1 * * *")
    now = dt.datetime(2026, 12, 3, 9, 0, tzinfo=DHAKA)
    due = dt.datetime(2026, 12, 3, 1, 15, tzinfo=DHAKA)

    (state,), _ = job_states(now)
    assert state.code == "never" and state.overdue  # a stopped scheduler is not silent

    JobRun.objects.create(job="nightly", started_at=due + dt.timedelta(minutes=1), status="ok",
                          finished_at=due + dt.timedelta(minutes=3), duration=dt.timedelta(minutes=2))
    (state,), _ = job_states(now)
    assert state.code == "ok" and not state.overdue
    assert state.next_due == dt.datetime(2026, 12, 4, 1, 15, tzinfo=DHAKA)

    # Two days later with no new run: overdue. Within the grace after the due time: not yet.
    (state,), _ = job_states(now + dt.timedelta(days=2))
    assert state.code == "overdue" and state.overdue
    (state,), _ = job_states(dt.datetime(2026, 12, 4, 2, 0, tzinfo=DHAKA))
    assert not state.overdue


def test_registry_entries_are_plain_data():
    job = PeriodicJob("x", "check", "0 1 * * *")
    assert job.previous_due(dt.datetime(2026, 12, 3, 0, 30, tzinfo=DHAKA)) == dt.datetime(
        2026, 12, 2, 1, 0, tzinfo=DHAKA
    )
