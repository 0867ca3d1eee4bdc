"""Auditing offices: crawl (async), record runs and observations (one transaction), check the
service-box links seen (shared checker), re-evaluate the offices' checklists."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from batayon.offices.models import Office

from . import linkcheck
from .crawl import Limits, SiteAudit, crawl_many
from .http import FetchConfig, Fetcher
from .http import run as run_loop
from .models import AuditRun, Observation
from .parallel import crawl_in_processes


class UnknownTarget(ValueError):
    pass


def portal_url(office: Office) -> str:
    """Where an office's portal is audited (``BATAYON_AUDIT_BASE_URL``, default https://DOMAIN/)."""
    return settings.AUDIT_BASE_URL.format(domain=office.domain)


def resolve_targets(targets: Sequence[str]) -> list[tuple[Office, str]]:
    """Domains or URLs → (office, URL to audit); a URL is audited as given."""
    out = []
    for target in targets:
        if "://" in target:
            host = (urlsplit(target).hostname or "").lower().removeprefix("www.")
            office = Office.objects.filter(domain=host).first()
            url = target
        else:
            office = Office.objects.filter(domain=target.lower().removeprefix("www.")).first()
            url = portal_url(office) if office else ""
        if office is None:
            raise UnknownTarget(f"এই ঠিকানার কোনো দপ্তর নেই: {target}")
        out.append((office, url))
    return out


def hosted_elsewhere() -> list[tuple[Office, str]]:
    return [(o, portal_url(o)) for o in Office.objects.filter(is_hosted=False).order_by("domain")]


def audit(
    targets: Iterable[tuple[Office, str]],
    *,
    progress: Callable[[int], None] | None = None,
    evaluate: bool = True,
    check_links: bool = True,
    fetcher_options: dict | None = None,
    limit_options: dict | None = None,
    sites_at_once: int = 200,
    batch: int = 2000,
    timings: dict[str, float] | None = None,
    processes: int | None = None,
) -> list[AuditRun]:
    """Audit the given (office, URL) pairs and record everything; returns the new runs.

    Sites are crawled ``sites_at_once`` at a time, in ``processes`` processes (default
    ``AUDIT_PROCESSES``; see parallel.py); every ``batch`` sites the results are recorded (one
    transaction each), so memory stays bounded at national scale.
    """
    processes = settings.AUDIT_PROCESSES if processes is None else processes
    targets = list(targets)
    timings = timings if timings is not None else {}
    for key in ("crawl", "record", "links", "evaluate"):
        timings.setdefault(key, 0.0)
    limits = Limits.from_settings(**(limit_options or {}))
    runs: list[AuditRun] = []
    urls: list[str] = []
    for start in range(0, len(targets), batch):
        chunk = targets[start : start + batch]
        t = time.monotonic()
        pairs = [(o.pk, u) for o, u in chunk]
        if processes > 1 and len(chunk) > 1:
            config = FetchConfig.from_settings(**(fetcher_options or {}))
            results = crawl_in_processes(pairs, processes, config, limits, sites_at_once, progress)
        else:
            fetcher = Fetcher.from_settings(**(fetcher_options or {}))

            async def crawl(pairs=pairs, fetcher=fetcher):
                async with fetcher:
                    return await crawl_many(pairs, fetcher, limits, sites_at_once, progress)

            results = run_loop(crawl())
        timings["crawl"] += time.monotonic() - t
        t = time.monotonic()
        runs += record([(o, a) for (o, _u), (_oid, a) in zip(chunk, results, strict=True)])
        timings["record"] += time.monotonic() - t
        urls += [u for _oid, a in results for u in a.service_links]
    if check_links and urls:
        t = time.monotonic()
        linkcheck.check_urls(urls, fetcher_options=fetcher_options)
        timings["links"] += time.monotonic() - t
    if evaluate and targets:
        from batayon.compliance.services import evaluate as evaluate_offices

        t = time.monotonic()
        evaluate_offices([o.pk for o, _u in targets])
        timings["evaluate"] += time.monotonic() - t
    return runs


def record(results: Sequence[tuple[Office, SiteAudit]]) -> list[AuditRun]:
    """One new latest run per office with its observations, all or nothing."""
    office_ids = [o.pk for o, _a in results]
    with transaction.atomic():
        previous = {r.office_id: r for r in AuditRun.objects.filter(office_id__in=office_ids, is_latest=True)}
        AuditRun.objects.filter(office_id__in=office_ids, is_latest=True).update(is_latest=False)
        runs = []
        for office, a in results:
            prev = previous.get(office.pk)
            defaced = bool(a.defacement)
            if (
                a.outcome == "ok"
                and prev is not None
                and prev.outcome == "ok"
                and prev.home_sections >= 4
                and a.home_sections <= 1
            ):
                # The home page that listed the mandated sections was replaced by something else.
                defaced = True
                a.finding(
                    "home_replaced", before=prev.home_title, after=a.home_title, sections=prev.home_sections
                )
            runs.append(
                AuditRun(
                    office=office,
                    base_url=a.base_url[:500],
                    started_at=a.started_at,
                    finished_at=a.finished_at or a.started_at,
                    is_latest=True,
                    outcome=a.outcome,
                    error=a.error[:200],
                    pages=a.pages,
                    bytes=a.bytes,
                    home_title=a.home_title[:300],
                    home_sections=a.home_sections,
                    https=a.https,
                    hsts_max_age=a.hsts_max_age,
                    cert_expires_at=a.cert_expires_at,
                    missing_headers=a.missing_headers,
                    has_bangla=a.has_bangla,
                    has_english=a.has_english,
                    defaced=defaced,
                    findings=a.findings,
                )
            )
        AuditRun.objects.bulk_create(runs, batch_size=500)
        if runs and runs[0].pk is None:  # backends that do not return ids from bulk inserts
            by_office = dict(
                AuditRun.objects.filter(office_id__in=office_ids, is_latest=True).values_list(
                    "office_id", "pk"
                )
            )
            for r in runs:
                r.pk = r.id = by_office[r.office_id]
        _insert_observations(
            (run.pk, office.pk, source, seen)
            for run, (office, a) in zip(runs, results, strict=True)
            for source, seen in a.seen.items()
        )
    return runs


def _insert_observations(rows: Iterable[tuple[int, int, str, Any]]) -> None:
    """One INSERT … executemany for the observations (about 25 a site): at national scale the
    ORM's bulk_create, which builds SQL for every hundred rows on SQLite, cost more than
    reading the pages. rows: (run id, office id, source, crawl.Seen)."""
    from django.db import connection

    adapt_date = connection.ops.adapt_datefield_value
    json_mark = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    meta = Observation._meta
    column = {f.attname: f.column for f in meta.concrete_fields}
    names = ("run_id", "office_id", "source", "section", "n", "last_change", "blanks", "untranslated", "evidence")
    quoted = ", ".join(connection.ops.quote_name(column[name]) for name in names)
    marks = ", ".join([*["%s"] * 6, json_mark, "%s", json_mark])
    sql = f"INSERT INTO {meta.db_table} ({quoted}) VALUES ({marks})"
    values = [
        (
            run_id,
            office_id,
            source,
            seen.section,
            seen.n,
            adapt_date(seen.last_change) if seen.last_change is not None else None,
            json.dumps(seen.blanks),
            seen.untranslated,
            json.dumps(seen.evidence[:50]),
        )
        for run_id, office_id, source, seen in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 5000):
            cursor.executemany(sql, values[start : start + 5000])
