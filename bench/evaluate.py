#!/usr/bin/env python
"""Benchmark of the compliance engine on PostgreSQL (never part of the pass/fail suite).

    .venv/bin/python bench/evaluate.py --offices 3600
    .venv/bin/python bench/evaluate.py --offices 36000

Builds (or reuses, with --reuse) a synthetic national dataset in the database
``batayon_bench_eval`` on the PostgreSQL server of DATABASE_URL (default 127.0.0.1:5432,
user postgres), then prints one line:

    offices=<n> rows=<content rows> full_s=<s> nightly_s=<s> office_ms=<ms> rollup_ms=<ms>

- full_s: a full evaluation of every office from empty status tables (every status row
  inserted, scores and snapshots written);
- nightly_s: a second ``evaluate()`` (the nightly default) with nothing changed: only offices
  with a passed deadline or a change since their evaluation are re-evaluated (none here), and
  today's snapshot rows of every office and unit are written set-based;
- office_ms: median time to re-evaluate one office (as after an editor's save);
- rollup_ms: median time of a district's roll-up plus the national roll-up (summary,
  league table of the units below, per-rule breakdown — what a supervisor's page computes).
Details (warm re-run, each roll-up separately, query counts) go to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _db import bench_database

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "batayon_bench_eval"



def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offices", type=int, default=3600)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the dataset if it already has that many offices"
    )
    parser.add_argument("--samples", type=int, default=31)
    args = parser.parse_args()

    url = bench_database(DB_NAME)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("BATAYON_DATA_DIR", tempfile.mkdtemp(prefix="bench-eval-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "batayon.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from batayon.compliance import rollups
    from batayon.compliance.models import (
        CheckStatus,
        Flip,
        OfficeScore,
        RollupSnapshot,
        RuleCount,
        ScoreSnapshot,
    )
    from batayon.compliance.rulebook import load_rules
    from batayon.compliance.services import evaluate, evaluate_office
    from batayon.devtools.synth import content_rows, synthesise
    from batayon.offices.models import Area, Office

    call_command("migrate", verbosity=0)
    have = Office.objects.count()
    # A few synthetic domains collide with real ones and are skipped: 35,984 of 36,000 is "that many".
    if not (args.reuse and abs(have - args.offices) <= args.offices // 100):
        started = time.perf_counter()
        log(f"building {args.offices} offices in {DB_NAME}…")
        synthesise(args.offices, reset=have > 0)
        log(f"synth_s={time.perf_counter() - started:.1f}")
    load_rules()
    rows = content_rows()
    offices = Office.objects.count()

    with connection.cursor() as cursor:
        tables = [
            m._meta.db_table
            for m in (CheckStatus, Flip, OfficeScore, ScoreSnapshot, RollupSnapshot, RuleCount)
        ]
        cursor.execute(f"TRUNCATE {', '.join(tables)}")
    started = time.perf_counter()
    summary = evaluate()
    full_s = time.perf_counter() - started
    log(
        f"cold full: {full_s:.1f}s statuses={summary.statuses} queries={summary.queries} "
        + " ".join(f"{k}={v:.1f}s" for k, v in summary.timings.items())
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    started = time.perf_counter()
    summary = evaluate(full=True)
    log(f"warm full (nothing changed): {time.perf_counter() - started:.1f}s updated={summary.updated}")
    started = time.perf_counter()
    summary = evaluate()
    nightly_s = time.perf_counter() - started
    log(
        f"nightly (nothing changed): {nightly_s:.2f}s offices={summary.offices} "
        f"updated={summary.updated} full={summary.full}"
    )
    from django.utils import timezone

    tomorrow = timezone.now() + dt.timedelta(days=1)
    started = time.perf_counter()
    summary = evaluate(now=tomorrow)
    log(
        f"nightly a day later (deadlines passed): {time.perf_counter() - started:.2f}s "
        f"offices={summary.offices} updated={summary.updated} flips={summary.flips} full={summary.full}"
    )

    rng = random.Random(7)
    ids = list(Office.objects.values_list("pk", flat=True))
    times = []
    for office_id in rng.sample(ids, min(args.samples, len(ids))):
        started = time.perf_counter()
        evaluate_office(office_id)
        times.append((time.perf_counter() - started) * 1000)
    office_ms = statistics.median(times)
    with CaptureQueriesContext(connection) as q:
        evaluate_office(ids[len(ids) // 2])
    log(f"one office: median {office_ms:.1f} ms, max {max(times):.1f} ms, {len(q)} queries")

    district = max(
        Area.objects.filter(level=Area.Level.DISTRICT),
        key=lambda a: Office.objects.filter(district=a).count(),
    )

    def district_rollup():
        scope = Office.objects.filter(geo_path__startswith=district.path)
        out = rollups.rollup(scope, "upazila")
        rollups.rule_breakdown(scope)
        return out

    def national_rollup():
        scope = Office.objects.all()
        out = rollups.rollup(scope, "district")
        rollups.rule_breakdown(scope, national=True)
        return out

    both, d_times, n_times = [], [], []
    for _ in range(max(5, args.samples // 2)):
        t0 = time.perf_counter()
        district_rollup()
        t1 = time.perf_counter()
        national_rollup()
        t2 = time.perf_counter()
        d_times.append((t1 - t0) * 1000)
        n_times.append((t2 - t1) * 1000)
        both.append((t2 - t0) * 1000)
    rollup_ms = statistics.median(both)
    log(
        f"roll-ups: district {district.name_en} ({Office.objects.filter(district=district).count()} offices) "
        f"median {statistics.median(d_times):.1f} ms, national median {statistics.median(n_times):.1f} ms"
    )
    print(
        f"offices={offices} rows={rows} full_s={full_s:.1f} nightly_s={nightly_s:.2f} office_ms={office_ms:.1f} "
        f"rollup_ms={rollup_ms:.1f}"
    )


if __name__ == "__main__":
    main()
