"""The service-box link check behind the "every service-box link works" rule (R-2.4).

The fetching is the shared link checker of the audit app (``batayon.audit.linkcheck``): each
distinct URL at most once a day whoever links it, ≤ 2 requests in flight per host, retries
with back-off, and the address guard (an editor cannot make the platform fetch a private
address). 403/429 from bot protection is "blocked", not broken.
"""

from __future__ import annotations

from typing import Any

from batayon.audit import linkcheck
from batayon.content.models import PublishState, Service


def service_box_urls(office_domain: str | None = None) -> tuple[list[str], set[int]]:
    qs = Service.objects.filter(state=PublishState.PUBLISHED, in_service_box=True).exclude(link="")
    if office_domain:
        qs = qs.filter(office__domain=office_domain)
    pairs = list(qs.values_list("link", "office_id"))
    return sorted({p[0] for p in pairs}), {p[1] for p in pairs}


def check_links(
    timeout: float = 5.0,
    concurrency: int = 20,
    office_domain: str | None = None,
    evaluate_after: bool = False,
    force: bool = False,
) -> dict[str, Any]:
    """Check the service-box links (those not checked within a day, or all with ``force``).

    ``concurrency`` is kept for callers; politeness is per host (settings.AUDIT_PER_HOST).
    """
    urls, office_ids = service_box_urls(office_domain)
    counts = linkcheck.check_urls(urls, force=force, fetcher_options={"timeout": timeout, "retries": 1})
    if evaluate_after and office_ids:
        from .services import evaluate

        evaluate(office_ids)
    working = counts["ok"] + counts["slow"] + counts["redirected"]
    return {
        "checked": counts["checked"],
        "ok": working,
        "broken": counts["broken"],
        "blocked": counts["blocked"],
        "slow": counts["slow"],
        "redirected": counts["redirected"],
    }
