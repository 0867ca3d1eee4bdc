"""``batayon backup DIR``: pg_dump (custom format) + a tar of MEDIA_ROOT + manifest.json."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from batayon.ops.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into DIR (with a manifest of checksums)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--media-root", default=None, help="default: MEDIA_ROOT")

    def handle(self, *args, directory, media_root=None, **options):
        try:
            manifest = backup(Path(directory), Path(media_root or settings.MEDIA_ROOT))
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["content"].values())
        self.stdout.write(f"{directory}: database {manifest['database']} ({rows} content rows), "
                          f"{manifest['media']['files']} media files")
