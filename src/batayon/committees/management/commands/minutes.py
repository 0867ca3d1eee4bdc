"""``batayon minutes MEETING_ID -o FILE.pdf``: a meeting's minutes as the government letter."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from batayon.committees.minutes import minutes_pdf
from batayon.committees.models import Meeting


class Command(BaseCommand):
    help = "একটি সভার কার্যবিবরণী PDF হিসেবে লেখে (Write a meeting's minutes as PDF)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("meeting", type=int)
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, meeting: int, output: str, **options) -> None:
        found = Meeting.objects.select_related("committee__office", "committee__area").filter(pk=meeting).first()
        if found is None:
            raise CommandError(f"সভা পাওয়া যায়নি: {meeting}")
        Path(output).write_bytes(minutes_pdf(found))
        self.stdout.write(output)
