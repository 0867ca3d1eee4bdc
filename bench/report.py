"""Time the Kushtia district's compliance report (every office of the district), PDF and .xlsx.

    python bench/report.py                      # embedded SQLite in /tmp/batayon-bench-report
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> python bench/report.py

Loads the demo (registry, Kushtia content, evaluation, the seed meetings) if the database does
not have it yet, then builds each report ``BENCH_RUNS`` times (default 3) and prints
``offices=<n> rules=<r> pdf_s=<best> xlsx_s=<best> pdf_pages=<p>``. The target is < 10 s.
Not part of the test suite.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("BATAYON_DATA_DIR", "/tmp/batayon-bench-report")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batayon.settings")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
DOMAIN = os.environ.get("BENCH_UNDER", "kushtia.gov.bd")


def main() -> None:
    import django
    import pikepdf

    django.setup()
    from django.core.management import call_command

    from batayon.committees.reports import Subtree, build
    from batayon.compliance.models import CheckStatus, Rule
    from batayon.offices.models import Office

    call_command("migrate", verbosity=0)
    office = Office.objects.filter(domain=DOMAIN).first()
    if office is None or not CheckStatus.objects.filter(office=office).exists():
        with open(os.devnull, "w") as devnull:
            call_command("loaddemo", stdout=devnull)
        office = Office.objects.get(domain=DOMAIN)
    offices = Subtree.of(office).offices.count()
    timings: dict[str, float] = {}
    pdf = b""
    for fmt in ("pdf", "xlsx"):
        best = float("inf")
        for _ in range(RUNS):
            started = time.perf_counter()
            data = build("compliance", fmt, office)
            best = min(best, time.perf_counter() - started)
            if fmt == "pdf":
                pdf = data
        timings[fmt] = best
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        pages = len(doc.pages)
    print(f"under={DOMAIN} offices={offices} rules={Rule.objects.filter(active=True).count()} "
          f"pdf_s={timings['pdf']:.2f} xlsx_s={timings['xlsx']:.2f} pdf_pages={pages}")


if __name__ == "__main__":
    main()
