"""The RQ job class of the platform's workers (``RQ["JOB_CLASS"]``).

django-tasks' RQ backend only runs jobs that point to a django-tasks ``Task``; the periodic jobs
the cron scheduler enqueues are a plain function (:func:`batayon.ops.jobs.run_periodic_job`), so
this class runs that one function too, and nothing else. It also times every job for /metrics
and keeps the worker's database connections fresh between jobs.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import close_old_connections
from django_tasks_rq import Job as TaskJob
from rq.job import Job as PlainJob

PLAIN_FUNCTIONS = {"batayon.ops.jobs.run_periodic_job"}


class Job(TaskJob):
    @property
    def is_plain(self) -> bool:
        return self.func_name in PLAIN_FUNCTIONS

    @property
    def func(self) -> Any:
        if self.is_plain:
            return PlainJob.func.fget(self)  # type: ignore[attr-defined]  # a property on RQ's Job
        return super().func

    def _execute(self) -> Any:
        if self.is_plain:
            return PlainJob._execute(self)
        return super()._execute()

    def perform(self) -> Any:
        from .metrics import observe_task

        close_old_connections()
        started = time.monotonic()
        outcome = "error"
        try:
            result = PlainJob.perform(self) if self.is_plain else super().perform()
            outcome = "ok"
            return result
        finally:
            name = str(self.args[0] if self.is_plain and self.args else self.func_name or "")
            observe_task(name.rsplit(".", 1)[-1], outcome, time.monotonic() - started)
            close_old_connections()
