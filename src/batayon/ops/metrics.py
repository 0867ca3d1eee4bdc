"""Prometheus metrics: request latency, the task queues, task and evaluation durations.

Request latency is measured by :class:`RequestMetricsMiddleware` in each app server process,
task durations by the RQ job class in each worker. With several processes on a machine (gunicorn
workers, RQ workers) ``PROMETHEUS_MULTIPROC_DIR`` must name a directory they share (``make prod``
sets it); ``/metrics`` then adds up all of them. Queue depths and the periodic jobs' last runs are
read when Prometheus scrapes, from Redis and the database, so any app server reports them.

Who may read ``/metrics``: a client sending ``Authorization: Bearer $BATAYON_METRICS_TOKEN``;
when no token is set, only a client on loopback talking to the app server directly (not through
the proxy: a request carrying ``X-Forwarded-For`` is refused). The nginx configuration never
proxies ``/metrics``.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUEST_SECONDS = Histogram(
    "batayon_request_seconds",
    "Time to answer an HTTP request, by part of the site",
    ["area", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10),
)
TASK_SECONDS = Histogram(
    "batayon_task_seconds",
    "Time an RQ worker took to run a task or periodic job (react_to_change: re-evaluating and re-indexing saved offices)",
    ["task", "outcome"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600),
)

AREAS = {"workspace", "supervision", "admin", "api", "accounts", "static", "media", "healthz", "metrics", "i18n"}


def area_of(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in AREAS else "portal"


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        REQUEST_SECONDS.labels(area_of(request.path), request.method, f"{response.status_code // 100}xx").observe(
            time.perf_counter() - started
        )
        return response


def observe_task(task: str, outcome: str, seconds: float) -> None:
    TASK_SECONDS.labels(task, outcome).observe(seconds)


class StateCollector:
    """Values read at scrape time: queue depths, the periodic jobs' last runs."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from .health import queue_depths, scheduler_state
        from .jobs import job_states

        depth = GaugeMetricFamily("batayon_queue_depth", "Tasks waiting in a queue", labels=["queue"])
        for queue, count in (queue_depths() or {}).items():
            if isinstance(count, int):
                depth.add_metric([queue], count)
        yield depth
        states, _skipped = job_states()
        age = GaugeMetricFamily("batayon_job_last_run_age_seconds", "Seconds since a periodic job last ran", labels=["job"])
        duration = GaugeMetricFamily(
            "batayon_job_last_duration_seconds",
            "Duration of a periodic job's last finished run (evaluate: the national evaluation)",
            labels=["job"],
        )
        overdue = GaugeMetricFamily("batayon_job_overdue", "1 when a periodic job missed its schedule", labels=["job"])
        for state in states:
            if state.last_run is not None and state.age is not None:
                age.add_metric([state.job.name], state.age.total_seconds())
                if state.last_run.duration is not None:
                    duration.add_metric([state.job.name], state.last_run.duration.total_seconds())
            overdue.add_metric([state.job.name], 1 if state.overdue else 0)
        yield age
        yield duration
        yield overdue
        scheduler = scheduler_state()
        if scheduler is not None:
            alive = GaugeMetricFamily("batayon_scheduler_alive", "Cron schedulers with a recent heartbeat")
            alive.add_metric([], scheduler["alive"])
            yield alive


def may_read_metrics(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), token.encode())
    if "X-Forwarded-For" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        return HttpResponseForbidden("forbidden\n", content_type="text/plain")
    state = CollectorRegistry()
    state.register(StateCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
        body = generate_latest(processes)
    else:
        body = generate_latest(REGISTRY)
    return HttpResponse(body + generate_latest(state), content_type=CONTENT_TYPE_LATEST)


metrics_view.permission_action = "metrics"  # type: ignore[attr-defined]  # token or loopback, above
