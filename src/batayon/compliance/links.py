"""The link checker behind the "every service-box link works" rule (R-2.4).

Each distinct URL is fetched once (HEAD, then GET when a server refuses HEAD) with a short
timeout and a bounded number of requests in flight; the result is one ``LinkCheck`` row
per URL, which the ``links`` rule kind joins to the services.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from django.utils import timezone

from batayon.content.models import PublishState, Service

from .models import LinkCheck

USER_AGENT = "BatayonLinkCheck/1.0 (+https://batayon.gov.bd)"


async def _check_one(
    client: httpx.AsyncClient, url: str, limit: asyncio.Semaphore
) -> tuple[str, bool, int | None, str]:
    async with limit:
        try:
            response = await client.head(url)
            if response.status_code in (403, 405, 501):
                response = await client.get(url)
            return url, response.status_code < 400, response.status_code, ""
        except httpx.TimeoutException:
            return url, False, None, "timeout"
        except httpx.HTTPError as exc:
            return url, False, None, type(exc).__name__[:200]


async def _check_all(
    urls: list[str], timeout: float, concurrency: int
) -> list[tuple[str, bool, int | None, str]]:
    limit = asyncio.Semaphore(max(1, concurrency))
    async with httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
        max_redirects=5,
    ) as client:
        return await asyncio.gather(*(_check_one(client, url, limit) for url in urls))


def service_box_urls(office_domain: str | None = None) -> tuple[list[str], set[int]]:
    qs = Service.objects.filter(state=PublishState.PUBLISHED, in_service_box=True).exclude(link="")
    if office_domain:
        qs = qs.filter(office__domain=office_domain)
    pairs = list(qs.values_list("link", "office_id"))
    return sorted({p[0] for p in pairs}), {p[1] for p in pairs}


def record(results: list[tuple[str, bool, int | None, str]]) -> None:
    now = timezone.now()
    LinkCheck.objects.bulk_create(
        [
            LinkCheck(url=u[:500], ok=ok, status_code=code, error=err, checked_at=now)
            for u, ok, code, err in results
        ],
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=["ok", "status_code", "error", "checked_at"],
        batch_size=1000,
    )


def check_links(
    timeout: float = 5.0,
    concurrency: int = 20,
    office_domain: str | None = None,
    evaluate_after: bool = False,
) -> dict[str, Any]:
    urls, office_ids = service_box_urls(office_domain)
    results = asyncio.run(_check_all(urls, timeout, concurrency)) if urls else []
    record(results)
    if evaluate_after and office_ids:
        from .services import evaluate

        evaluate(office_ids)
    ok = sum(1 for r in results if r[1])
    return {"checked": len(results), "ok": ok, "broken": len(results) - ok}
