"""Caps: pages per site, bytes per response."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_page_cap(audit_one, settings):
    settings.AUDIT_MAX_PAGES = 5
    run = audit_one()
    assert run.pages == 5
    assert "capped" in {f["code"] for f in run.findings}


def test_byte_cap_per_response(audit_one, settings):
    settings.AUDIT_MAX_BYTES = 200_000
    run = audit_one("huge")
    assert run.bytes < 40 * 200_000
    assert run.observations.filter(source="officers").exists()
