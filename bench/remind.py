#!/usr/bin/env python
"""Benchmark of the reminder job's computation on PostgreSQL (never part of the pass/fail suite).

    .venv/bin/python bench/remind.py            # 36,000 offices
    .venv/bin/python bench/remind.py --offices 3600

Builds (or reuses) the synthetic country in the database ``batayon_bench_remind`` through
``batayon synth`` and evaluates it, gives every office one editor and every upazila and district
office a supervisor (set-based), issues one district-wide directive that is overdue, then times
``reminders.plan()`` — who gets which lines today, for the whole country, without sending —
and prints one line:

    offices=<n> digests=<recipients> lines=<lines> seconds=<s>
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from _db import bench_database

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "batayon_bench_remind"



def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offices", type=int, default=36000)
    parser.add_argument("--samples", type=int, default=3)
    args = parser.parse_args()

    url = bench_database(DB_NAME)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("BATAYON_DATA_DIR", tempfile.mkdtemp(prefix="bench-remind-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "batayon.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from batayon.accounts.models import Membership, Role
    from batayon.compliance.models import CheckStatus
    from batayon.offices.models import Office, Tier
    from batayon.oversight import reminders
    from batayon.oversight.holidays import add_working_days
    from batayon.oversight.models import Directive
    from batayon.oversight.services import issue_directive, items_from

    call_command("migrate", verbosity=0)
    have = Office.objects.count()
    # A few synthetic domains collide with real ones and are skipped: within 1% is "that many".
    if abs(have - args.offices) > args.offices // 100:
        started = time.perf_counter()
        log(f"building {args.offices} offices in {DB_NAME} (batayon synth)…")
        call_command("synth", offices=args.offices, reset=have > 0, verbosity=0, stdout=sys.stderr)
        log(f"synth_s={time.perf_counter() - started:.1f}")
    if not CheckStatus.objects.exists() or Office.objects.count() != have:
        started = time.perf_counter()
        call_command("evaluate", verbosity=0, stdout=sys.stderr)
        log(f"evaluate_s={time.perf_counter() - started:.1f}")

    # One editor per office, a supervisor per upazila and district office: set-based.
    User = get_user_model()
    if not User.objects.filter(username__startswith="bench-").exists():
        started = time.perf_counter()
        offices = list(Office.objects.values_list("pk", "tier"))
        with transaction.atomic():
            users = [
                User(username=f"bench-ed-{oid}", email=f"ed{oid}@bench.gov.bd", password="!")
                for oid, _t in offices
            ]
            sups = [
                (oid, User(username=f"bench-sup-{oid}", email=f"sup{oid}@bench.gov.bd", password="!"))
                for oid, tier in offices
                if tier in (Tier.UPAZILA, Tier.DISTRICT)
            ]
            User.objects.bulk_create(users + [u for _o, u in sups], batch_size=5000)
            ids = dict(User.objects.filter(username__startswith="bench-").values_list("username", "pk"))
            Membership.objects.bulk_create(
                [
                    Membership(user_id=ids[f"bench-ed-{oid}"], office_id=oid, role=Role.EDITOR)
                    for oid, _t in offices
                ]
                + [
                    Membership(user_id=ids[f"bench-sup-{oid}"], office_id=oid, role=Role.SUPERVISOR)
                    for oid, _u in sups
                ],
                batch_size=5000,
            )
        log(f"users={len(users) + len(sups)} users_s={time.perf_counter() - started:.1f}")

    today = timezone.localdate()
    if not Directive.objects.exists():
        dc = Office.objects.filter(tier=Tier.DISTRICT).order_by("pk").first()
        issued = today - dt.timedelta(days=30)
        issue_directive(
            issuer=dc,
            subject="bench",
            items=items_from(preset="seed-001"),
            issued_on=issued,
            deadline=add_working_days(issued, 7),
        )

    offices = Office.objects.count()
    timings = []
    for _i in range(args.samples):
        started = time.perf_counter()
        plan = reminders.plan(today)
        timings.append(time.perf_counter() - started)
    by_role: dict[str, int] = {}
    for lines in plan.digests.values():
        role = reminders.role_of(lines)
        by_role[role] = by_role.get(role, 0) + 1
    log("roles: " + " ".join(f"{k}={v}" for k, v in sorted(by_role.items())) + f" runs={timings}")
    print(f"offices={offices} digests={len(plan.digests)} lines={plan.lines} seconds={min(timings):.1f}")


if __name__ == "__main__":
    main()
