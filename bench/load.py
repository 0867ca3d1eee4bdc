"""Load test of the production stack (nginx → gunicorn → PostgreSQL/Redis, RQ workers), loopback only.

    python bench/load.py [--seconds 120] [--readers 200] [--editors 20] [--port 18020]

Starts the stack itself (``batayon.ops.stack``, on DATABASE_URL/REDIS_URL: the demo is loaded
when the database has none), then for ``--seconds``:
  * readers ask for public portal pages of the Kushtia demo offices through nginx (each reader a
    page about every ``--reader-think`` seconds);
  * editors, each signed in to their own union parishad, publish a notice dated today and delete it
    again, in turn; every save flips the office's "notices-fresh" check, and the editor measures
    how long until the flip is visible on the office's checklist (/workspace/<domain>/) and on the
    supervisor's page of that office (/supervision/office/<domain>/, the score).
Then the office home page's req/s: through nginx's cache, the same bytes as a static file from
nginx, and one uncached gunicorn worker (with ``wrk`` when installed, else this script's client).
Prints errors, req/s and p50/p95 latency. Bounded in time (≤ 600 s of load) and requests, and
stops everything it started. Never part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import hmac
import json
import os
import random
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from batayon.ops.stack import Stack

HOST = "127.0.0.1"  # loopback only, always
MAX_SECONDS = 600
MAX_REQUESTS = 2_000_000
SECTIONS = ["", "officers/", "notices/", "services/", "charter/", "rti/"]
BENCH_PASSWORD = "bench-load-password-1"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the bench supervisor's TOTP device


# -- a small HTTP/1.1 keep-alive client on asyncio streams ------------------------------------


class Conn:
    def __init__(self, port: int, host_header: str):
        self.port, self.host_header = port, host_header
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    async def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes]:
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
            body = urlencode(form).encode() if form is not None else b""
            head = [f"{method} {path} HTTP/1.1", f"Host: {self.host_header}", "Accept-Encoding: identity"]
            if self.cookies:
                head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            if form is not None:
                head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}",
                         f"Origin: http://{self.host_header}", f"Referer: http://{self.host_header}{path}"]
            self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            try:
                await self.writer.drain()
                raw = await self.reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
                continue
            lines = raw.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers: dict[str, str] = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    name, value = name.strip().lower(), value.strip()
                    if name == "set-cookie":
                        cookie = value.split(";", 1)[0]
                        key, _, val = cookie.partition("=")
                        if val and "max-age=0" not in value.lower():
                            self.cookies[key] = val
                        else:
                            self.cookies.pop(key, None)
                    headers[name] = value
            if "content-length" in headers:
                data = await self.reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding") == "chunked":
                parts = []
                while True:
                    size = int((await self.reader.readline()).strip(), 16)
                    if size == 0:
                        await self.reader.readline()
                        break
                    parts.append(await self.reader.readexactly(size))
                    await self.reader.readline()
                data = b"".join(parts)
            else:
                data = await self.reader.read()
                self.close()
            if headers.get("connection", "").lower() == "close":
                self.close()
            return status, headers, data
        raise RuntimeError("unreachable")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def csrf_token(html: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1).decode()


def cards(page: bytes) -> list[bytes]:
    """The score and the failing count on the supervisor's page of an office."""
    return re.findall(rb'<span class="big">([^<]*)</span>', page)[:2]


def totp(key_hex: str, at: float | None = None) -> str:
    counter = int((at or time.time()) // 30)
    mac = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return str((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000).zfill(6)


async def sign_in(conn: Conn, username: str, second_factor: bool = False) -> None:
    conn.cookies["django_language"] = "en"  # ASCII digits in the pages the editors read
    status, _h, page = await conn.request("GET", "/accounts/login/")
    status, _headers, _b = await conn.request("POST", "/accounts/login/", {
        "csrfmiddlewaretoken": csrf_token(page), "username": username, "password": BENCH_PASSWORD})
    if status != 302:
        raise RuntimeError(f"{username}: sign-in answered {status}")
    if second_factor:
        status, _h, page = await conn.request("GET", "/accounts/2fa/")
        status, _h, _b = await conn.request("POST", "/accounts/2fa/", {
            "csrfmiddlewaretoken": csrf_token(page), "token": totp(TOTP_KEY)})
        if status != 302:
            raise RuntimeError(f"{username}: second factor answered {status}")


# -- the load ----------------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def add(self, seconds: float, ok: bool, what: str = "") -> None:
        self.latencies.append(seconds)
        if not ok:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(what)

    def line(self, name: str, seconds: float) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return f"{name:<28} no requests"
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
        return (f"{name:<28} {len(lat):>7} requests  {len(lat) / seconds:7.1f} req/s  errors {self.errors:<4}"
                f"  p50 {p(0.50):6.1f} ms  p95 {p(0.95):6.1f} ms  p99 {p(0.99):6.1f} ms")


class Load:
    def __init__(self, args, stack: Stack, setup: dict):
        self.args, self.stack, self.setup = args, stack, setup
        self.readers, self.saves, self.polls = Stats(), Stats(), Stats()
        self.visible_checklist: list[float] = []
        self.visible_rollup: list[float] = []
        self.not_visible = 0
        self.requests = 0
        self.deadline = 0.0

    def running(self) -> bool:
        return time.monotonic() < self.deadline and self.requests < self.args.max_requests

    async def reader(self, rng: random.Random) -> None:
        conns = {domain: Conn(self.stack.port, domain) for domain in self.setup["portal_domains"]}
        await asyncio.sleep(rng.uniform(0, self.args.reader_think))
        while self.running():
            domain = rng.choice(self.setup["portal_domains"])
            path = f"/{rng.choice(['bn', 'bn', 'en'])}/{rng.choice(SECTIONS)}"
            started = time.perf_counter()
            try:
                status, _h, _b = await conns[domain].request("GET", path)
                ok = status == 200
            except Exception as exc:  # noqa: BLE001
                status, ok = repr(exc), False
                conns[domain].close()
            self.readers.add(time.perf_counter() - started, ok, f"GET {domain}{path}: {status}")
            self.requests += 1
            await asyncio.sleep(rng.uniform(0.5, 1.5) * self.args.reader_think)

    async def wait_visible(self, conn: Conn, path: str, test, since: float) -> float | None:
        """Seconds from the save's answer to the first request of ``path`` whose page shows it
        (a user opening the page that long after saving sees the change)."""
        while time.perf_counter() - since < self.args.visible_timeout:
            started = time.perf_counter()
            status, _h, page = await conn.request("GET", path)
            self.polls.add(time.perf_counter() - started, status == 200, f"GET {path}: {status}")
            self.requests += 1
            if status == 200 and test(page):
                return max(0.0, started - since)
            await asyncio.sleep(self.args.poll_interval)
        return None

    async def editor(self, username: str, domain: str, rng: random.Random) -> None:
        web = Conn(self.stack.port, f"127.0.0.1:{self.stack.port}")
        boss = Conn(self.stack.port, f"127.0.0.1:{self.stack.port}")
        boss.cookies = dict(self.setup["supervisor_cookies"])
        await sign_in(web, username)
        await asyncio.sleep(rng.uniform(0, self.args.editor_think))
        section = f"/workspace/{domain}/notices/"
        notice_pk = None
        while self.running():
            _s, _h, page = await boss.request("GET", f"/supervision/office/{domain}/")
            before = cards(page)
            started = time.perf_counter()
            try:
                if notice_pk is None:
                    _s, _h, form = await web.request("GET", f"{section}new/")
                    status, _headers, _b = await web.request("POST", f"{section}new/", {
                        "csrfmiddlewaretoken": csrf_token(form), "title_bn": f"লোড পরীক্ষার নোটিশ {time.time_ns()}",
                        "publish_date": dt.date.today().isoformat(), "intent": "publish"})
                    expect_ok = True
                else:
                    _s, _h, form = await web.request("GET", f"{section}{notice_pk}/delete/")
                    status, _headers, _b = await web.request("POST", f"{section}{notice_pk}/delete/", {
                        "csrfmiddlewaretoken": csrf_token(form)})
                    expect_ok = False
                ok = status == 302
            except Exception as exc:  # noqa: BLE001
                status, ok, expect_ok = repr(exc), False, None
                web.close()
            saved_at = time.perf_counter()
            self.saves.add(saved_at - started, ok, f"save {domain}: {status}")
            self.requests += 2
            if ok:
                if expect_ok:
                    _s, _h, listing = await web.request("GET", section)
                    pks = [int(pk) for pk in re.findall(rf"{section}(\d+)/".encode(), listing)]
                    notice_pk = max(pks) if pks else None
                else:
                    notice_pk = None
                # Visible on the office's checklist: the notices-fresh check flipped.
                check = re.compile(rb'<li class="st-([a-z_]+)" id="check-notices-fresh">')

                def flipped(page: bytes, check: re.Pattern = check, expect_ok: bool | None = expect_ok) -> bool:
                    found = check.search(page)
                    return bool(found) and (found.group(1) == b"ok") == expect_ok

                # Both pages are watched at once, each on its own connection.
                on_checklist, on_rollup = await asyncio.gather(
                    self.wait_visible(web, f"/workspace/{domain}/", flipped, saved_at),
                    self.wait_visible(boss, f"/supervision/office/{domain}/",
                                      lambda page, before=before: cards(page) != before, saved_at),
                )
                for lag, into in ((on_checklist, self.visible_checklist), (on_rollup, self.visible_rollup)):
                    if lag is None:
                        self.not_visible += 1
                    else:
                        into.append(lag)
            await asyncio.sleep(rng.uniform(0.5, 1.5) * self.args.editor_think)

    async def run(self) -> None:
        self.deadline = time.monotonic() + self.args.seconds
        rng = random.Random(12)
        tasks = [self.reader(random.Random(rng.random())) for _ in range(self.args.readers)]
        tasks += [self.editor(name, domain, random.Random(rng.random()))
                  for name, domain in self.setup["editors"][: self.args.editors]]
        await asyncio.gather(*tasks)


# -- setup and the cache/static/uncached comparison ---------------------------------------------

SETUP_SCRIPT = """
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
from django.contrib.auth import get_user_model
from batayon.accounts.models import Membership
from batayon.content.models import Notice, Officer
from batayon.offices.models import Office
from batayon.ops.jobs import run_periodic_job
User = get_user_model()
def user(name, role, office):
    u, _ = User.objects.get_or_create(username=name)
    u.set_password(%(password)r); u.save()
    Membership.objects.get_or_create(user=u, office=office, role=role)
    return u
dc = Office.objects.get(domain="kushtia.gov.bd")
boss = user("bench-supervisor", "supervisor", dc)
TOTPDevice.objects.filter(user=boss).delete()
TOTPDevice.objects.create(user=boss, name="bench", key=%(key)r, confirmed=True)
demo = sorted(set(Officer.objects.values_list("office__domain", flat=True)))
unions = (Office.objects.filter(domain__endswith=".kushtia.gov.bd", tier="union")
          .exclude(domain__in=demo).order_by("domain")[:%(editors)d])
editors = []
for i, office in enumerate(unions):
    Notice.objects.filter(office=office).delete()
    editors.append([user(f"bench-editor-{i + 1}", "editor", office).username, office.domain])
run_periodic_job("evaluate")
print("BENCH-SETUP " + json.dumps({"portal_domains": demo, "editors": editors}))
"""


def wrk(url: str, host: str, seconds: int, connections: int) -> float | None:
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "-H", f"Host: {host}",
                          "-H", "Accept-Encoding: identity", url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"  wrk {url}: {errors.group(1)} non-2xx responses")
    return float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))


async def closed_loop(port: int, host: str, path: str, seconds: int, connections: int) -> float:
    count = 0
    deadline = time.monotonic() + seconds

    async def one() -> None:
        nonlocal count
        conn = Conn(port, host)
        while time.monotonic() < deadline and count < MAX_REQUESTS:
            status, _h, _b = await conn.request("GET", path)
            count += status == 200

    await asyncio.gather(*(one() for _ in range(connections)))
    return count / seconds


def rate(url_port: int, host: str, path: str, seconds: int, connections: int) -> tuple[float, str]:
    measured = wrk(f"http://{HOST}:{url_port}{path}", host, seconds, connections)
    if measured is not None:
        return measured, "wrk"
    return asyncio.run(closed_loop(url_port, host, path, seconds, connections)), "python client"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--reader-think", type=float, default=1.0, help="seconds between a reader's pages")
    parser.add_argument("--editor-think", type=float, default=3.0, help="seconds between an editor's saves")
    parser.add_argument("--visible-timeout", type=float, default=10.0)
    parser.add_argument("--poll-interval", type=float, default=0.25, help="seconds between visibility checks")
    parser.add_argument("--compare-seconds", type=int, default=10)
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    parser.add_argument("--port", type=int, default=18020, help="nginx; the app servers use the next ports")
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--rq-workers", type=int, default=1)
    parser.add_argument("--microcache", type=int, default=10,
                        help="seconds nginx keeps a page whose response has no Cache-Control")
    parser.add_argument("--var", default=None)
    args = parser.parse_args()
    args.seconds = max(1, min(args.seconds, MAX_SECONDS))
    args.readers, args.editors = min(args.readers, 1000), min(args.editors, 100)
    args.max_requests = min(args.max_requests, MAX_REQUESTS)

    var = Path(args.var or tempfile.mkdtemp(prefix="batayon-load-"))
    stack = Stack(
        database_url=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/batayon_bench"),
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
        var=var, port=args.port, app_ports=[args.port + 1 + i for i in range(args.app_servers)],
        web_workers=args.web_workers, rq_workers=args.rq_workers, nginx_workers=1,
        microcache_seconds=args.microcache,
    )
    if not stack.database_url.startswith("postgres"):
        sys.exit("bench/load.py needs PostgreSQL (DATABASE_URL=postgres://…) and Redis (REDIS_URL)")
    print(f"Preparing {stack.database_url} …", flush=True)
    stack.prepare(demo=True)
    out = stack.manage("shell", "--no-imports", "-c", SETUP_SCRIPT % {"password": BENCH_PASSWORD, "key": TOTP_KEY,
                                                     "editors": args.editors},
                       capture_output=True, text=True).stdout
    setup = json.loads(out.split("BENCH-SETUP ", 1)[1])
    if len(setup["editors"]) < args.editors:
        sys.exit(f"only {len(setup['editors'])} union offices without demo content for the editors")
    single_port = args.port + 1 + args.app_servers
    try:
        stack.start()
        stack.start_app_server("single", single_port, 1)
        from batayon.ops.stack import wait_for

        wait_for(f"http://{HOST}:{single_port}/healthz", 60, stack)

        async def prepare_clients() -> None:
            boss = Conn(stack.port, f"127.0.0.1:{stack.port}")
            await sign_in(boss, "bench-supervisor", second_factor=True)
            setup["supervisor_cookies"] = boss.cookies
            for domain in setup["portal_domains"]:  # warm the cache once, as a live site's is
                conn = Conn(stack.port, domain)
                for lang in ("bn", "en"):
                    for section in SECTIONS:
                        await conn.request("GET", f"/{lang}/{section}")

        asyncio.run(prepare_clients())
        print(f"Load: {args.readers} readers (a page every ~{args.reader_think:g} s), {args.editors} editors "
              f"(a save every ~{args.editor_think:g} s) for {args.seconds} s through nginx on {stack.url} → "
              f"{args.app_servers} app servers × {args.web_workers} gunicorn workers, {args.rq_workers} RQ worker(s)",
              flush=True)
        load = Load(args, stack, setup)
        started = time.monotonic()
        asyncio.run(load.run())
        elapsed = time.monotonic() - started
        stack.check_alive()
        metrics = asyncio.run(Conn(stack.app_ports[0], HOST).request("GET", "/metrics"))[2].decode()

        def metric(name: str) -> float:
            found = re.search(rf'^{re.escape(name)} ([0-9.e+-]+)$', metrics, re.MULTILINE)
            return float(found.group(1)) if found else 0.0

        runs = metric('batayon_task_seconds_count{outcome="ok",task="react_to_change"}')
        spent = metric('batayon_task_seconds_sum{outcome="ok",task="react_to_change"}')

        print()
        print(load.readers.line("readers (portal, nginx)", elapsed))
        print(load.saves.line("editors' saves", elapsed))
        print(load.polls.line("checklist/roll-up reads", elapsed))
        for stats in (load.readers, load.saves, load.polls):
            for sample in stats.error_samples:
                print(f"  error: {sample}")

        def summary(values: list[float]) -> str:
            if not values:
                return "none measured"
            values = sorted(values)
            return (f"{len(values)} saves, p50 {statistics.median(values) * 1000:.0f} ms, "
                    f"p95 {values[min(len(values) - 1, int(0.95 * len(values)))] * 1000:.0f} ms, "
                    f"max {values[-1] * 1000:.0f} ms, within 1 s: {sum(v <= 1 for v in values)}/{len(values)}")

        print(f"save → visible on the office checklist:    {summary(load.visible_checklist)}")
        print(f"save → visible on the supervisor's page:   {summary(load.visible_rollup)}")
        print(f"saves not visible within {args.visible_timeout:g} s: {load.not_visible}")
        if runs:
            print(f"reactions to saves on the RQ worker (re-evaluation, re-index): {runs:.0f}, {spent / runs * 1000:.0f} ms each on average "
                  f"(batayon_task_seconds)")

        # The office home page three ways.
        home = "/bn/"
        static_dir = stack.static_root / "bench"
        static_dir.mkdir(exist_ok=True)
        _s, _h, body = asyncio.run(Conn(stack.port, "kushtia.gov.bd").request("GET", home))
        (static_dir / "home.html").write_bytes(body)
        n = args.compare_seconds
        cached, tool = rate(stack.port, "kushtia.gov.bd", home, n, 32)
        static, _ = rate(stack.port, "kushtia.gov.bd", "/static/bench/home.html", n, 32)
        uncached, _ = rate(single_port, "kushtia.gov.bd", home, n, 4)
        print()
        print(f"Office home page ({len(body):,} bytes), {n} s each, measured with {tool}:")
        print(f"  nginx micro-cache           {cached:9.0f} req/s")
        print(f"  nginx static file           {static:9.0f} req/s   (cached = {cached / static:.2f} × static)")
        print(f"  one gunicorn worker, no cache {uncached:7.0f} req/s   (cache = {cached / max(uncached, 0.01):.0f} ×)")
        reader_p95 = sorted(load.readers.latencies)[int(0.95 * len(load.readers.latencies))] * 1000
        total_errors = load.readers.errors + load.saves.errors + load.polls.errors
        print()
        def p95(values: list[float]) -> float:
            return sorted(values)[int(0.95 * len(values))] if values else float("inf")

        visible = max(p95(load.visible_checklist), p95(load.visible_rollup))
        print("Targets: 0 errors: {}; cached ≥ 1/3 static: {}; readers' p95 < 200 ms: {}; "
              "saves visible within 1 s (p95): {}".format(
                  "yes" if total_errors == 0 else f"NO ({total_errors})",
                  "yes" if cached >= static / 3 else "NO",
                  "yes" if reader_p95 < 200 else f"NO ({reader_p95:.0f} ms)",
                  "yes" if visible <= 1 and not load.not_visible else f"NO ({visible * 1000:.0f} ms)"))
    finally:
        stack.stop()
        shutil.rmtree(stack.static_root / "bench", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
