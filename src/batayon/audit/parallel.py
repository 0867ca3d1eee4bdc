"""Crawling in several processes on one machine (``AUDIT_PROCESSES``): a crawl spends its time
in Python (parsing, extracting, the HTTP client), so one process uses one core.

The sites are split by host name — every site of a host stays in one process, so the per-host
limits (≤ ``per_host`` in flight, the delay, robots.txt) hold as in one process. A host no
process owns (a redirect target portals of several processes share) is gated in each
process with its share of the limits (``HostGate``), so together they keep them too. Each process
runs its own event loop and fetcher and sends back the ``SiteAudit`` results; recording,
link checks and evaluation stay in the calling process. Nothing here touches the database.
(Across machines, ``batayon audit --all`` queues per-host jobs instead.)
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, wait
from multiprocessing.queues import Queue as ProcessQueue
from urllib.parse import urlsplit

from .crawl import Limits, SiteAudit, crawl_many
from .guard import Guard
from .http import FetchConfig, Fetcher, trusting
from .http import run as run_loop

_progress: ProcessQueue | None = None


def split_by_host(targets: Sequence[tuple[int, str]], parts: int) -> list[list[tuple[int, str]]]:
    """``parts`` groups of about the same size; all targets of one host in the same group."""
    by_host: dict[str, list[tuple[int, str]]] = {}
    for target in targets:
        by_host.setdefault((urlsplit(target[1]).hostname or "").lower(), []).append(target)
    groups: list[list[tuple[int, str]]] = [[] for _ in range(parts)]
    for host_targets in sorted(by_host.values(), key=len, reverse=True):
        min(groups, key=len).extend(host_targets)
    return [g for g in groups if g]


def _init(progress: ProcessQueue) -> None:
    global _progress
    _progress = progress


def _report(n: int) -> None:
    if _progress is not None:
        _progress.put(n)


def _crawl(
    targets: list[tuple[int, str]],
    config: FetchConfig,
    guard: Guard,
    hosts: dict[str, str],
    ca_bundle: str,
    limits: Limits,
    sites_at_once: int,
    processes: int,
) -> list[tuple[int, SiteAudit]]:
    home = {(urlsplit(url).hostname or "").lower() for _oid, url in targets}
    fetcher = Fetcher(config, guard, hosts, trusting(ca_bundle), home_hosts=home, processes=processes)

    async def go():
        async with fetcher:
            return await crawl_many(targets, fetcher, limits, sites_at_once, _report)

    return run_loop(go())


def crawl_in_processes(
    targets: Sequence[tuple[int, str]],
    processes: int,
    config: FetchConfig,
    limits: Limits,
    sites_at_once: int,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[int, SiteAudit]]:
    """``crawl_many`` over ``processes`` processes; results in the order of ``targets``."""
    from django.conf import settings

    groups = split_by_host(targets, processes)
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited sockets
    done_queue = context.Queue()
    results: dict[tuple[int, str], SiteAudit] = {}
    with ProcessPoolExecutor(
        len(groups), mp_context=context, initializer=_init, initargs=(done_queue,)
    ) as pool:
        futures = [
            pool.submit(
                _crawl,
                group,
                config,
                Guard.from_settings(),
                settings.AUDIT_HOSTS,
                settings.AUDIT_CA_BUNDLE,
                limits,
                max(1, sites_at_once // len(groups)),
                len(groups),
            )
            for group in groups
        ]
        pending = set(futures)
        while pending:
            _done, pending = wait(pending, timeout=0.2)
            while True:
                try:
                    n = done_queue.get_nowait()
                except queue_module.Empty:
                    break
                if progress:
                    progress(n)
        for group, future in zip(groups, futures, strict=True):
            for target, (_oid, site) in zip(group, future.result(), strict=True):
                results[target] = site
    return [(oid, results[(oid, url)]) for oid, url in targets]
