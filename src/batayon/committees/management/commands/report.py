"""``batayon report compliance|decisions|directives --under DOMAIN --format pdf|xlsx -o FILE``."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from batayon.bangla.dates import parse_date
from batayon.committees.reports import FORMATS, KINDS, ReportUnavailable, build
from batayon.offices.models import Office


class Command(BaseCommand):
    help = "একটি দপ্তরের আওতার (বা সমগ্র দেশের) প্রতিবেদন PDF বা এক্সেলে (A subtree's report as PDF or .xlsx)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--under", default="", help="তত্ত্বাবধায়ক দপ্তরের ডোমেইন, যেমন kushtia.gov.bd; না দিলে সমগ্র দেশ")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf")
        parser.add_argument("-o", "--output", required=True, help="ফাইলের নাম")
        parser.add_argument("--since", default="", help="এই তারিখের পর থেকে পরিবর্তন (না দিলে সর্বশেষ সভা থেকে)")

    def handle(self, *args, kind: str, under: str, fmt: str, output: str, since: str, **options) -> None:
        office = None
        if under:
            office = Office.objects.filter(domain=under.strip().lower()).first()
            if office is None:
                raise CommandError(f"দপ্তর পাওয়া যায়নি: {under}")
        since_date: dt.date | None = None
        if since:
            try:
                since_date = parse_date(since)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc

        def progress(done: int, total: int) -> None:
            if options["verbosity"] > 1 or office is None:
                self.stderr.write(f"{done}/{total}")

        started = time.perf_counter()
        try:
            build(kind, fmt, office, output=output, progress=progress, since=since_date)
        except ReportUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{output} ({time.perf_counter() - started:.1f} s)")
