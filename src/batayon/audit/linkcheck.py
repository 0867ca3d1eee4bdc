"""The shared link checker: service boxes of hosted portals and links seen on audited ones.

Each distinct URL has one ``Link`` row and is fetched at most once a day whoever links it
(``next_check_at``), through the same polite fetcher as the auditor (≤ 2 requests in flight
per host, a delay, retries with back-off, the address guard). A 403 or 429 — what bot
protection answers — is "blocked", re-checked on the next round, never "broken".
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils import timezone

from .http import Fetcher, Response
from .http import run as run_loop
from .models import Link

RECHECK_AFTER = dt.timedelta(days=1)
BLOCKED_CODES = (403, 429)


def classify(r: Response, slow_seconds: float) -> tuple[str, str]:
    """(status, error) of one fetch."""
    if r.status is None:
        return Link.Status.BROKEN, r.error or "error"
    if r.certificate:  # the browser would stop the citizen at a warning
        return Link.Status.BROKEN, f"certificate: {r.certificate}"
    if r.status in BLOCKED_CODES:
        return Link.Status.BLOCKED, ""
    if r.status >= 400:
        return Link.Status.BROKEN, f"HTTP {r.status}"
    if r.status >= 300:  # a redirect without a Location, or too many
        return Link.Status.BROKEN, r.error or f"HTTP {r.status}"
    if r.redirects:
        return Link.Status.REDIRECTED, ""
    if r.elapsed > slow_seconds:
        return Link.Status.SLOW, ""
    return Link.Status.OK, ""


def register(urls: Iterable[str]) -> list[str]:
    """Make sure each URL has a row (unchecked); returns the distinct, valid URLs."""
    clean = sorted({u.strip()[:1000] for u in urls if u and urlsplit(u.strip()).scheme in ("http", "https")})
    Link.objects.bulk_create(
        [Link(url=u, host=(urlsplit(u).hostname or "")[:255]) for u in clean],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return clean


def due(urls: list[str] | None = None, now: dt.datetime | None = None) -> list[str]:
    now = now or timezone.now()
    qs = Link.objects.filter(Q(next_check_at__isnull=True) | Q(next_check_at__lte=now))
    if urls is not None:
        result: list[str] = []
        for i in range(0, len(urls), 500):
            result += list(qs.filter(url__in=urls[i : i + 500]).values_list("url", flat=True))
        return result
    return list(qs.values_list("url", flat=True))


async def acheck(fetcher: Fetcher, urls: list[str], slow_seconds: float) -> list[tuple[str, Response]]:
    async def one(u: str) -> tuple[str, Response]:
        # Link checks need no robots.txt permission (one GET of a page a citizen is sent to)
        # and never the whole body.
        return u, await fetcher.get(u, robots=False, max_bytes=64 * 1024)

    return await asyncio.gather(*(one(u) for u in urls))


def record(results: list[tuple[str, Response]], slow_seconds: float, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    rows = []
    for url, r in results:
        status, error = classify(r, slow_seconds)
        rows.append(
            Link(
                url=url,
                host=(urlsplit(url).hostname or "")[:255],
                status=status,
                status_code=r.status,
                elapsed_ms=int(r.elapsed * 1000),
                final_url=r.final_url[:1000] if r.final_url != url else "",
                error=error[:200],
                checked_at=now,
                next_check_at=now + RECHECK_AFTER,
            )
        )
    Link.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=[
            "status",
            "status_code",
            "elapsed_ms",
            "final_url",
            "error",
            "checked_at",
            "next_check_at",
        ],
        batch_size=1000,
    )


def check_urls(
    urls: Iterable[str], *, force: bool = False, fetcher_options: dict | None = None
) -> dict[str, int]:
    """Register ``urls``, check those not checked within a day (all with ``force``), record."""
    from django.conf import settings

    clean = register(urls)
    todo = clean if force else due(clean)
    slow = settings.AUDIT_SLOW_SECONDS
    if todo:

        async def run():
            async with Fetcher.from_settings(**(fetcher_options or {})) as fetcher:
                return await acheck(fetcher, todo, slow)

        record(run_loop(run()), slow)
    counts = {s: 0 for s in Link.Status.values}
    for status in (
        Link.objects.filter(url__in=clean).values_list("status", flat=True) if len(clean) < 5000 else ()
    ):
        if status:
            counts[status] += 1
    return {"links": len(clean), "checked": len(todo), **counts}
