"""``batayon audit [DOMAIN|URL …] [--all] [--json]``: audit portals hosted elsewhere."""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from batayon.audit.services import UnknownTarget, audit, hosted_elsewhere, resolve_targets


def _queued() -> bool:
    return "Immediate" not in settings.TASKS["default"]["BACKEND"]


class Command(BaseCommand):
    help = (
        "বাইরে চলা পোর্টাল নিরীক্ষা করে একই নিয়মাবলিতে মূল্যায়ন করে "
        "(Crawl portals hosted elsewhere and score them on the same rulebook)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("targets", nargs="*", metavar="DOMAIN|URL")
        parser.add_argument("--all", action="store_true", help="every office marked as hosted elsewhere")
        parser.add_argument("--json", action="store_true", help="print the results as JSON")
        parser.add_argument("--no-evaluate", action="store_true", help="do not re-evaluate the checklists")
        parser.add_argument("--in-process", action="store_true", help="with --all: do not use the task queue")
        parser.add_argument(
            "--processes", type=int, default=None, help="crawl in this many processes (default AUDIT_PROCESSES)"
        )

    def handle(self, *args, **options) -> None:
        if options["all"] and options["targets"]:
            raise CommandError("দপ্তরের ঠিকানা অথবা --all, দুটো একসাথে নয়")
        if options["all"]:
            targets = hosted_elsewhere()
        elif options["targets"]:
            try:
                targets = resolve_targets(options["targets"])
            except UnknownTarget as exc:
                raise CommandError(str(exc)) from None
        else:
            raise CommandError("কোন দপ্তর? ডোমেইন বা URL দিন, অথবা --all")

        if options["all"] and _queued() and not options["in_process"]:
            from batayon.audit.tasks import audit_offices, jobs

            batches = jobs([o for o, _u in targets], settings.AUDIT_JOB_SIZE)
            for ids in batches:
                audit_offices.enqueue(ids)
            self.stdout.write(f"queued jobs={len(batches)} offices={len(targets)}")
            return

        started = time.monotonic()
        quiet = options["json"] or options["verbosity"] == 0
        with tqdm(
            total=len(targets), unit="portal", disable=quiet or len(targets) < 2, file=self.stderr
        ) as bar:
            runs = audit(
                targets,
                progress=bar.update,
                evaluate=not options["no_evaluate"],
                processes=options["processes"],
            )
        seconds = time.monotonic() - started
        if options["json"]:
            self.stdout.write(json.dumps([_as_json(r) for r in runs], ensure_ascii=False, indent=1))
            return
        for r in runs:
            codes = ",".join(f["code"] for f in r.findings) or "-"
            self.stdout.write(f"{r.office.domain} outcome={r.outcome} pages={r.pages} findings={codes}")
        pages = sum(r.pages for r in runs)
        self.stdout.write(f"portals={len(runs)} pages={pages} seconds={seconds:.1f}")


def _as_json(run) -> dict:
    return {
        "domain": run.office.domain,
        "url": run.base_url,
        "outcome": run.outcome,
        "error": run.error,
        "pages": run.pages,
        "bytes": run.bytes,
        "https": run.https,
        "hsts_max_age": run.hsts_max_age,
        "cert_expires_at": run.cert_expires_at.isoformat() if run.cert_expires_at else None,
        "missing_headers": run.missing_headers,
        "has_bangla": run.has_bangla,
        "has_english": run.has_english,
        "defaced": run.defaced,
        "findings": run.findings,
        "observations": {
            o.source: {
                "n": o.n,
                "last_change": o.last_change.isoformat() if o.last_change else None,
                "blanks": o.blanks,
                "untranslated": o.untranslated,
                "evidence": o.evidence,
            }
            for o in run.observations.all()
        },
    }
