"""The production stack (make prod) serves the platform: nginx's micro-cache in front of two app
servers, signing in and saving through the proxy, the re-evaluation run by an RQ worker, the
periodic jobs on the scheduler with their heartbeats in /healthz, metrics for operators."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import httpx
import pytest
from redis import Redis
from rq.registry import FinishedJobRegistry

from batayon.ops.stack import Stack, nginx_binary

from .conftest import free_port, sibling_database, sibling_redis

PASSWORD = "stack-test-password-1"
OFFICE = "kushtia.gov.bd"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    database_url, redis_url = sibling_database("_stack"), sibling_redis()
    if not nginx_binary():
        pytest.skip("nginx is not installed (make test installs Debian's nginx)")
    Redis.from_url(redis_url).flushdb()
    port = free_port()
    s = Stack(
        database_url=database_url,
        redis_url=redis_url,
        var=tmp_path_factory.mktemp("prod"),
        port=port,
        app_ports=[free_port(), free_port()],
        web_workers=1,
        microcache_seconds=30,
    )
    # The national registry comes with the migrations; no demo needed.
    s.prepare(demo=False, commands=[["adduser", "--office", OFFICE, "--role", "editor", "--username",
                                     "stack-editor", "--password", PASSWORD]])
    try:
        s.start()
        yield s
    finally:
        s.stop()
        assert all(p.poll() is not None for p in s.processes.values())


def test_stack_serves_caches_signs_in_saves_and_runs_tasks(stack):
    portal = httpx.Client(base_url=stack.url, headers={"Host": OFFICE}, timeout=20)
    first = portal.get("/bn/")
    assert first.status_code == 200 and "কুষ্টিয়া" in first.text
    assert first.headers["X-Cache"] in {"MISS", "EXPIRED", "HIT", "STALE", "UPDATING"}
    second = portal.get("/bn/")
    assert second.headers["X-Cache"] == "HIT"
    assert second.content == first.content
    english = portal.get("/en/")  # the language is part of the key
    assert english.status_code == 200 and english.text != first.text and "Kushtia" in english.text
    assert portal.get("/en/").headers["X-Cache"] == "HIT"

    # Static files come from nginx itself.
    css = re.search(r'href="(/static/[^"]+\.css)"', first.text)
    assert css, "the portal page links a stylesheet"
    static = portal.get(css.group(1))
    assert static.status_code == 200 and "X-Cache" not in static.headers

    # Sign in through the proxy; the session works on both app servers (round robin).
    web = httpx.Client(base_url=stack.url, timeout=20)
    login = web.get("/accounts/login/")
    assert login.headers.get("X-Cache", "BYPASS") != "HIT"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    signed = web.post("/accounts/login/", data={"csrfmiddlewaretoken": token, "username": "stack-editor",
                                                "password": PASSWORD})
    assert signed.status_code == 302, signed.text[:500]
    for _ in range(4):
        page = web.get(f"/workspace/{OFFICE}/")
        assert page.status_code == 200 and page.headers.get("X-Cache") == "BYPASS"
        assert OFFICE in page.text

    redis = Redis.from_url(stack.redis_url)
    finished = FinishedJobRegistry("default", connection=redis)
    before = set(finished.get_job_ids())
    form = web.get(f"/workspace/{OFFICE}/notices/new/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    title = f"স্ট্যাক পরীক্ষার নোটিশ {time.time_ns()}"
    saved = web.post(f"/workspace/{OFFICE}/notices/new/", data={
        "csrfmiddlewaretoken": token, "title_bn": title, "publish_date": "2025-01-05", "intent": "publish",
    })
    assert saved.status_code == 302, saved.text[:1000]

    # The save queued the office's re-evaluation on RQ and a worker ran it.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not set(finished.get_job_ids()) - before:
        time.sleep(0.2)
    new = set(finished.get_job_ids()) - before
    assert new, "no task finished on the RQ worker after the save"

    # The notice is on the public portal (a path nobody cached yet).
    notices = portal.get("/bn/notices/", params={"t": time.time_ns()})
    assert title in notices.text


def test_periodic_job_runs_on_a_worker_and_health_says_when(stack):
    health = httpx.get(f"{stack.url}/healthz", timeout=20).json()
    assert health["checks"] == {"database": "ok", "cache": "ok"}
    assert health["scheduler"]["alive"] == 1
    assert {job["job"] for job in health["jobs"]} >= {"evaluate", "snapshot", "checklinks"}

    queued_at = datetime.now(UTC)
    stack.manage("runjob", "evaluate", "--enqueue", capture_output=True)
    deadline = time.monotonic() + 90
    states = {}
    while time.monotonic() < deadline:
        states = {job["job"]: job for job in httpx.get(f"{stack.url}/healthz", timeout=20).json()["jobs"]}
        snapshot = states["snapshot"]
        if (snapshot["last_started"] and datetime.fromisoformat(snapshot["last_started"]) > queued_at
                and snapshot["last_status"] in {"ok", "error"}) or states["evaluate"]["last_status"] == "error":
            break
        time.sleep(0.5)
    assert states["evaluate"]["status"] == "ok" and not states["evaluate"]["overdue"]
    assert states["evaluate"]["age_seconds"] is not None and states["evaluate"]["age_seconds"] < 120
    assert states["snapshot"]["status"] == "ok"  # ran right after evaluate, on the worker


def test_metrics_for_operators_only(stack):
    assert httpx.get(f"{stack.url}/metrics", timeout=20).status_code == 404  # never through the proxy
    text = httpx.get(f"http://127.0.0.1:{stack.app_ports[0]}/metrics", timeout=20).text
    assert 'batayon_request_seconds_count{area="portal"' in text
    assert 'batayon_queue_depth{queue="default"}' in text
    assert "batayon_job_overdue" in text


def test_stale_pages_are_served_while_the_app_servers_restart(stack):
    portal = httpx.Client(base_url=stack.url, headers={"Host": OFFICE}, timeout=20)
    portal.get("/bn/officers/")
    assert portal.get("/bn/officers/").headers["X-Cache"] == "HIT"
    web = [stack.processes.pop(name) for name in list(stack.processes) if name.startswith("web")]
    for proc in web:
        proc.terminate()
    for proc in web:
        proc.wait(20)
    try:
        page = portal.get("/bn/officers/")
        assert page.status_code == 200 and page.headers["X-Cache"] in {"HIT", "STALE"}
    finally:
        for i, port in enumerate(stack.app_ports):
            stack.start_app_server(f"web{i + 1}", port, stack.web_workers)
