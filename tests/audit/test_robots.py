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
