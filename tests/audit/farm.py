"""A portal farm: one aiohttp server serving many portals in the style of the national portal
framework (menu, officer list, notice board, citizen charter, RTI/GRS officers, service box,
"সর্ব-শেষ হাল-নাগাদ" footer, /bn/ and /en/ versions), chosen by the Host header, on one or
several loopback addresses. Each portal can carry controlled defects.

Used by the tests (``Farm(...).start()`` in a thread, port 0) and by ``bench/audit.py``
(``python tests/audit/farm.py --portals 1000 …`` in its own process).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from aiohttp import web

DEFECTS = {
    "no_english",  # no English version (no link, /en/ is 404)
    "stale_notices",  # newest notice four months old
    "dead_link",  # a service-box link that answers 404
    "blocked_link",  # a service-box link behind bot protection (403)
    "missing_rti",  # the RTI page names no designated officer
    "slow",  # the notice board takes longer than the slow threshold
    "redirect",  # the officer list moved (301)
    "robots",  # robots.txt forbids the APA section
    "defaced",  # "Hacked by" on the home page
    "replaced",  # the home page replaced by a bare page (no menu)
    "no_headers",  # no security headers
    "flaky",  # the citizen charter answers 503 once, then works
    "missing_mobile",  # two officers without a mobile number
    "untranslated_notices",  # the English notice board is in Bangla
    "huge",  # the document page is 5 MB
    "crawl_delay",  # robots.txt asks for a second between requests
    "officers_elsewhere",  # the officer list redirects to a slow page on the shared service host
}

# (section, path, Bangla label, English label)
MENU = [
    ("officers", "officer_list", "কর্মকর্তাবৃন্দ", "Officers"),
    ("staff", "staff_list", "কর্মচারীবৃন্দ", "Staff"),
    ("notices", "notices", "নোটিশ বোর্ড", "Notice board"),
    ("charter", "citizen_charter", "সিটিজেন চার্টার", "Citizen charter"),
    ("services", "services", "সেবাসমূহ", "Services"),
    ("rti", "rti", "তথ্য অধিকার", "Right to information"),
    ("grs", "grs", "অভিযোগ প্রতিকার ব্যবস্থা", "Grievance redress"),
    ("apa", "apa", "বার্ষিক কর্মসম্পাদন চুক্তি", "Annual performance agreement"),
    ("nis", "nis", "জাতীয় শুদ্ধাচার কৌশল", "National integrity strategy"),
    ("innovation", "innovation", "উদ্ভাবন", "Innovation"),
    ("focal-points", "focal_points", "ফোকাল পয়েন্ট", "Focal points"),
    ("projects", "projects", "প্রকল্পসমূহ", "Projects"),
    ("reports", "reports", "প্রতিবেদন", "Reports"),
    ("documents", "laws", "আইন ও বিধি", "Laws and rules"),
]
SERVICE_HOST = "eservice.farm.test"
BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def bn(value) -> str:
    return str(value).translate(BN_DIGITS)


@dataclass
class Portal:
    domain: str
    defects: set[str] = field(default_factory=set)
    address: str = "127.0.0.1"

    def __post_init__(self) -> None:
        unknown = self.defects - DEFECTS
        assert not unknown, unknown


def _page(portal: Portal, lang: str, title: str, body: str, today: dt.date, prefix: str = "") -> str:
    labels = {s: (b if lang == "bn" else e) for s, _p, b, e in MENU}
    menu = "".join(
        f'<li><a href="{prefix}/{lang}/site/page/{path}">{html.escape(labels[s])}</a></li>'
        for s, path, _b, _e in MENU
    )
    other = "en" if lang == "bn" else "bn"
    switch = (
        ""
        if "no_english" in portal.defects
        else f'<a class="lang" href="{prefix}/{other}/">{"English" if lang == "bn" else "বাংলা"}</a>'
    )
    stamp = f"{today.isoformat()} 11:23:45"
    footer = f"সর্ব-শেষ হাল-নাগাদ: {bn(stamp)}" if lang == "bn" else f"Last updated: {stamp}"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
        f"<body><header><h1>{html.escape(portal.domain)}</h1>{switch}</header>"
        f'<nav><ul class="menu">{menu}</ul></nav><main>{body}</main>'
        f"<footer><p>{footer}</p><p>পরিকল্পনা ও বাস্তবায়নে: মন্ত্রিপরিষদ বিভাগ, এটুআই</p></footer></body></html>"
    )


def _officer_rows(portal: Portal, lang: str, staff: bool) -> str:
    rows = []
    for i in range(1, 6):
        mobile = (
            "" if ("missing_mobile" in portal.defects and i <= 2 and not staff) else f"01711-{500000 + i:06d}"
        )
        name = f"মোঃ কর্মকর্তা {bn(i)}" if lang == "bn" else f"Md. Officer {i}"
        desig = "সহকারী কমিশনার" if lang == "bn" else "Assistant Commissioner"
        rows.append(
            f"<tr><td>{bn(i) if lang == 'bn' else i}</td><td><img src='/photo/{i}.jpg' alt=''></td><td>{name}</td>"
            f"<td>{desig}</td><td>{bn(mobile) if lang == 'bn' else mobile}</td>"
            f"<td><a href='mailto:o{i}@{portal.domain}'>o{i}@{portal.domain}</a></td></tr>"
        )
    head = "<tr><th>ক্রমিক</th><th>ছবি</th><th>নাম</th><th>পদবি</th><th>মোবাইল</th><th>ই-মেইল</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _notices(portal: Portal, lang: str, today: dt.date) -> str:
    newest = today - dt.timedelta(days=120 if "stale_notices" in portal.defects else 3)
    rows = []
    for i in range(4):
        d = newest - dt.timedelta(days=10 * i)
        text_lang = "bn" if (lang == "bn" or "untranslated_notices" in portal.defects) else "en"
        if text_lang == "bn":
            rows.append(
                f"<tr><td>{bn(i + 1)}</td><td>উন্নয়ন সভার নোটিশ নং {bn(i + 1)}</td><td>{bn(d.strftime('%d-%m-%Y'))}</td></tr>"
            )
        else:
            rows.append(
                f"<tr><td>{i + 1}</td><td>Notice of development meeting no. {i + 1}</td><td>{d.strftime('%d %B %Y')}</td></tr>"
            )
    return f"<table><tr><th>#</th><th>শিরোনাম</th><th>তারিখ</th></tr>{''.join(rows)}</table>"


def _designated(lang: str, roles: list[tuple[str, str]], domain: str) -> str:
    out = []
    for i, (bn_role, en_role) in enumerate(roles, start=1):
        role = bn_role if lang == "bn" else en_role
        name = f"জনাব কর্মকর্তা {bn(i)}" if lang == "bn" else f"Mr. Officer {i}"
        phone = bn(f"01812-{300000 + i}") if lang == "bn" else f"01812-{300000 + i}"
        out.append(
            f"<section class='officer'><h3>{role}</h3><p>{name}</p><p>{phone}</p><p>rti{i}@{domain}</p></section>"
        )
    return "".join(out)


def _items(lang: str, noun_bn: str, noun_en: str, n: int = 3, extra_bn: str = "", extra_en: str = "") -> str:
    rows = []
    for i in range(1, n + 1):
        if lang == "bn":
            rows.append(f"<tr><td>{bn(i)}</td><td>{noun_bn} {bn(i)}{extra_bn}</td></tr>")
        else:
            rows.append(f"<tr><td>{i}</td><td>{noun_en} {i}{extra_en}</td></tr>")
    return f"<table>{''.join(rows)}</table>"


class Farm:
    """Serves ``portals`` (by Host header) on each of ``addresses`` at ``port`` (0: a free one)."""

    def __init__(
        self,
        portals: list[Portal],
        addresses: tuple[str, ...] = ("127.0.0.1",),
        port: int = 0,
        slow_seconds: float = 0.6,
        today: dt.date | None = None,
        tls=None,
        service_host: str = SERVICE_HOST,
    ):
        self.portals = {p.domain: p for p in portals}
        self.addresses = addresses
        self.port = port
        self.slow_seconds = slow_seconds
        self.today = today or dt.date.today()
        self.tls = tls  # an ssl.SSLContext for HTTPS
        self.service_host = service_host  # where service-box links point (a name, or an address)
        self.hits: dict[str, int] = defaultdict(int)  # path → requests (for the retry tests)
        self.in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)
        self._flaky_seen: set[str] = set()
        self.on_request = None  # called with (host, path) as each request arrives (farm thread)
        # Rendered pages, by (host, path, scheme, port, defects): rendering is the farm's main cost, and
        # the benchmark should measure the auditor, not the farm (they share the cores).
        self._rendered: dict[tuple, bytes] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.ServerRunner | None = None

    # --- serving --------------------------------------------------------------------------

    def hosts(self) -> dict[str, str]:
        out = {d: p.address for d, p in self.portals.items()}
        out[SERVICE_HOST] = self.addresses[0]
        out[self.service_host] = (
            self.addresses[-1] if self.service_host != SERVICE_HOST else self.addresses[0]
        )
        return out

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        host = (request.host or "").split(":")[0].lower()
        self.hits[f"{host}{request.path}"] += 1
        self.in_flight[host] += 1
        self.max_in_flight[host] = max(self.max_in_flight[host], self.in_flight[host])
        if self.on_request is not None:
            self.on_request(host, request.path)
        try:
            return await self._respond(host, request)
        finally:
            self.in_flight[host] -= 1

    def _headers(self, portal: Portal | None) -> dict[str, str]:
        if portal is not None and "no_headers" in portal.defects:
            return {}
        h = {
            "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
        }
        if self.tls is not None:
            h["Strict-Transport-Security"] = "max-age=31536000"
        return h

    def _html(self, portal: Portal, text: str | bytes, status: int = 200) -> web.Response:
        body = text.encode() if isinstance(text, str) else text
        headers = {**self._headers(portal), "Content-Type": "text/html; charset=utf-8"}
        return web.Response(body=body, status=status, headers=headers)

    def _home_page(self, portal: Portal, lang: str, request: web.BaseRequest, prefix: str) -> web.Response:
        key = (portal.domain, f"{prefix}/{lang}/", request.scheme, request.url.port, frozenset(portal.defects))
        if key not in self._rendered:
            self._rendered[key] = self._home(portal, lang, request, prefix).encode()
        return self._html(portal, self._rendered[key])

    async def _respond(self, host: str, request: web.BaseRequest) -> web.StreamResponse:
        path = request.path
        if host in (SERVICE_HOST, self.service_host):
            if path.startswith("/dead"):
                return web.Response(status=404, text="not found")
            if path.startswith("/blocked"):
                return web.Response(status=403, text="Access denied by bot protection")
            if path.startswith("/to-other-address"):
                raise web.HTTPFound(f"http://127.0.0.2:{request.url.port}/ok/elsewhere")
            if path.startswith("/moved"):
                raise web.HTTPFound("/ok/landing")
            if path.startswith("/slow"):
                await asyncio.sleep(self.slow_seconds)
            return web.Response(text="<html><body>সেবা</body></html>", content_type="text/html")
        portal = self.portals.get(host)
        prefix = ""
        if portal is None and path.startswith("/p/"):
            # Path mode, for tools that cannot be told where a name resolves: /p/<domain>/…
            domain = path.split("/")[2]
            portal = self.portals.get(domain)
            prefix = f"/p/{domain}"
            path = path[len(prefix) :] or "/"
        if portal is None and path == "/":
            index = "".join(f'<li><a href="/p/{d}/">{d}</a></li>' for d in self.portals)
            return web.Response(text=f"<html><body><ul>{index}</ul></body></html>", content_type="text/html")
        if portal is None:
            return web.Response(status=404, text="no such portal")
        d = portal.defects
        if path == "/robots.txt":
            if "crawl_delay" in d:
                return web.Response(text="User-agent: *\nCrawl-delay: 1\n")
            if "robots" in d:
                return web.Response(
                    text="User-agent: *\nDisallow: /bn/site/page/apa\nDisallow: /en/site/page/apa\n"
                )
            return web.Response(status=404, text="")
        if path in ("/", "/bn", "/bn/"):
            return self._home_page(portal, "bn", request, prefix)
        if path in ("/en", "/en/"):
            if "no_english" in d:
                return web.Response(status=404, text="Not found")
            return self._home_page(portal, "en", request, prefix)
        parts = path.strip("/").split("/")
        if len(parts) == 4 and parts[1:3] == ["site", "page"] and parts[0] in ("bn", "en"):
            lang, page = parts[0], parts[3]
            if lang == "en" and "no_english" in d:
                return web.Response(status=404, text="Not found")
            if page == "officer_list" and "officers_elsewhere" in d:
                raise web.HTTPFound(
                    f"{request.scheme}://{self.service_host}:{request.url.port}/slow/{portal.domain}/{lang}"
                )
            if page == "officer_list" and "redirect" in d:
                raise web.HTTPMovedPermanently(f"{prefix}/{lang}/site/page/officers_new")
            if page == "officers_new" and "redirect" in d:
                page = "officer_list"
            if page == "citizen_charter" and "flaky" in d and f"{host}{path}" not in self._flaky_seen:
                self._flaky_seen.add(f"{host}{path}")
                return web.Response(status=503, text="busy")
            if page == "notices" and "slow" in d:
                await asyncio.sleep(self.slow_seconds)
            key = (host, prefix + path, request.scheme, request.url.port, frozenset(d))
            if key not in self._rendered:
                body = self._section(portal, lang, page)
                if body is None:
                    return web.Response(status=404, text="Not found")
                self._rendered[key] = _page(portal, lang, page, body, self.today, prefix).encode()
            return self._html(portal, self._rendered[key])
        return web.Response(status=404, text="Not found")

    def _home(self, portal: Portal, lang: str, request: web.BaseRequest, prefix: str = "") -> str:
        d = portal.defects
        if "replaced" in d:
            return (
                "<html><head><title>Under construction</title></head><body><h1>Site moved</h1></body></html>"
            )
        port = request.url.port
        base = f"{request.scheme}://{self.service_host}:{port}"
        links = [
            ("ok/birth", "জন্ম নিবন্ধন", "Birth registration"),
            ("ok/land", "ই-নামজারি", "e-Mutation"),
            ("moved/tax", "ভূমি উন্নয়ন কর", "Land development tax"),
        ]
        if "dead_link" in d:
            links.append(("dead/1", "মৃত লিংক", "Dead link"))
        if "blocked_link" in d:
            links.append(("blocked/1", "সুরক্ষিত সেবা", "Protected service"))
        # The national e-services are the same for every portal (one URL each, checked once
        # whoever links it); the defects are this portal's own.
        box = "".join(
            f'<li><a href="{base}/{path}{"/" + portal.domain if path.startswith(("dead", "blocked")) else ""}">'
            f"{b if lang == 'bn' else e}</a></li>"
            for path, b, e in links
        )
        title = "সেবা বক্স" if lang == "bn" else "Service box"
        hacked = "<h2>Hacked by Team X — your security is low</h2>" if "defaced" in d else ""
        welcome = (
            "<p>জেলা প্রশাসনের তথ্য বাতায়নে স্বাগতম। এখানে সকল সেবা ও তথ্য পাওয়া যাবে।</p>"
            if lang == "bn"
            else "<p>Welcome to the district administration's portal. All services and information are here.</p>"
        )
        body = f'{hacked}{welcome}<div class="service-box"><h3>{title}</h3><ul>{box}</ul></div>'
        return _page(portal, lang, portal.domain, body, self.today, prefix)

    def _section(self, portal: Portal, lang: str, page: str) -> str | None:
        d = portal.defects
        if page == "officer_list":
            return _officer_rows(portal, lang, staff=False)
        if page == "staff_list":
            return _officer_rows(portal, lang, staff=True)
        if page == "notices":
            return _notices(portal, lang, self.today)
        if page == "citizen_charter":
            if lang == "bn":
                return (
                    "<h2>রূপকল্প ও অভিলক্ষ্য</h2><p>দক্ষ, স্বচ্ছ ও জনবান্ধব প্রশাসন গড়ে তোলা। নাগরিকের দোরগোড়ায় সেবা পৌঁছে দেওয়া।</p>"
                    "<h2>অভিযোগ প্রতিকার ব্যবস্থাপনা</h2><p>সেবা না পেলে দায়িত্বপ্রাপ্ত কর্মকর্তার সঙ্গে যোগাযোগ করুন।</p>"
                    "<h2>আপনার কাছে আমাদের প্রত্যাশা</h2><p>নির্ধারিত ফরমে সম্পূর্ণভাবে পূরণকৃত আবেদন জমা প্রদান।</p>"
                )
            return (
                "<h2>Vision and mission</h2><p>An efficient, transparent and people-friendly administration. "
                "Services at the citizen's doorstep.</p><h2>Grievance redress</h2><p>Contact the officer.</p>"
                "<h2>What we expect from you</h2><p>Complete applications in the prescribed form.</p>"
            )
        if page == "rti":
            roles = [
                ("বিকল্প দায়িত্বপ্রাপ্ত কর্মকর্তা", "Alternative designated officer"),
                ("আপিল কর্তৃপক্ষ", "Appeal authority"),
            ]
            if "missing_rti" not in d:
                roles.insert(0, ("দায়িত্বপ্রাপ্ত কর্মকর্তা", "Designated officer"))
            return _designated(lang, roles, portal.domain)
        if page == "grs":
            return _designated(
                lang,
                [
                    ("অনিক (অভিযোগ নিষ্পত্তি কর্মকর্তা)", "ANIK (GRS focal point)"),
                    ("আপিল কর্মকর্তা", "Appeal officer"),
                ],
                portal.domain,
            )
        if page == "apa":
            return _items(
                lang, "বার্ষিক কর্মসম্পাদন চুক্তি ২০২৬-২৭", "Annual performance agreement 2026-27", 1
            ) + _items(lang, "ত্রৈমাসিক অগ্রগতি প্রতিবেদন", "Quarterly progress report", 2)
        if page == "nis":
            return _items(lang, "শুদ্ধাচার কর্মপরিকল্পনা ২০২৬-২৭", "Integrity work plan 2026-27", 1) + _items(
                lang, "শুদ্ধাচার অগ্রগতি প্রতিবেদন", "Integrity progress report", 2
            )
        if page == "laws" and "huge" in d:
            return "<p>" + ("বিধি " * 1_000_000) + "</p>"
        simple = {
            "services": ("সেবা", "Service"),
            "innovation": ("উদ্ভাবনী উদ্যোগ", "Innovation initiative"),
            "focal_points": ("ফোকাল পয়েন্ট কর্মকর্তা", "Focal point officer"),
            "projects": ("উন্নয়ন প্রকল্প", "Development project"),
            "reports": ("মাসিক সমন্বয় সভার কার্যবিবরণী", "Monthly coordination minutes"),
            "laws": ("পরিপত্র", "Circular"),
        }
        if page in simple:
            return _items(lang, *simple[page])
        return None

    # --- lifecycle ------------------------------------------------------------------------

    async def _start(self) -> None:
        server = web.Server(self.handle)
        self._runner = web.ServerRunner(server, access_log=None, handle_signals=False)
        await self._runner.setup()
        for address in self.addresses:
            site = web.TCPSite(
                self._runner, address, self.port, ssl_context=self.tls, backlog=1024, reuse_address=True
            )
            await site.start()
            if self.port == 0:
                self.port = site._server.sockets[0].getsockname()[1]

    def start(self) -> Farm:
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._start())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True, name="portal-farm")
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is None:
            return

        async def shutdown() -> None:
            await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def url(self, domain: str) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{domain}:{self.port}/"


def main() -> None:  # pragma: no cover - used by bench/audit.py
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--portals", type=int, default=1000)
    parser.add_argument("--addresses", type=int, default=1, help="loopback addresses 127.0.1.1…")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--domains", help="file with one domain a line")
    args = parser.parse_args()
    if args.domains:
        with open(args.domains, encoding="utf-8") as f:
            domains = [d.strip() for d in f if d.strip()][: args.portals]
    else:
        domains = [f"p{i}.farm.test" for i in range(args.portals)]
    addresses = tuple(f"127.0.{1 + i // 250}.{1 + i % 250}" for i in range(args.addresses))
    portals = [Portal(d, address=addresses[i % len(addresses)]) for i, d in enumerate(domains)]
    # Service-box links point at the first address, so tools that resolve names with DNS
    # (linkinator, lychee) reach them too.
    service = "127.0.9.1"
    farm = Farm(portals, addresses=(*addresses, service), port=args.port, service_host=service)

    async def serve() -> None:
        await farm._start()
        print(json.dumps({"port": farm.port, "hosts": farm.hosts()}), flush=True)
        await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
