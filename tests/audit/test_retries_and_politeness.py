"""Retries with back-off on a server error; never more than 2 requests in flight per host."""

from __future__ import annotations

import pytest

from batayon.audit.services import audit, portal_url

from .farm import Portal

pytestmark = pytest.mark.django_db


def test_a_503_is_retried_and_the_page_read(farm_factory, elsewhere):
    (office,) = elsewhere(1)
    farm = farm_factory([Portal(office.domain, {"flaky"})])
    (run,) = audit([(office, portal_url(office))], evaluate=False)
    assert run.observations.get(source="charter").n == 1
    assert farm.hits[f"{office.domain}/bn/site/page/citizen_charter"] == 2


def test_at_most_two_requests_in_flight_per_host(farm_factory, elsewhere):
    offices = elsewhere(3)
    farm = farm_factory([Portal(o.domain, {"slow"}) for o in offices], slow_seconds=0.4)
    audit([(o, portal_url(o)) for o in offices], evaluate=False)
    assert max(farm.max_in_flight[o.domain] for o in offices) == 2


def test_slow_pages_and_redirects_are_reported(audit_one):
    run = audit_one("slow", "redirect", slow_seconds=0.6)
    findings = {f["code"]: f["params"] for f in run.findings}
    assert any(p["url"].endswith("/bn/site/page/notices") for p in findings["slow_pages"]["pages"])
    assert any(p["to"].endswith("/officers_new") for p in findings["redirects"]["pages"])
    assert run.observations.get(source="officers").n == 5  # read at its new address
