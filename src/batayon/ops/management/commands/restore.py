"""``batayon restore DIR --yes``: checksums verified, the dump restored (objects replaced) into
DATABASE_URL (or --database-url), the files into MEDIA_ROOT (or --media-root), and the restored
content compared with the manifest."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from batayon.ops.backup import restore


class Command(BaseCommand):
    help = "Restore a backup made by `batayon backup` (replaces the database's content)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--database-url", default=None, help="default: DATABASE_URL")
        parser.add_argument("--media-root", default=None, help="default: MEDIA_ROOT")
        parser.add_argument("--yes", action="store_true", help="yes, replace what the database holds")

    def handle(self, *args, directory, database_url=None, media_root=None, yes=False, **options):
        target = database_url or os.environ.get("DATABASE_URL", "")
        if not target.startswith(("postgres://", "postgresql://")):
            raise CommandError("restore needs a PostgreSQL database (DATABASE_URL or --database-url)")
        if not yes:
            raise CommandError(f"this replaces the content of {target.rsplit('/', 1)[-1]}: add --yes")
        try:
            manifest = restore(Path(directory), target, Path(media_root or settings.MEDIA_ROOT))
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {directory} ({manifest['created']}): content and media identical to the backup")
