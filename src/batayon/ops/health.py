"""``/healthz``: what a load balancer and an operator need to know about this app server.

HTTP 200 when the database and the cache answer (the load balancer keeps the server), 503 when
either does not. The body also gives the task queues' depth, the cron scheduler's heartbeat and
each periodic job's last run, its age and whether it is overdue (``"status": "degraded"``): a
stopped scheduler shows as overdue jobs and ``scheduler.alive == 0``, it is never silent.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .jobs import job_states


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return f"error: {type(exc).__name__}"
    return "ok"


def check_cache() -> str:
    key, value = f"batayon:healthz:{uuid.uuid4().hex}", "1"
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return f"error: {type(exc).__name__}"
    return "ok" if ok else "error: value not kept"


def queue_depths() -> dict[str, int | str]:
    """Tasks waiting, per queue, for the configured backend (immediate: none)."""
    mode = settings.TASKS_MODE
    try:
        if mode == "rq":
            import django_rq

            return {name: django_rq.get_queue(name).count for name in settings.RQ_QUEUES}
        if mode == "database":
            from django_tasks_db.models import DBTaskResult

            return {"default": DBTaskResult.objects.ready().count()}
    except Exception as exc:  # noqa: BLE001
        return {"error": f"{type(exc).__name__}"}
    return {}


def scheduler_state() -> dict[str, Any] | None:
    """RQ's cron schedulers registered in Redis and their last heartbeat (RQ mode only)."""
    if settings.TASKS_MODE != "rq":
        return None
    try:
        import django_rq
        from rq.cron import CronScheduler

        schedulers = CronScheduler.all(django_rq.get_connection("periodic"))
    except Exception as exc:  # noqa: BLE001
        return {"alive": 0, "error": type(exc).__name__}
    now = timezone.now()
    beats = [s.last_heartbeat for s in schedulers if s.last_heartbeat]
    last = max(beats) if beats else None
    return {
        "alive": sum(1 for beat in beats if (now - beat).total_seconds() < 180),
        "last_heartbeat": last.isoformat() if last else None,
        "last_heartbeat_age_seconds": int((now - last).total_seconds()) if last else None,
    }


def health() -> tuple[bool, dict[str, object]]:
    checks = {"database": check_database(), "cache": check_cache()}
    healthy = all(value == "ok" for value in checks.values())
    body: dict[str, object] = {"checks": checks, "tasks": settings.TASKS_MODE, "queues": queue_depths()}
    scheduler = scheduler_state()
    if scheduler is not None:
        body["scheduler"] = scheduler
    degraded = False
    if checks["database"] == "ok":
        states, skipped = job_states()
        body["jobs"] = [state.as_dict() for state in states]
        body["skipped_jobs"] = [job.name for job in skipped]
        degraded = any(state.overdue or state.code == "failed" for state in states)
    if scheduler is not None and not scheduler["alive"]:
        degraded = True
    body["status"] = "error" if not healthy else "degraded" if degraded else "ok"
    return healthy, body


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, body = health()
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})


healthz.permission_action = "public"  # type: ignore[attr-defined]  # load balancers and monitors
