"""The periodic jobs on RQ's cron scheduler (``rq.cron``, through django-rq).

RQ's scheduler reads cron strings in UTC; the registry's schedules are in Dhaka time, which has
been UTC+6 all year since 2009 (no daylight saving), so a schedule converts by shifting its hours
(and, when the shift crosses midnight, its weekdays).
"""

from __future__ import annotations

import logging

from croniter import croniter

from .jobs import PeriodicJob, periodic_jobs, run_periodic_job

logger = logging.getLogger(__name__)

DHAKA_UTC_OFFSET_HOURS = 6
QUEUE = "periodic"


def dhaka_to_utc(expr: str) -> str:
    """``"15 1 * * *"`` in Dhaka → ``"15 19 * * *"`` in UTC (the day before).

    Supports an hour field of ``*`` or numbers separated by commas; a shift across midnight
    moves numeric weekdays back one day and is refused with a day-of-month field.
    """
    if not croniter.is_valid(expr):
        raise ValueError(f"{expr!r} is not a cron schedule")
    minute, hour, dom, month, dow = expr.split()
    if hour == "*":
        return expr
    try:
        hours = [int(h) for h in hour.split(",")]
    except ValueError:
        raise ValueError(f"{expr!r}: the hour must be '*' or numbers separated by commas") from None
    wraps = {h < DHAKA_UTC_OFFSET_HOURS for h in hours}
    if len(wraps) > 1:
        raise ValueError(f"{expr!r}: hours on both sides of 06:00 Dhaka time need two schedules")
    if wraps == {True}:
        if dom != "*":
            raise ValueError(f"{expr!r}: a day of the month before 06:00 Dhaka time is not supported")
        if dow != "*":
            try:
                dow = ",".join(str((int(d) - 1) % 7) for d in dow.split(","))
            except ValueError:
                raise ValueError(f"{expr!r}: weekdays must be numbers (0 = Sunday)") from None
    utc_hours = ",".join(str((h - DHAKA_UTC_OFFSET_HOURS) % 24) for h in hours)
    return f"{minute} {utc_hours} {dom} {month} {dow}"


def scheduled_jobs() -> list[PeriodicJob]:
    """The jobs the scheduler registers: available and on a schedule of their own."""
    jobs = []
    for job in periodic_jobs():
        if not job.available:
            logger.warning("periodic job %s skipped: this build has no command %r", job.name, job.command)
        elif not job.after:
            jobs.append(job)
    return jobs


def build_scheduler(logging_level: int = logging.INFO):
    """A django-rq cron scheduler with every scheduled job registered on the ``periodic`` queue."""
    from django_rq.cron import DjangoCronScheduler

    scheduler = DjangoCronScheduler(logging_level=logging_level, name="")
    for job in scheduled_jobs():
        scheduler.register(
            run_periodic_job,
            QUEUE,
            args=(job.name,),
            cron=dhaka_to_utc(job.cron),
            job_timeout=job.timeout,
            name=f"batayon:{job.name}",
        )
    return scheduler
