"""``batayon audit --all`` on the task queue: one job per group of hosts (django-tasks).

With ``BATAYON_TASKS=immediate`` (the default) the command does not queue and runs in one
process; with a queue backend (the database queue, RQ) each job is picked up by whichever
worker is free, so more worker processes on more machines crawl in parallel. All offices of
one host stay in one job, so the per-host limits hold across workers.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from django_tasks import task

from .services import portal_url


def jobs(offices, size: int) -> list[list[int]]:
    """Office ids grouped by the host their portal is on, packed into jobs of about ``size``."""
    by_host: dict[str, list[int]] = defaultdict(list)
    for office in offices:
        by_host[(urlsplit(portal_url(office)).hostname or "").lower()].append(office.pk)
    out: list[list[int]] = []
    current: list[int] = []
    for _host, ids in sorted(by_host.items()):
        if current and len(current) + len(ids) > size:
            out.append(current)
            current = []
        current.extend(ids)
    if current:
        out.append(current)
    return out


@task()
def audit_offices(office_ids: list[int]) -> dict[str, int]:
    """Audit these offices (one job of ``batayon audit --all``) and re-evaluate them."""
    from batayon.offices.models import Office

    from .services import audit

    offices = list(Office.objects.filter(pk__in=office_ids))
    runs = audit([(o, portal_url(o)) for o in offices])
    return {"offices": len(runs), "pages": sum(r.pages for r in runs)}
