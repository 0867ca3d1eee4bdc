"""A probable defacement: "hacked by" text, or the home page suddenly replaced."""

from __future__ import annotations

import pytest

from batayon.audit.services import audit, portal_url

from .farm import Portal

pytestmark = pytest.mark.django_db


def test_hacked_by_text(audit_one):
    run = audit_one("defaced")
    assert run.defaced
    (finding,) = [f for f in run.findings if f["code"] == "defaced"]
    assert "Hacked by Team X" in finding["params"]["text"]


def test_home_page_replaced_since_last_audit(farm_factory, elsewhere):
    (office,) = elsewhere(1)
    portal = Portal(office.domain)
    farm_factory([portal])
    (first,) = audit([(office, portal_url(office))], evaluate=False)
    assert not first.defaced
    portal.defects.add("replaced")
    (second,) = audit([(office, portal_url(office))], evaluate=False)
    assert second.defaced
    assert "home_replaced" in {f["code"] for f in second.findings}
    first.refresh_from_db()
    assert not first.is_latest and second.is_latest
