"""robots.txt is honoured: a forbidden section is never fetched, and the audit says so."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_forbidden_section_is_not_fetched_and_reported(audit_one):
    run = audit_one("robots")
    findings = {f["code"]: f["params"] for f in run.findings}
    assert any("/site/page/apa" in u for u in findings["robots_forbidden"]["urls"])
    sources = set(run.observations.values_list("source", flat=True))
    assert "apa" not in sources and "officers" in sources
    assert run.outcome == "ok"


def test_crawl_delay_slows_the_gate_for_that_host(farm_factory):
    import asyncio

    from batayon.audit.http import Fetcher

    from .farm import Portal

    farm = farm_factory([Portal("polite.example.gov.bd", {"crawl_delay"}), Portal("other.example.gov.bd")])

    async def fetch_both():
        async with Fetcher.from_settings() as fetcher:
            for domain in ("polite.example.gov.bd", "other.example.gov.bd"):
                assert (await fetcher.get(farm.url(domain))).ok
            return fetcher.gate.delays

    assert asyncio.run(fetch_both()) == {"polite.example.gov.bd": 1.0}
