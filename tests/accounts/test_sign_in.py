"""Signing in: Django's form fields, Bangla pages, lockout, TOTP for supervisors, CSRF, CSP."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from batayon.bangla.digits import to_bangla_digits
from tests.workspace.helpers import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-1"


def test_login_page_is_bangla_with_djangos_fields_and_a_strict_csp(client):
    r = client.get("/accounts/login/")
    html = r.content.decode()
    assert r.status_code == 200
    assert 'name="username"' in html and 'name="password"' in html
    assert "বাতায়নে প্রবেশ" in html and 'lang="bn"' in html
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script" not in html and "style=" not in html


def test_editor_signs_in_and_lands_in_the_workspace(union_office):
    make_user("ed", "editor", union_office)
    client = Client()
    r = client.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/workspace/"
    r = client.get("/workspace/", follow=True)
    assert r.redirect_chain[-1][0] == f"/workspace/{union_office.domain}/"  # one office: straight to it


def test_csrf_is_enforced(union_office):
    make_user("ed", "editor", union_office)
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/login/", {"username": "ed", "password": PASSWORD}).status_code == 403


def test_lockout_after_repeated_failures(settings, union_office):
    make_user("ed", "editor", union_office)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        r = client.post("/accounts/login/", {"username": "ed", "password": "wrong-password"})
        assert "ব্যবহারকারীর নাম বা পাসওয়ার্ড সঠিক নয়" in r.content.decode()
    client.post("/accounts/login/", {"username": "ed", "password": "wrong-password"})
    # Locked: even the right password is refused now.
    r = client.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert r.status_code == 429
    assert "অ্যাকাউন্ট সাময়িকভাবে বন্ধ" in r.content.decode()


def _enrol_page(client):
    r = client.get("/accounts/2fa/")
    assert r.status_code == 200
    return r.content.decode()


def test_supervisor_must_enrol_totp_before_any_workspace_page(uno_sadar_supervisor, union_office):
    client = Client()
    client.post("/accounts/login/", {"username": "sup", "password": PASSWORD})
    r = client.get(f"/workspace/{union_office.domain}/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/2fa/?next=")
    html = _enrol_page(client)
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', html)  # inline QR, CSP-safe
    device = TOTPDevice.objects.get(user=uno_sadar_supervisor, confirmed=False)
    bad = client.post("/accounts/2fa/", {"token": "000000", "next": f"/workspace/{union_office.domain}/"})
    assert bad.status_code == 400 and "কোডটি মেলেনি" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    token = to_bangla_digits(f"{totp(device.bin_key):06d}")  # Bangla digits are fine
    r = client.post("/accounts/2fa/", {"token": token, "next": f"/workspace/{union_office.domain}/"})
    assert r.status_code == 302 and r["Location"] == f"/workspace/{union_office.domain}/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(f"/workspace/{union_office.domain}/").status_code == 200


def test_enrolled_supervisor_verifies_a_token_at_each_sign_in(uno_sadar_supervisor, union_office):
    device = TOTPDevice.objects.create(user=uno_sadar_supervisor, name="phone", confirmed=True)
    client = Client()
    client.post("/accounts/login/", {"username": "sup", "password": PASSWORD})
    html = _enrol_page(client)
    assert "data:image" not in html  # no new QR code once enrolled
    r = client.post("/accounts/2fa/", {"token": f"{totp(device.bin_key):06d}"})
    assert r.status_code == 302
    assert client.get(f"/workspace/{union_office.domain}/").status_code == 200


def test_editors_are_not_asked_for_a_token(union_office):
    make_user("ed", "editor", union_office)
    client = Client()
    client.post("/accounts/login/", {"username": "ed", "password": PASSWORD})
    assert client.get(f"/workspace/{union_office.domain}/").status_code == 200


def test_passwords_are_argon2_hashed(union_office):
    user = make_user("ed", "editor", union_office)
    assert user.password.startswith("argon2$")


def test_session_expires(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.fixture
def uno_sadar_supervisor(uno_sadar):
    return make_user("sup", "supervisor", uno_sadar)
