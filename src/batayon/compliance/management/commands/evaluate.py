"""``batayon evaluate [--all] [--office DOMAIN] [--json]``: the nightly evaluation, set-based.

Without options only what is due is re-evaluated (a deadline passed, content changed or
confirmed since the last evaluation, no score yet) and today's snapshots are written for
every office; ``--all`` re-evaluates every office (a rulebook change does so by itself).
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from batayon.compliance.models import CheckStatus, OfficeScore
from batayon.compliance.services import evaluate
from batayon.offices.models import Office


class Command(BaseCommand):
    help = "সব দপ্তরের পোর্টাল নিয়মাবলি অনুযায়ী মূল্যায়ন করে (Evaluate every office against the rulebook)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--office", action="append", metavar="DOMAIN", help="only this office (repeatable)"
        )
        parser.add_argument(
            "--all", action="store_true", dest="full", help="every office, not only what is due"
        )
        parser.add_argument("--json", action="store_true", help="print domain, score and each rule's status")

    def handle(self, *args, **options) -> None:
        ids = None
        if options["office"]:
            found = dict(Office.objects.filter(domain__in=options["office"]).values_list("domain", "pk"))
            missing = sorted(set(options["office"]) - set(found))
            if missing:
                raise CommandError(_("দপ্তর পাওয়া যায়নি: %(domains)s") % {"domains": ", ".join(missing)})
            ids = list(found.values())
        from batayon.compliance.engine import active_rules
        from batayon.compliance.rulebook import ensure_rules

        ensure_rules()
        bar = tqdm(
            total=len(active_rules()),
            desc="evaluate",
            unit="rule",
            file=sys.stderr,
            disable=options["json"] or options["verbosity"] == 0,
        )
        with bar:
            summary = evaluate(ids, progress=bar.update, full=options["full"])
        if options["json"]:
            self._print_json(ids)
            return
        if options["verbosity"]:
            self.stdout.write(
                f"offices={summary.offices} rules={summary.rules} statuses={summary.statuses} "
                f"inserted={summary.inserted} updated={summary.updated} flips={summary.flips} "
                f"queries={summary.queries} full={int(summary.full)} seconds={summary.seconds:.2f}"
            )

    def _print_json(self, ids: list[int] | None) -> None:
        offices = Office.objects.all() if ids is None else Office.objects.filter(pk__in=ids)
        domains = dict(offices.values_list("pk", "domain"))
        scores = dict(OfficeScore.objects.filter(office_id__in=domains).values_list("office_id", "score"))
        rules: dict[int, dict[str, str]] = {pk: {} for pk in domains}
        statuses = CheckStatus.objects.filter(office_id__in=domains, rule__active=True)
        for oid, code, status in statuses.values_list("office_id", "rule__code", "status").order_by(
            "rule__sort_order"
        ):
            rules[oid][code] = status
        out = [
            {"domain": domains[pk], "score": scores.get(pk), "rules": rules[pk]}
            for pk in sorted(domains, key=lambda p: domains[p])
        ]
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
