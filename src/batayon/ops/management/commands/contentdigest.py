"""``batayon contentdigest``: row counts and digests of the content tables and the media (what a
backup's manifest records and a restore is compared with)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from batayon.ops.backup import content_summary, media_summary


class Command(BaseCommand):
    help = "Row counts and digests of the content tables (and, with --media, of MEDIA_ROOT)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--media", action="store_true")

    def handle(self, *args, **options):
        summary = content_summary()
        if options["media"]:
            summary["media"] = media_summary(Path(settings.MEDIA_ROOT))
        if options["json"]:
            self.stdout.write(json.dumps(summary))
            return
        for label, value in summary.items():
            self.stdout.write(f"{label:<40} {value}")
