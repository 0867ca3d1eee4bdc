"""A busy auditor does not call a fast portal slow: response times come from the socket, not
from the event loop (which may be stuck in other work when the answer arrives), while a page
that is really slow is still reported."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

import pytest

from batayon.audit.crawl import Limits, audit_site
from batayon.audit.http import Fetcher
from batayon.audit.linkcheck import acheck, classify
from batayon.audit.models import Link

from .farm import SERVICE_HOST, Portal

pytestmark = pytest.mark.django_db

BUSY_SECONDS = 1.0  # the auditor's loop is blocked this long; the slow threshold is 0.3 s


def stall_auditor_when(farm, loop: asyncio.AbstractEventLoop, wanted) -> list[str]:
    """Each time the farm receives a request ``wanted(path)`` accepts, a task on the auditor's
    loop blocks it (a synchronous sleep) — the answer arrives while the loop is stuck."""
    stalled: list[str] = []

    async def busy() -> None:
        time.sleep(BUSY_SECONDS)  # noqa: ASYNC251 - the point: a task that blocks the loop

    def hook(host: str, path: str) -> None:
        if wanted(path):
            stalled.append(path)
            asyncio.run_coroutine_threadsafe(busy(), loop)

    farm.on_request = hook
    return stalled


def test_links_checked_while_the_loop_is_busy(farm_factory, elsewhere, settings):
    (office,) = elsewhere(1)
    farm = farm_factory([Portal(office.domain)], slow_seconds=0.6)
    base = f"http://{SERVICE_HOST}:{farm.port}"
    urls = [f"{base}/ok/1", f"{base}/ok/2", f"{base}/slow/1"]

    async def check():
        stalled = stall_auditor_when(farm, asyncio.get_running_loop(), lambda p: p.startswith("/ok/"))
        async with Fetcher.from_settings() as fetcher:
            results = await acheck(fetcher, urls, settings.AUDIT_SLOW_SECONDS)
        return stalled, results

    started = time.monotonic()
    stalled, results = asyncio.run(check())
    assert len(stalled) == 2 and time.monotonic() - started >= 2 * BUSY_SECONDS  # the loop was stuck
    statuses = {url: classify(r, settings.AUDIT_SLOW_SECONDS)[0] for url, r in results}
    assert statuses == {urls[0]: Link.Status.OK, urls[1]: Link.Status.OK, urls[2]: Link.Status.SLOW}


def test_pages_crawled_while_the_loop_is_busy(farm_factory, elsewhere):
    (office,) = elsewhere(1)
    farm = farm_factory([Portal(office.domain, {"slow"})], slow_seconds=0.6)

    async def crawl():
        # Stuck while the officer list (fast) and the notice board (slow) are answered.
        stalled = stall_auditor_when(
            farm, asyncio.get_running_loop(), lambda p: p.endswith(("/officer_list", "/notices"))
        )
        async with Fetcher.from_settings() as fetcher:
            return stalled, await audit_site(fetcher, farm.url(office.domain), Limits.from_settings())

    stalled, audit = asyncio.run(crawl())
    assert len(stalled) == 4  # both pages, in Bangla and in English
    (slow,) = [f for f in audit.findings if f["code"] == "slow_pages"]
    assert sorted(urlsplit(p["url"]).path for p in slow["params"]["pages"]) == [
        "/bn/site/page/notices",
        "/en/site/page/notices",
    ]
