#!/usr/bin/env python
"""Benchmark of the auditor over a portal farm, with linkinator and lychee over the same farm
(never part of the pass/fail suite).

    make bench-audit                      # installs linkinator (npm) and lychee (PyPI), runs this
    .venv/bin/python bench/audit.py --portals 1000 [--addresses 250] [--no-tools]

A farm of ``--portals`` portals in the style of the national portal framework (tests/audit/farm.py)
runs in its own process on loopback addresses; the registry's first N offices (a temporary
SQLite database) are the offices audited. Prints one line per run:

    portals=<n> pages=<n> seconds=<s> pages_per_s=<x> cpu_s=… cpu_us_per_page=…
                                          (the auditor: every check, recorded)
    tool=linkinator … cpu_s=… cpu_us_per_link=…   (a bare link check of the same farm)
    compare: auditor_cpu_us_per_page=… linkinator_cpu_us_per_link=… ratio=…

CPU seconds (the auditor's process and its children; the tool's process tree; the farm's
apart) are the robust measure on a shared machine, wall seconds the one a user waits.

Runs: (1) the auditor over the farm on ONE address (every portal its own host name), (2)
linkinator recursing over the same farm on that single host (portals under /p/<domain>/),
(3) lychee checking every link of the same pages, (4) the auditor over the farm spread over
``--addresses`` loopback addresses. The auditor keeps ≤ 2 requests in flight per host.
The auditor runs in ``--processes`` processes (default: one per core; sites split by host,
see batayon/audit/parallel.py), and runs (1) and (4) are repeated in one process for
comparison (the ``compare:`` line sets the one-process run (1) against linkinator); each line
says how many processes it used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINKINATOR = ROOT / "bench" / ".node" / "node_modules" / ".bin" / "linkinator"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def start_farm(domains_file: str, portals: int, addresses: int, port: int) -> tuple[subprocess.Popen, dict]:
    global FARM_PID
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "audit" / "farm.py"),
            "--portals",
            str(portals),
            "--addresses",
            str(addresses),
            "--port",
            str(port),
            "--domains",
            domains_file,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    FARM_PID = proc.pid
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise SystemExit("the farm did not start")
    return proc, json.loads(line)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def cpu_self() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_of(pid: int) -> float:
    """CPU seconds a process has used so far (the farm's, from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


FARM_PID = 0


def run_auditor(offices, info: dict, label: str, sites_at_once: int, processes: int = 1) -> tuple[int, float]:
    from django.conf import settings

    from batayon.audit.models import Link
    from batayon.audit.services import audit, portal_url

    # Every run checks the service-box links again (a repeat would find them checked today).
    Link.objects.update(next_check_at=None)
    settings.AUDIT_HOSTS = info["hosts"]
    settings.AUDIT_BASE_URL = f"http://{{domain}}:{info['port']}/"
    started, cpu0, farm0 = time.monotonic(), cpu_self() + cpu_children(), cpu_of(FARM_PID)
    timings: dict[str, float] = {}
    runs = audit(
        [(o, portal_url(o)) for o in offices],
        evaluate=False,
        sites_at_once=sites_at_once,
        timings=timings,
        processes=processes,
    )
    seconds = time.monotonic() - started
    cpu, farm_cpu = cpu_self() + cpu_children() - cpu0, cpu_of(FARM_PID) - farm0
    pages = sum(r.pages for r in runs)
    bad = sum(1 for r in runs if r.outcome != "ok")
    flagged = sum(1 for r in runs if {f["code"] for f in r.findings} - {"no_https"})
    from collections import Counter

    codes = Counter(f["code"] for r in runs for f in r.findings if f["code"] != "no_https")
    log(f"[{label}] seconds: " + ", ".join(f"{k}={v:.1f}" for k, v in timings.items()))
    log(f"[{label}] outcomes not ok={bad}, portals with findings besides no_https={flagged} {dict(codes)}")
    print(
        f"portals={len(runs)} pages={pages} seconds={seconds:.1f} pages_per_s={pages / seconds:.0f} "
        f"cpu_s={cpu:.1f} cpu_us_per_page={cpu / max(pages, 1) * 1e6:.0f} farm_cpu_s={farm_cpu:.1f} "
        f"processes={processes} run={label}",
        flush=True,
    )
    return pages, cpu


def run_tool(name: str, cmd: list[str], urls_note: str) -> tuple[int | None, float]:
    started, cpu0, farm0 = time.monotonic(), cpu_children(), cpu_of(FARM_PID)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
    seconds, cpu, farm_cpu = time.monotonic() - started, cpu_children() - cpu0, cpu_of(FARM_PID) - farm0
    out = result.stdout
    checked = None
    if name == "linkinator":
        try:
            checked = len(json.loads(out).get("links", []))
        except (json.JSONDecodeError, AttributeError):
            pass
    elif name == "lychee":
        try:
            checked = json.loads(out).get("total")
        except (json.JSONDecodeError, AttributeError):
            pass
    if checked is None:
        log(f"[{name}] exit={result.returncode} stderr={result.stderr[-500:]}")
    rate = f"{checked / seconds:.0f}" if checked else "?"
    per_link = f"{cpu / checked * 1e6:.0f}" if checked else "?"
    print(
        f"tool={name} links={checked} seconds={seconds:.1f} links_per_s={rate} cpu_s={cpu:.1f} "
        f"cpu_us_per_link={per_link} farm_cpu_s={farm_cpu:.1f} ({urls_note})",
        flush=True,
    )
    return checked, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portals", type=int, default=1000)
    parser.add_argument("--addresses", type=int, default=250, help="loopback addresses for the spread run")
    parser.add_argument("--port", type=int, default=19711)
    parser.add_argument(
        "--delay", type=float, default=0.1, help="seconds between two request starts per host"
    )
    parser.add_argument("--sites-at-once", type=int, default=1000)
    parser.add_argument("--no-tools", action="store_true", help="skip linkinator and lychee")
    parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1, help="processes the auditor crawls in"
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-audit-")
    os.environ["BATAYON_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "batayon.settings"
    os.environ["BATAYON_AUDIT_ALLOW_NETWORKS"] = "127.0.0.0/8"
    os.environ["BATAYON_AUDIT_DELAY"] = str(args.delay)
    os.environ["BATAYON_AUDIT_PER_HOST"] = "2"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from batayon.offices.models import Office
    from batayon.offices.registry import load_geography, load_offices

    t = time.monotonic()
    call_command("migrate", verbosity=0)
    load_geography()
    load_offices()
    offices = list(Office.objects.order_by("domain")[: args.portals])
    Office.objects.filter(pk__in=[o.pk for o in offices]).update(is_hosted=False)
    domains_file = os.path.join(tmp, "domains.txt")
    Path(domains_file).write_text("\n".join(o.domain for o in offices), encoding="utf-8")
    log(f"database with {len(offices)} offices hosted elsewhere ready in {time.monotonic() - t:.0f}s")
    log(f"load: {os.getloadavg()}, cores: {os.cpu_count()}")

    # (1)–(3): the farm on one address.
    farm, info = start_farm(domains_file, len(offices), 1, args.port)
    try:
        one = run_auditor(offices, info, "single-address", args.sites_at_once, args.processes)
        if args.processes > 1:  # and in one process, the fair comparison with one linkinator process
            one = run_auditor(offices, info, "single-address", args.sites_at_once, 1)
        if not args.no_tools:
            single = f"http://127.0.1.1:{info['port']}/"
            if LINKINATOR.exists():
                links, linkinator_cpu = run_tool(
                    "linkinator",
                    [
                        str(LINKINATOR),
                        single,
                        "--recurse",
                        "--concurrency",
                        "100",
                        "--format",
                        "json",
                        "--timeout",
                        "15000",
                    ],
                    "recursive crawl of the single-host farm",
                )
                pages, auditor_cpu = one
                if links and pages:
                    # CPU is the robust measure on a shared machine: wall time depends on the
                    # other jobs, the work a page (or a link) costs much less.
                    auditor_us, linkinator_us = auditor_cpu / pages * 1e6, linkinator_cpu / links * 1e6
                    print(
                        f"compare: auditor_cpu_us_per_page={auditor_us:.0f} (one process, every check, "
                        f"recorded) linkinator_cpu_us_per_link={linkinator_us:.0f} "
                        f"ratio={auditor_us / linkinator_us:.2f}",
                        flush=True,
                    )
            else:
                log("linkinator is not installed (make bench-audit installs it into bench/.node)")
            lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
            if lychee:
                inputs = os.path.join(tmp, "lychee-inputs.txt")
                Path(inputs).write_text(
                    "\n".join(f"{single}p/{o.domain}/" for o in offices), encoding="utf-8"
                )
                run_tool(
                    "lychee",
                    [
                        lychee,
                        "--no-progress",
                        "--format",
                        "json",
                        "--max-concurrency",
                        "128",
                        "--host-concurrency",
                        "128",
                        "--host-request-interval",
                        "0ms",
                        "--timeout",
                        "15",
                        "--max-retries",
                        "0",
                        "--files-from",
                        inputs,
                    ],
                    "every link on the portals' home pages",
                )
            else:
                log("lychee is not installed (pip install -e '.[bench]')")
    finally:
        stop(farm)

    # (4): the farm spread over many loopback addresses.
    farm, info = start_farm(domains_file, len(offices), args.addresses, args.port + 1)
    try:
        run_auditor(offices, info, f"{args.addresses}-addresses", args.sites_at_once, args.processes)
        if args.processes > 1:
            run_auditor(offices, info, f"{args.addresses}-addresses", args.sites_at_once, 1)
    finally:
        stop(farm)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
