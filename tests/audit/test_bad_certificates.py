"""A portal whose certificate does not verify (self-signed, expired, another host's) gets its
own finding, worded in Bangla, and the rest of the portal is still audited — not "unreachable"."""

from __future__ import annotations

import datetime as dt
import ssl

import pytest
from django.utils import translation

from batayon.audit.findings import describe
from batayon.audit.linkcheck import check_urls
from batayon.audit.models import Link
from batayon.audit.services import audit, portal_url

from .farm import SERVICE_HOST, Portal

trustme = pytest.importorskip("trustme")
pytestmark = pytest.mark.django_db


def self_signed(tmp_path, *names: str) -> tuple[str, str]:
    """A certificate signed by its own key (what a server's default install serves)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(cert_path), str(key_path)


@pytest.fixture
def bad_cert_farm(farm_factory, elsewhere, settings, tmp_path):
    """Serve one portal over HTTPS with a certificate of the given kind; audit it."""

    def make(kind: str, defects=()):
        (office,) = elsewhere(1)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        if kind == "self_signed":
            context.load_cert_chain(*self_signed(tmp_path, office.domain, SERVICE_HOST))
        else:
            ca = trustme.CA()
            ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
            settings.AUDIT_CA_BUNDLE = str(tmp_path / "ca.pem")  # a trusted authority
            now = dt.datetime.now(dt.UTC)
            if kind == "expired":
                cert = ca.issue_cert(
                    office.domain,
                    SERVICE_HOST,
                    not_before=now - dt.timedelta(days=400),
                    not_after=now - dt.timedelta(days=12, hours=1),
                )
            else:  # "wrong_host": a valid certificate, for another name
                cert = ca.issue_cert("another.gov.bd")
            cert.configure_cert(context)
        farm = farm_factory([Portal(office.domain, set(defects))], tls=context)
        (run,) = audit([(office, portal_url(office))], evaluate=False)
        return farm, run

    return make


def codes(run) -> dict[str, dict]:
    return {f["code"]: f["params"] for f in run.findings}


def test_self_signed_certificate_is_a_finding_and_the_rest_is_audited(bad_cert_farm):
    _farm, run = bad_cert_farm("self_signed", defects={"stale_notices"})
    assert run.outcome == "ok" and run.https is True
    assert codes(run)["cert_invalid"]["reason"] == "self_signed"
    assert run.pages == 30 and run.home_sections == 14  # every page was still read
    assert run.has_english and run.hsts_max_age == 31536000
    assert run.cert_expires_at is not None  # read from the certificate all the same
    notices = run.observations.get(source="notices")
    assert notices.n == 4 and (dt.date.today() - notices.last_change).days >= 120
    with translation.override("bn"):
        (text,) = [describe(f) for f in run.findings if f["code"] == "cert_invalid"]
    assert text == (
        "সার্টিফিকেট বৈধ নয়, ব্রাউজার দর্শনার্থীদের সতর্ক করবে: "
        "নিজে স্বাক্ষর করা সার্টিফিকেট, কোনো স্বীকৃত কর্তৃপক্ষের দেওয়া নয়"
    )


def test_expired_certificate(bad_cert_farm):
    _farm, run = bad_cert_farm("expired")
    assert run.outcome == "ok" and run.pages == 30
    found = codes(run)
    assert found["cert_expired"]["days"] in (12, 13) and "cert_invalid" not in found
    with translation.override("bn"):
        (text,) = [describe(f) for f in run.findings if f["code"] == "cert_expired"]
    assert text in ("সার্টিফিকেটের মেয়াদ শেষ হয়েছে (দিন আগে): ১২", "সার্টিফিকেটের মেয়াদ শেষ হয়েছে (দিন আগে): ১৩")


def test_certificate_of_another_host(bad_cert_farm):
    _farm, run = bad_cert_farm("wrong_host")
    assert run.outcome == "ok" and run.home_sections == 14
    assert codes(run)["cert_invalid"]["reason"] == "wrong_host"


def test_a_service_link_behind_a_bad_certificate_is_broken(bad_cert_farm):
    farm, _run = bad_cert_farm("self_signed")
    url = f"https://{SERVICE_HOST}:{farm.port}/ok/birth"
    check_urls([url], force=True)
    link = Link.objects.get(url=url)
    assert link.status == Link.Status.BROKEN and link.error == "certificate: self_signed"
