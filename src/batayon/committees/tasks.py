"""The national compliance report in the background (django-tasks), its progress in ``ReportJob``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from django_tasks import task


@task()
def build_report(job_id: int) -> None:
    from .models import ReportJob
    from .reports import build, filename

    job = ReportJob.objects.select_related("under").get(pk=job_id)
    ReportJob.objects.filter(pk=job_id).update(status=ReportJob.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        ReportJob.objects.filter(pk=job_id).update(done=done, total=total)

    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / filename(job.kind, job.fmt, job.under)
            build(job.kind, job.fmt, job.under, output=str(path), progress=progress)
            job.refresh_from_db()
            with path.open("rb") as fh:
                job.file.save(path.name, File(fh), save=False)
        job.status, job.finished = ReportJob.Status.DONE, timezone.now()
        job.save(update_fields=["file", "status", "finished"])
    except Exception as exc:
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportJob.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:300], finished=timezone.now()
        )
        raise
