"""``batayon reindex``: rebuild the search index from published content."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from batayon.api.index import reindex


class Command(BaseCommand):
    help = "সার্চ ইনডেক্স নতুন করে তৈরি করে (Rebuild the search index of every portal)."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        count = reindex()
        self.stdout.write(f"documents={count} seconds={time.monotonic() - started:.1f}")
