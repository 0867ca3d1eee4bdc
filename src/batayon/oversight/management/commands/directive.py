"""``batayon directive issue …`` and ``batayon directive status ID [--json]``."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from batayon.offices.models import Office
from batayon.oversight.models import Directive, TargetState
from batayon.oversight.services import DirectiveError, issue_directive, items_from, refresh_targets


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_('তারিখ "%(value)s" সঠিক নয় (YYYY-MM-DD লিখুন)।') % {"value": value}) from exc


def _office(domain: str) -> Office:
    office = Office.objects.filter(domain=domain.strip().lower()).first()
    if office is None:
        raise CommandError(_("%(domain)s নামে কোনো দপ্তর নেই।") % {"domain": domain})
    return office


class Command(BaseCommand):
    help = "নির্দেশনা (Directives): issue one to offices under a supervising office, or print its status."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="issue a directive; prints its id and deadline")
        issue.add_argument("--from", dest="issuer", required=True, help="the issuing office's domain")
        issue.add_argument(
            "--under", help="the subtree addressed (default: everything the issuer supervises)"
        )
        issue.add_argument(
            "--tier", action="append", default=[], help="only offices of this tier (repeatable)"
        )
        issue.add_argument("--rules", default="", help="rulebook codes, comma-separated")
        issue.add_argument("--preset", help="a preset checklist, e.g. seed-001 (items ক–ঝ)")
        issue.add_argument("--item", action="append", default=[], help="a free-text item no rule measures")
        when = issue.add_mutually_exclusive_group(required=True)
        when.add_argument("--working-days", type=int, help="deadline: N working days after the date of issue")
        when.add_argument("--deadline", help="deadline: YYYY-MM-DD")
        issue.add_argument("--date", help="date of issue, YYYY-MM-DD (default today)")
        issue.add_argument("--subject", required=True)
        issue.add_argument("--body", default="")
        issue.add_argument("--memo", default="", help="memo number (স্মারক নম্বর)")
        status = sub.add_parser("status", help="every target office with its state and deadline")
        status.add_argument("id", type=int)
        status.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        if options["action"] == "issue":
            self.issue(options)
        else:
            self.status(options)

    def issue(self, o) -> None:
        issuer = _office(o["issuer"])
        under = _office(o["under"]) if o.get("under") else None
        tiers = [t.strip() for value in o["tier"] for t in value.split(",") if t.strip()]
        try:
            items = items_from(o["rules"].split(","), preset=o.get("preset"), free=o["item"])
            directive = issue_directive(
                issuer=issuer,
                under=under,
                tiers=tiers,
                subject=o["subject"],
                body=o["body"],
                memo_number=o["memo"],
                items=items,
                deadline=_date(o["deadline"]) if o.get("deadline") else None,
                working_days=o.get("working_days"),
                issued_on=_date(o["date"]) if o.get("date") else None,
            )
        except DirectiveError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"directive={directive.pk} deadline={directive.deadline:%Y-%m-%d} "
            f"offices={directive.targets.count()} items={directive.items.count()}"
        )

    def status(self, o) -> None:
        directive = Directive.objects.filter(pk=o["id"]).first()
        if directive is None:
            raise CommandError(_("%(id)s নম্বরের কোনো নির্দেশনা নেই।") % {"id": o["id"]})
        refresh_targets([directive.pk])
        today = timezone.localdate()
        rows = [
            {
                "office": t.office.domain,
                "state": t.state,
                "deadline": f"{directive.deadline:%Y-%m-%d}",
                "acknowledged": t.acknowledged_at.isoformat() if t.acknowledged_at else None,
                "reported": t.reported_at.isoformat() if t.reported_at else None,
                "late": t.is_late(today),
                "items_done": t.items_done,
                "items_total": t.items_total,
            }
            for t in directive.targets.select_related("office", "directive").order_by("office__domain")
        ]
        if o["json"]:
            self.stdout.write(
                json.dumps(
                    {"id": directive.pk, "deadline": f"{directive.deadline:%Y-%m-%d}", "offices": rows},
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        labels = dict(TargetState.choices)
        for r in rows:
            late = " late" if r["late"] else ""
            self.stdout.write(
                f"{r['office']}\t{r['state']}{late}\t{r['deadline']}\t{r['items_done']}/{r['items_total']}"
                f"\t{labels[str(r['state'])]}"
            )
