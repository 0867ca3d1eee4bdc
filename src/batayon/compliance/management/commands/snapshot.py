"""``batayon snapshot``: today's per-office and per-unit score rows (evaluate also writes them)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from batayon.compliance.rollups import write_snapshots


class Command(BaseCommand):
    help = "আজকের স্কোরের স্ন্যাপশট লেখে (Write today's score snapshots)."

    def handle(self, *args, **options) -> None:
        offices, units = write_snapshots(timezone.localdate())
        self.stdout.write(f"office snapshots={offices} unit snapshots={units}")
