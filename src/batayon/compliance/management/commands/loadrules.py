"""``batayon loadrules [--file F]``: validate a rulebook file and load it, or change nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from batayon.compliance.rulebook import RULEBOOK_PATH, RulebookError, load_rules


class Command(BaseCommand):
    help = "নিয়মাবলি (rulebook) ফাইল যাচাই করে ডেটাবেজে লোড করে (Validate and load the rulebook)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--file", default=str(RULEBOOK_PATH), help="YAML rulebook (default: the shipped one)"
        )

    def handle(self, *args, **options) -> None:
        try:
            counts = load_rules(options["file"])
        except RulebookError as exc:
            raise CommandError(
                _("নিয়মাবলি লোড হয়নি, আগের নিয়মাবলি বহাল আছে: %(error)s") % {"error": exc}
            ) from exc
        except OSError as exc:
            raise CommandError(_("ফাইল পড়া যায়নি: %(error)s") % {"error": exc}) from exc
        self.stdout.write(
            f"rules created={counts['created']} updated={counts['updated']} "
            f"deactivated={counts['deactivated']}"
        )
