"""The registry of periodic jobs, and the one function that runs a job and leaves a heartbeat.

A periodic job is a management command plus a schedule in Dhaka time (cron syntax), or a job
that runs right after another one succeeded (``after``). The scheduler (``batayon scheduler``,
RQ's cron scheduler) puts each due job on the ``periodic`` RQ queue; an RQ worker runs it with
:func:`run_periodic_job`, which writes a :class:`~batayon.ops.models.JobRun` row (started,
finished, ok/error, duration). Without RQ the same jobs run from cron with ``batayon runjob NAME``,
which leaves the same heartbeat. ``/healthz`` and the supervision dashboard read the rows.

Another app adds its command in its ``AppConfig.ready()``::

    from batayon.ops.jobs import register
    register("purge", schedule="0 3 * * *")                 # command "purge" nightly at 03:00
    register("report", command="monthlyreport", args=("--send",), schedule="0 9 1 * *")

A job whose command does not exist in this build is skipped (with a log line) by the scheduler
and listed as skipped by ``/healthz``.
"""

from __future__ import annotations

import io
import logging
import socket
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from croniter import croniter
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.db import close_old_connections, connection
from django.utils import timezone

if TYPE_CHECKING:
    from .models import JobRun

logger = logging.getLogger(__name__)

DHAKA = ZoneInfo("Asia/Dhaka")


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    command: str
    # Cron syntax in Dhaka time, or a callable returning it (read from settings when asked).
    schedule: str | Callable[[], str] = ""
    after: str = ""  # run right after this job succeeded, instead of on a schedule
    args: tuple[str, ...] = ()
    # How long after it was due a run may still be missing before the job is overdue.
    grace: timedelta = timedelta(hours=3)
    timeout: int = 6 * 3600  # seconds a run may take

    @property
    def cron(self) -> str:
        return self.schedule() if callable(self.schedule) else self.schedule

    @property
    def available(self) -> bool:
        """Whether this build has the job's command (e.g. ``remind`` may not exist yet)."""
        return self.command in get_commands()

    def previous_due(self, now: datetime) -> datetime:
        """When the job was last due (for a chained job: when its predecessor was)."""
        if self.after:
            return get_job(self.after).previous_due(now)
        return croniter(self.cron, now.astimezone(DHAKA)).get_prev(datetime)

    def next_due(self, now: datetime) -> datetime:
        if self.after:
            return get_job(self.after).next_due(now)
        return croniter(self.cron, now.astimezone(DHAKA)).get_next(datetime)


_REGISTRY: dict[str, PeriodicJob] = {}


def register(
    name: str,
    command: str = "",
    *,
    schedule: str | Callable[[], str] = "",
    after: str = "",
    args: tuple[str, ...] = (),
    grace: timedelta = timedelta(hours=3),
    timeout: int = 6 * 3600,
) -> PeriodicJob:
    """Add (or replace) a periodic job. ``command`` defaults to ``name``."""
    if bool(schedule) == bool(after):
        raise ValueError(f"periodic job {name!r}: give a schedule or the job it runs after, not both")
    if isinstance(schedule, str) and schedule and not croniter.is_valid(schedule):
        raise ValueError(f"periodic job {name!r}: {schedule!r} is not a cron schedule")
    job = PeriodicJob(name, command or name, schedule, after, tuple(args), grace, timeout)
    _REGISTRY[name] = job
    return job


def periodic_jobs() -> list[PeriodicJob]:
    """Every registered job, in registration order (available or not)."""
    return list(_REGISTRY.values())


def get_job(name: str) -> PeriodicJob:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no periodic job named {name!r}") from None


def followers(name: str) -> list[PeriodicJob]:
    return [job for job in _REGISTRY.values() if job.after == name]


def _remind_schedule() -> str:
    return f"0 {int(settings.BATAYON_REMIND_HOUR)} * * *"


# The platform's own jobs (Dhaka time). Nightly: every office evaluated, then the day's scores.
register("evaluate", schedule="15 1 * * *")
register("snapshot", after="evaluate")
# Weekly, Friday night: every service-box link checked.
register("checklinks", schedule="30 2 * * 5", grace=timedelta(hours=12))
# Daily reminders to offices whose portals are late, at BATAYON_REMIND_HOUR.
register("remind", schedule=_remind_schedule)
# Daily, just after midnight: notices whose publication date has come are e-mailed.
register("send_scheduled_notices", schedule="5 0 * * *")


def _host() -> str:
    return socket.gethostname()


def _fresh_connections() -> None:
    """A long-running worker's connections may be stale; never inside a transaction."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_periodic_job(name: str) -> str:
    """Run one periodic job now, with its heartbeat, then the jobs that run after it.

    Two runs of the same job never overlap, whichever machine starts them (a lock in the shared
    cache). A failure is recorded (status ``error`` and the end of the traceback) and raised, so
    RQ marks the job failed too; the jobs after it then do not run.
    """
    from .models import JobRun

    job = get_job(name)
    if not job.available:
        logger.warning("periodic job %s skipped: this build has no command %r", name, job.command)
        return "skipped"
    lock = f"batayon:ops:running:{name}"
    if not cache.add(lock, _host(), timeout=job.timeout):
        logger.warning("periodic job %s skipped: a run is already under way", name)
        return "already running"
    _fresh_connections()
    run = JobRun.objects.create(job=name, host=_host()[:200])
    try:
        out = io.StringIO()
        call_command(job.command, *job.args, stdout=out, stderr=out)
    except BaseException:
        run.finish(error=traceback.format_exc())
        logger.exception("periodic job %s failed", name)
        raise
    else:
        run.finish()
        logger.info("periodic job %s finished in %s", name, run.duration)
    finally:
        cache.delete(lock)
        _fresh_connections()
    for follower in followers(name):
        run_periodic_job(follower.name)
    return "ok"


@dataclass
class JobState:
    """What the health endpoint and the dashboard say about one job: codes, not words."""

    job: PeriodicJob
    last_run: JobRun | None
    last_ok: JobRun | None
    due: datetime
    next_due: datetime
    overdue: bool
    code: str = field(default="ok")  # ok | running | failed | overdue | never

    @property
    def age(self) -> timedelta | None:
        return self.last_run.age if self.last_run else None

    def as_dict(self) -> dict[str, object]:
        run = self.last_run
        return {
            "job": self.job.name,
            "command": self.job.command,
            "schedule": self.job.cron or f"after {self.job.after}",
            "status": self.code,
            "overdue": self.overdue,
            "last_started": run.started_at.isoformat() if run else None,
            "last_finished": run.finished_at.isoformat() if run and run.finished_at else None,
            "last_status": run.status if run else None,
            "last_duration_seconds": run.duration.total_seconds() if run and run.duration else None,
            "age_seconds": int(self.age.total_seconds()) if self.age is not None else None,
            "last_ok": self.last_ok.finished_at.isoformat() if self.last_ok and self.last_ok.finished_at else None,
            "due": self.due.isoformat(),
            "next_due": self.next_due.isoformat(),
        }


def job_states(now: datetime | None = None) -> tuple[list[JobState], list[PeriodicJob]]:
    """The state of every available job (two queries), and the jobs skipped in this build."""
    from .models import JobRun

    now = now or timezone.now()
    jobs = periodic_jobs()
    available = [job for job in jobs if job.available]
    latest = JobRun.objects.latest_per_job()
    latest_ok = JobRun.objects.latest_ok_per_job()
    states = []
    for job in available:
        last, ok = latest.get(job.name), latest_ok.get(job.name)
        due = job.previous_due(now)
        done_since_due = ok is not None and ok.finished_at is not None and ok.finished_at >= due
        overdue = not done_since_due and now > due + job.grace
        if last is None:
            code = "never"
        elif last.status == JobRun.Status.RUNNING and now - last.started_at < timedelta(seconds=job.timeout):
            code = "running"
        elif last.status == JobRun.Status.ERROR:
            code = "failed"
        elif overdue:
            code = "overdue"
        else:
            code = "ok"
        states.append(JobState(job, last, ok, due, job.next_due(now), overdue, code))
    return states, [job for job in jobs if not job.available]
