from datetime import date

from django.core.management.base import BaseCommand, CommandError

from batayon.bangla.calendar import format_bangla_date
from batayon.bangla.dates import parse_date


class Command(BaseCommand):
    help = "Print the revised Bangla-calendar date of a Gregorian date: 2020-09-28 → ১৩ আশ্বিন ১৪২৭."
    requires_system_checks = ()

    def add_arguments(self, parser) -> None:
        parser.add_argument("date", nargs="?", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, **options) -> None:
        try:
            day = parse_date(options["date"]) if options["date"] else date.today()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(format_bangla_date(day))
