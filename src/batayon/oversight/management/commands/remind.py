"""``batayon remind [--date YYYY-MM-DD] [--dry-run] [--force]``: the daily digests (R-3.5).

Safe to run at any time and any number of times: it sends only on working days, only from
``BATAYON_REMIND_HOUR`` (Dhaka time) on, and the ledger keeps anyone from being told the same
thing twice. A scheduler (or cron) runs it every day; ``--date`` runs it for a given day
(tests, catching up), ``--force`` ignores the hour."""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from batayon.oversight import reminders
from batayon.oversight.holidays import is_working_day


class Command(BaseCommand):
    help = "তাগিদ ও এস্কেলেশন (Reminders): one digest e-mail per person; prints how many went to whom."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default today, Dhaka time)")
        parser.add_argument("--dry-run", action="store_true", help="compute and print, send nothing")
        parser.add_argument("--force", action="store_true", help="do not wait for BATAYON_REMIND_HOUR")

    def handle(self, *args, **options) -> None:
        now = timezone.localtime()
        if options.get("date"):
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    _('তারিখ "%(value)s" সঠিক নয় (YYYY-MM-DD লিখুন)।') % {"value": options["date"]}
                ) from exc
            if day != now.date():
                now = timezone.make_aware(dt.datetime.combine(day, dt.time(settings.BATAYON_REMIND_HOUR)))
        else:
            day = now.date()
            if now.hour < settings.BATAYON_REMIND_HOUR and not options["force"]:
                self.stdout.write(
                    f"day={day:%Y-%m-%d} not before {settings.BATAYON_REMIND_HOUR}:00 digests=0"
                )
                return
        if not is_working_day(day):
            self.stdout.write(f"day={day:%Y-%m-%d} not a working day digests=0")
            return
        started = time.perf_counter()
        plan, result = reminders.run(day, dry_run=options["dry_run"], now=now)
        roles = " ".join(f"{role}={result.by_role.get(role, 0)}" for role in ("editor", "head", "supervisor"))
        self.stdout.write(
            f"day={day:%Y-%m-%d} offices={plan.offices} digests={result.digests} lines={result.lines} "
            f"{roles} failed={result.failed}{' dry-run' if options['dry_run'] else ''} "
            f"seconds={time.perf_counter() - started:.1f}"
        )
        if options["verbosity"] >= 2 or len(result.recipients) <= 50:
            for username, email, lines, role in result.recipients:
                self.stdout.write(f"  {role}\t{username}\t{email}\t{lines}")
