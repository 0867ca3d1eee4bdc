"""Crawling one portal and reading the checklist from it (async, no database).

``audit_site`` fetches the home page, the page of every mandated section it links, the other
language's home page and the other language's version of each section page (within the page
and byte caps), and returns a ``SiteAudit``: per compliance source the same metrics the engine
computes from the content tables (count, last change, rows without a field, rows in one
language only), each with the evidence it was read from, plus findings about the site itself.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from . import extract
from .http import Fetcher, Response

# Which compliance sources each section's page shows.
SECTION_SOURCES: dict[str, tuple[str, ...]] = {
    "officers": ("officers",),
    "staff": ("staff",),
    "notices": ("notices",),
    "charter": ("charter", "grievance_steps", "expectations"),
    "services": ("services",),
    "rti": ("rti_primary", "rti_alternative", "rti_appeal"),
    "grs": ("grs_primary", "grs_appeal"),
    "apa": ("apa", "apa_reports"),
    "nis": ("nis_plan", "nis_reports"),
    "innovation": ("innovation",),
    "focal-points": ("focal_points",),
    "projects": ("projects",),
    "reports": ("reports",),
    "documents": ("law_documents",),
}
OBSERVED_SOURCES = {s for sources in SECTION_SOURCES.values() for s in sources} | {"service_box"}

_REPORT_WORDS = ("প্রতিবেদন", "report")
_PLAN_WORDS = ("কর্মপরিকল্পনা", "work plan", "action plan", "plan")


@dataclass
class Seen:
    """One source as seen from outside."""

    n: int = 0
    last_change: dt.date | None = None
    blanks: dict[str, int] = field(default_factory=dict)
    untranslated: int = 0
    evidence: list[dict] = field(default_factory=list)
    section: str = ""


@dataclass
class SiteAudit:
    base_url: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    outcome: str = "ok"
    error: str = ""
    pages: int = 0
    bytes: int = 0
    home_title: str = ""
    home_sections: int = 0
    https: bool | None = None
    hsts_max_age: int | None = None
    cert_expires_at: dt.datetime | None = None
    certificate_problem: dict[str, str] | None = None  # the certificate did not verify: why
    missing_headers: list[str] = field(default_factory=list)
    has_bangla: bool | None = None
    has_english: bool | None = None
    defacement: str = ""
    seen: dict[str, Seen] = field(default_factory=dict)
    service_links: list[str] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)

    def finding(self, code: str, **params) -> None:
        self.findings.append({"code": code, "params": params})


@dataclass
class Limits:
    max_pages: int = 40
    max_site_bytes: int = 20 * 1024 * 1024
    slow_seconds: float = 3.0

    @classmethod
    def from_settings(cls, **overrides) -> Limits:
        from django.conf import settings

        values: dict[str, Any] = {
            "max_pages": settings.AUDIT_MAX_PAGES,
            "max_site_bytes": settings.AUDIT_MAX_SITE_BYTES,
            "slow_seconds": settings.AUDIT_SLOW_SECONDS,
        }
        values.update(overrides)
        return cls(**values)


class _Budget:
    def __init__(self, limits: Limits, audit: SiteAudit):
        self.limits, self.audit = limits, audit
        self.slow: list[dict] = []
        self.redirects: list[dict] = []
        self.robots: list[str] = []
        self.broken: list[dict] = []

    def can(self) -> bool:
        return self.audit.pages < self.limits.max_pages and self.audit.bytes < self.limits.max_site_bytes

    async def get(self, fetcher: Fetcher, url: str) -> Response | None:
        if not self.can():
            return None
        self.audit.pages += 1
        r = await fetcher.get(url)
        self.audit.bytes += len(r.body)
        if r.error == "robots":
            self.audit.pages -= 1
            self.robots.append(url)
        elif r.status is None or r.status >= 400:
            self.broken.append({"url": url, "status": r.status, "error": r.error})
        if r.elapsed > self.limits.slow_seconds:
            self.slow.append({"url": url, "seconds": round(r.elapsed, 1)})
        if r.redirects:
            self.redirects.append({"url": url, "to": r.final_url})
        return r


def _final_url(response: Response | None, url: str) -> str:
    return response.final_url if response is not None else url


def _tree(r: Response | None) -> HTMLParser | None:
    if r is None or not r.ok or not r.is_html:
        return None
    return HTMLParser(r.body)


async def audit_site(fetcher: Fetcher, base_url: str, limits: Limits | None = None) -> SiteAudit:
    limits = limits or Limits()
    audit = SiteAudit(base_url=base_url, started_at=dt.datetime.now(dt.UTC))
    try:
        await _audit(fetcher, base_url, limits, audit)
    finally:
        audit.finished_at = dt.datetime.now(dt.UTC)
    return audit


async def _audit(fetcher: Fetcher, base_url: str, limits: Limits, audit: SiteAudit) -> None:
    budget = _Budget(limits, audit)
    home = await budget.get(fetcher, base_url)
    assert home is not None
    if home.error == "address_refused":
        audit.outcome, audit.error = "refused", home.error
        return
    if home.error == "robots":
        audit.outcome, audit.error = "robots", home.error
        return
    tree = _tree(home)
    if tree is None:
        audit.outcome = "unreachable"
        audit.error = home.error or f"HTTP {home.status}"
        return

    site = urlsplit(home.final_url).netloc.lower()
    home_url = home.final_url
    audit.https = urlsplit(home_url).scheme == "https"
    if audit.https:
        audit.certificate_problem = fetcher.untrusted.get((urlsplit(home_url).hostname or "").lower())
        audit.hsts_max_age = extract.hsts_max_age(home.headers)
        expiry = await fetcher.certificate_expiry(home_url)
        if expiry:
            audit.cert_expires_at = dt.datetime.fromtimestamp(expiry, dt.UTC)
    audit.missing_headers = extract.missing_security_headers(home.headers)
    audit.home_title = extract.title(tree)[:300]
    text = extract.page_text(tree)
    audit.defacement = extract.defacement_text(text, audit.home_title)
    home_links = extract.links(tree, home_url)
    sections = extract.find_sections(home_links, site)
    audit.home_sections = len(sections)
    home_is_bn = extract.bangla_share(text) >= 0.3
    other = "en" if home_is_bn else "bn"
    other_link = extract.language_link(home_links, site, other)
    box = extract.service_box_links(tree, home_url)
    audit.service_links = [link.url for link in box]
    audit.seen["service_box"] = Seen(
        n=len(box),
        section="services",
        evidence=[{"url": link.url, "text": link.text, "by": "link", "match": ""} for link in box],
    )

    # The sections and the other language's home page, concurrently (the gate keeps it polite).
    urls = [m.url for m in sections.values()]
    tasks = [budget.get(fetcher, u) for u in urls]
    if other_link is not None:
        tasks.append(budget.get(fetcher, other_link.url))
    responses = await asyncio.gather(*tasks)
    pages = dict(zip(urls, responses[: len(urls)], strict=True))
    other_home = responses[-1] if other_link is not None else None

    other_tree = _tree(other_home)
    other_ok = other_tree is not None and (
        (extract.bangla_share(extract.page_text(other_tree)) < 0.5) == (other == "en")
    )
    audit.has_bangla = home_is_bn or (other == "bn" and other_ok)
    audit.has_english = (not home_is_bn) or (other == "en" and other_ok)

    # The other language's version of each section page.
    counterparts = {}
    if other_ok:
        for key, m in sections.items():
            if (
                c := extract.counterpart(_final_url(pages.get(m.url), m.url), other)
            ) is not None:
                counterparts[key] = c
    cresp = await asyncio.gather(*(budget.get(fetcher, u) for u in counterparts.values()))
    counter_pages = dict(zip(counterparts, cresp, strict=True))

    for key, match in sections.items():
        r = pages.get(match.url)
        ptree = _tree(r)
        if r is None or ptree is None:
            continue
        translated = True
        cp = counter_pages.get(key)
        ctree = _tree(cp)
        if ctree is None:
            translated = False
        else:
            share = extract.bangla_share(extract.content_root(ctree).text(separator=" "))
            translated = (share < 0.5) == (other == "en")
        if not other_ok:
            translated = False
        _read_section(audit, key, match, r, ptree, translated)

    audit.has_bangla = bool(audit.has_bangla)
    audit.has_english = bool(audit.has_english)
    _findings(audit, budget, sections, limits)


def _read_section(audit, key, match, r: Response, tree: HTMLParser, translated: bool) -> None:
    base_ev = match.evidence()
    updated = extract.last_updated(extract.raw_text(tree), r.headers)
    date_ev = (
        [{"url": r.final_url, "text": updated[1], "by": "date", "match": updated[0].isoformat()}]
        if updated
        else []
    )
    rows = extract.rows(
        tree, people=key in ("officers", "staff"), dates=key == "notices", names=key in ("apa", "nis")
    )

    def seen(source: str, n: int, last=None, blanks=None, extra=()) -> None:
        ev = [base_ev, *date_ev, *extra]
        if n:
            ev.append({"url": r.final_url, "text": "", "by": "page", "match": str(n)})
        audit.seen[source] = Seen(
            n=n,
            last_change=last if last is not None else (updated[0] if updated else None),
            blanks=blanks or {},
            untranslated=0 if translated else n,
            evidence=ev,
            section=key,
        )

    if key in ("officers", "staff"):
        seen(key, rows.n, blanks={"mobile": rows.no_mobile, "email": rows.no_email, "photo": rows.no_photo})
    elif key == "notices":
        newest = max(rows.dates, default=None, key=lambda d: d[0])
        extra = (
            [{"url": r.final_url, "text": newest[1], "by": "date", "match": newest[0].isoformat()}]
            if newest
            else []
        )
        seen("notices", rows.n, last=newest[0] if newest else None, extra=extra)
    elif key == "charter":
        content_text = extract.content_root(tree).text(separator=" ")
        present = 1 if len(content_text.strip()) > 100 else 0
        seen("charter", present)
        low = content_text.lower()
        seen("grievance_steps", 1 if present and ("অভিযোগ" in low or "grievance" in low) else 0)
        seen("expectations", 1 if present and ("প্রত্যাশা" in low or "expect" in low) else 0)
    elif key in ("rti", "grs"):
        found = extract.designated(tree, SECTION_SOURCES[key])
        for source, (n, text) in found.items():
            seen(
                source, n, extra=[{"url": r.final_url, "text": text, "by": "text", "match": ""}] if n else ()
            )
    elif key in ("apa", "nis"):
        report_rows = sum(1 for name in rows.names if any(w in name.lower() for w in _REPORT_WORDS))
        main, reports = SECTION_SOURCES[key]
        seen(main, rows.n - report_rows)
        seen(reports, report_rows)
    else:
        seen(SECTION_SOURCES[key][0], rows.n)


def _findings(audit: SiteAudit, budget: _Budget, sections: dict, limits: Limits) -> None:
    if audit.defacement:
        audit.finding("defaced", text=audit.defacement)
    if not audit.https:
        audit.finding("no_https")
    elif not audit.hsts_max_age:
        audit.finding("no_hsts")
    days = None
    if audit.cert_expires_at is not None:
        days = (audit.cert_expires_at - dt.datetime.now(dt.UTC)).days
    problem = audit.certificate_problem
    if (problem and problem["reason"] == "expired") or (days is not None and days < 0):
        audit.finding("cert_expired", days=-days if days is not None and days < 0 else None)
    elif problem:
        # A browser warns every visitor; the rest of the portal was still read (unverified).
        audit.finding("cert_invalid", reason=problem["reason"], detail=problem["detail"])
    elif days is not None and days < 30:
        audit.finding("cert_expiring", days=days)
    if audit.missing_headers:
        audit.finding("missing_headers", headers=audit.missing_headers)
    if not audit.has_english:
        audit.finding("no_english")
    if not audit.has_bangla:
        audit.finding("no_bangla")
    missing = [s for s in extract.SECTION_ORDER if s not in sections]
    if missing:
        audit.finding("missing_sections", sections=missing)
    if budget.robots:
        audit.finding("robots_forbidden", urls=budget.robots)
    if budget.slow:
        audit.finding("slow_pages", pages=budget.slow)
    if budget.redirects:
        audit.finding("redirects", pages=budget.redirects)
    if budget.broken:
        audit.finding("broken_pages", pages=budget.broken)
    if not budget.can():
        audit.finding("capped", pages=audit.pages, bytes=audit.bytes)


async def crawl_many(
    targets: Sequence[tuple[int, str]],
    fetcher: Fetcher,
    limits: Limits,
    sites_at_once: int = 200,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[int, SiteAudit]]:
    sem = asyncio.Semaphore(sites_at_once)

    async def one(office_id: int, url: str) -> tuple[int, SiteAudit]:
        async with sem:
            result = await audit_site(fetcher, url, limits)
        if progress:
            progress(1)
        return office_id, result

    return await asyncio.gather(*(one(oid, url) for oid, url in targets))
