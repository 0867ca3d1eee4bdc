"""``batayon scheduler``: RQ's cron scheduler, enqueuing the periodic jobs onto the ``periodic``
queue at their times (Dhaka). Run exactly one per deployment, next to the RQ workers."""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand

from batayon.ops.cron import build_scheduler, dhaka_to_utc
from batayon.ops.jobs import periodic_jobs


class Command(BaseCommand):
    help = "Run the scheduler of the periodic jobs (RQ cron; needs REDIS_URL and RQ workers)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="print the plan and exit")
        parser.add_argument("--logging-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])

    def handle(self, *args, **options):
        logging.basicConfig(level=options["logging_level"])
        for job in periodic_jobs():
            when = f"after {job.after}" if job.after else f"{job.cron} Dhaka ({dhaka_to_utc(job.cron)} UTC)"
            state = "" if job.available else "  SKIPPED: no such command in this build"
            self.stdout.write(f"{job.name:<12} batayon {' '.join([job.command, *job.args]):<24} {when}{state}")
        if options["list"]:
            return
        scheduler = build_scheduler(getattr(logging, options["logging_level"]))
        self.stdout.write(f"scheduler {scheduler.name}: {len(scheduler.get_jobs())} scheduled jobs")
        scheduler.start()
