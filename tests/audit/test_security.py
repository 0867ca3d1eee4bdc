"""HTTPS, HSTS, certificate expiry and security headers (HTTPS with a CA made in the test)."""

from __future__ import annotations

import datetime as dt

import pytest

from batayon.audit.services import audit, portal_url

from .farm import SERVICE_HOST, Portal

trustme = pytest.importorskip("trustme")
pytestmark = pytest.mark.django_db


@pytest.fixture
def https_farm(farm_factory, elsewhere, settings, tmp_path):
    def make(defects=(), expires_in_days=365):
        (office,) = elsewhere(1)
        ca = trustme.CA()
        not_after = dt.datetime.now(dt.UTC) + dt.timedelta(days=expires_in_days)
        cert = ca.issue_cert(office.domain, SERVICE_HOST, not_after=not_after)
        import ssl

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
        settings.AUDIT_CA_BUNDLE = str(tmp_path / "ca.pem")
        farm_factory([Portal(office.domain, set(defects))], tls=context)
        (run,) = audit([(office, portal_url(office))], evaluate=False)
        return run, not_after

    return make


def test_https_with_hsts_and_headers_is_not_flagged(https_farm):
    run, not_after = https_farm()
    assert run.https and run.hsts_max_age == 31536000
    assert abs((run.cert_expires_at - not_after).total_seconds()) < 120
    assert run.findings == []


def test_certificate_about_to_expire(https_farm):
    run, _ = https_farm(expires_in_days=10)
    (finding,) = [f for f in run.findings if f["code"] == "cert_expiring"]
    assert finding["params"]["days"] in (9, 10)


def test_missing_security_headers(audit_one):
    run = audit_one("no_headers")
    (finding,) = [f for f in run.findings if f["code"] == "missing_headers"]
    assert set(finding["params"]["headers"]) == {
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
    }


def test_plain_http_portal(audit_one):
    run = audit_one()
    assert run.https is False and "no_https" in {f["code"] for f in run.findings}
