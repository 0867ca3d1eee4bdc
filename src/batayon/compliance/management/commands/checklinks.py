"""``batayon checklinks``: check every service-box link and record the result (the shared link checker)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from batayon.compliance.links import check_links


class Command(BaseCommand):
    help = "সেবা বক্সের লিংকগুলো কাজ করছে কিনা যাচাই করে (Check the service-box links)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--timeout", type=float, default=5.0, help="seconds per request")
        parser.add_argument("--concurrency", type=int, default=20)
        parser.add_argument("--office", help="only this office's links (domain)")
        parser.add_argument("--evaluate", action="store_true", help="re-evaluate the offices afterwards")
        parser.add_argument("--force", action="store_true", help="also links checked within the last day")

    def handle(self, *args, **options) -> None:
        result = check_links(
            timeout=options["timeout"],
            concurrency=options["concurrency"],
            office_domain=options["office"],
            evaluate_after=options["evaluate"],
            force=options["force"],
        )
        self.stdout.write(
            f"links checked={result['checked']} ok={result['ok']} broken={result['broken']} "
            f"blocked={result['blocked']} slow={result['slow']} redirected={result['redirected']}"
        )
