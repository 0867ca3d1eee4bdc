"""``batayon send_scheduled_notices``: e-mail the notices whose publish date has come.

A notice published with a date in the future is not mailed at publish (its link would be a
404 until that day); it is marked, and this command — run daily by the scheduler, e.g.
``5 0 * * *  batayon send_scheduled_notices`` — mails it on its day. Idempotent: a notice is
mailed once; a failed attempt is tried again on the next run. Each attempt is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from batayon.workspace.notify import send_due_notices


class Command(BaseCommand):
    help = "E-mail the notices whose publish date has come (daily; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=settings.BATAYON_PUBLIC_URL,
                            help="where the links in the e-mails point (default: BATAYON_PUBLIC_URL)")

    def handle(self, *args, base_url: str, **options):
        results = send_due_notices(base_url.rstrip("/"))
        sent = sum(1 for _, r in results if r.ok)
        failed = len(results) - sent
        self.stdout.write(f"sent={sent} failed={failed}")
        if failed:
            for notice, r in results:
                if not r.ok:
                    self.stderr.write(f"notice {notice.pk}: {r.error}")
