"""/healthz for load balancers and monitors, /metrics for Prometheus only, and the supervision
dashboard showing when each periodic job last ran."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from batayon.ops.models import JobRun
from tests.workspace.helpers import make_user, signed_in


def test_healthz_reports_database_cache_queues_and_jobs(client, db):
    JobRun.objects.create(job="evaluate", status="ok", started_at=timezone.now() - dt.timedelta(minutes=5),
                          finished_at=timezone.now(), duration=dt.timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["checks"] == {"database": "ok", "cache": "ok"}
    jobs = {job["job"]: job for job in body["jobs"]}
    assert jobs["evaluate"]["status"] == "ok" and jobs["evaluate"]["age_seconds"] < 60
    assert jobs["evaluate"]["last_duration_seconds"] == 300
    assert jobs["checklinks"]["status"] == "never" and jobs["checklinks"]["overdue"]
    assert body["status"] == "degraded"  # a job that never ran is overdue
    assert "remind" in body["skipped_jobs"] or "remind" in jobs
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_cache_is_down(client, db):
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                               "LOCATION": "redis://127.0.0.1:1/0"}}):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("error")


def test_metrics_are_for_loopback_or_the_token_only(db):
    client = Client()
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    # Through a proxy every request comes from loopback: the forwarded header gives it away.
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    client.get("/o/kushtia.gov.bd/bn/")
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'batayon_request_seconds_count{area="portal"' in text
    assert "batayon_job_overdue" in text
    with override_settings(METRICS_TOKEN="s3cret-token"):
        assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403
        assert client.get("/metrics", REMOTE_ADDR="203.0.113.9",
                          HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_the_supervision_dashboard_shows_the_jobs_last_runs(db, kushtia_dc, lang):
    JobRun.objects.create(job="evaluate", status="error", started_at=timezone.now(), finished_at=timezone.now(),
                          duration=dt.timedelta(seconds=42), error="Traceback…")
    client = signed_in(make_user("ops-dc", "supervisor", kushtia_dc))
    client.cookies["django_language"] = lang
    html = client.get("/supervision/").content.decode()
    assert "<code>evaluate</code>" in html and "<code>checklinks</code>" in html
    if lang == "bn":
        assert "নিয়মিত কাজ" in html and "ব্যর্থ" in html and "কখনো চলেনি" in html and "৪২" in html
    else:
        assert "Periodic jobs" in html and "Failed" in html and "Never ran" in html
