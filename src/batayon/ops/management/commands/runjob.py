"""``batayon runjob NAME``: run a periodic job now, with its heartbeat (for cron, or by hand);
``--enqueue`` puts it on the RQ ``periodic`` queue for a worker instead."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from batayon.ops.jobs import get_job, periodic_jobs, run_periodic_job


class Command(BaseCommand):
    help = "Run a periodic job now (recording its heartbeat), or put it on the RQ queue."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="the job; without it, list the jobs")
        parser.add_argument("--enqueue", action="store_true", help="queue it for an RQ worker")

    def handle(self, *args, name=None, enqueue=False, **options):
        if not name:
            for job in periodic_jobs():
                self.stdout.write(f"{job.name}\t{job.cron or 'after ' + job.after}\t{'' if job.available else 'skipped'}")
            return
        try:
            get_job(name)
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from None
        if enqueue:
            import django_rq

            job = django_rq.get_queue("periodic").enqueue(run_periodic_job, name)
            self.stdout.write(f"queued {name} as RQ job {job.id}")
            return
        try:
            result = run_periodic_job(name)
        except Exception as exc:
            raise CommandError(f"{name} failed: {exc}") from exc
        self.stdout.write(f"{name}: {result}")
