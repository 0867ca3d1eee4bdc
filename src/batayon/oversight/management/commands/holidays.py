"""``batayon holidays load FILE`` (CSV: date,name_bn[,name_en]) and ``batayon holidays list [--year Y]``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from batayon.oversight.holidays import FIXED, HolidayFileError, load_holidays
from batayon.oversight.models import Holiday


class Command(BaseCommand):
    help = "ছুটির তালিকা (Holiday calendar): load a CSV of movable holidays, or list a year's holidays."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="CSV with the columns date,name_bn[,name_en]; all rows or none")
        load.add_argument("file")
        listing = sub.add_parser("list", help="the holidays of a year (fixed and entered)")
        listing.add_argument("--year", type=int, default=dt.date.today().year)

    def handle(self, *args, **options) -> None:
        if options["action"] == "load":
            path = Path(options["file"])
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(_("ফাইলটি পড়া যায়নি: %(file)s") % {"file": path}) from exc
            try:
                created, updated = load_holidays(text)
            except HolidayFileError as exc:
                raise CommandError(_("কোনো ছুটি যোগ করা হয়নি।") + "\n" + "\n".join(exc.errors)) from exc
            self.stdout.write(f"created={created} updated={updated}")
            return
        year = options["year"]
        days = {dt.date(year, m, d): names[0] for (m, d), names in FIXED.items()}
        days.update(dict(Holiday.objects.filter(date__year=year).values_list("date", "name_bn")))
        for day in sorted(days):
            self.stdout.write(f"{day:%Y-%m-%d} {days[day]}")
