"""``batayon reindex``: rebuild the search index from published content."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from batayon.api.index import reindex
from batayon.offices.models import Area, Office


class Command(BaseCommand):
    help = "সার্চ ইনডেক্স নতুন করে তৈরি করে (Rebuild the search index of every portal, or of some)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--office", help="শুধু এই দপ্তর (domain), e.g. kushtia.gov.bd")
        parser.add_argument("--area", help="শুধু এই এলাকার দপ্তরগুলো (area code of a division/district/upazila)")

    def handle(self, *args, office: str | None = None, area: str | None = None, **options) -> None:
        offices = None
        if office:
            offices = Office.objects.filter(domain=office)
            if not offices.exists():
                raise CommandError(_("দপ্তর পাওয়া যায়নি: %(office)s") % {"office": office})
        elif area:
            found = Area.objects.filter(code=area, level__lte=Area.Level.UPAZILA).order_by("level").first()
            if found is None:
                raise CommandError(_("এলাকা পাওয়া যায়নি: %(area)s") % {"area": area})
            offices = Office.objects.in_area(found)
        started = time.monotonic()
        count = reindex(offices)
        self.stdout.write(f"documents={count} seconds={time.monotonic() - started:.1f}")
