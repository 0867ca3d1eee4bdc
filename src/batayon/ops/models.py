"""The heartbeat of the periodic jobs: one row per run, written by whatever runs the job."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobRunQuerySet(models.QuerySet):
    def latest_per_job(self) -> dict[str, JobRun]:
        """The last run of each job (one query)."""
        if connections[self.db].features.can_distinct_on_fields:
            rows = self.order_by("job", "-started_at").distinct("job")
        else:
            latest = self.filter(job=models.OuterRef("job")).order_by("-started_at").values("pk")[:1]
            rows = self.filter(pk=models.Subquery(latest))
        return {run.job: run for run in rows}

    def latest_ok_per_job(self) -> dict[str, JobRun]:
        return self.filter(status=JobRun.Status.OK).latest_per_job()


class JobRun(models.Model):
    """One run of a periodic job (``batayon.ops.jobs``): started, finished, ok or error."""

    class Status(models.TextChoices):
        RUNNING = "running"
        OK = "ok"
        ERROR = "error"

    job = models.CharField(max_length=64)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    duration = models.DurationField(null=True, blank=True)
    error = models.TextField(blank=True)  # the end of the traceback, for operators
    host = models.CharField(max_length=200, blank=True)  # the worker that ran it

    objects = JobRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("নির্ধারিত কাজের চালনা")
        verbose_name_plural = _("নির্ধারিত কাজের চালনাসমূহ")
        indexes = (models.Index(fields=["job", "-started_at"], name="ops_jobrun_job_started"),)
        ordering: ClassVar[list[str]] = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M} {self.status}"

    def finish(self, error: str = "") -> None:
        self.finished_at = timezone.now()
        self.duration = self.finished_at - self.started_at
        self.status = self.Status.ERROR if error else self.Status.OK
        self.error = error[-4000:]
        self.save(update_fields=["finished_at", "duration", "status", "error"])

    @property
    def age(self) -> timedelta:
        return timezone.now() - (self.finished_at or self.started_at)
