"""The national administrator (the ``admin`` membership role) uses /admin/ after password and
TOTP; no other role does; the site is titled বাতায়ন, in Bangla by default."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.workspace.helpers import make_user, signed_in

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-1"


def _sign_in_with_totp(username: str, password: str, key_hex: str | None = None) -> Client:
    """Password on the platform's sign-in page, then the TOTP code, as a person does it."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True,
                                           **({"key": key_hex} if key_hex else {}))
    client = Client()
    r = client.get("/admin/", follow=True)
    assert r.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    r = client.post("/accounts/login/", {"username": username, "password": password, "next": "/admin/"})
    assert r.status_code == 302
    r = client.get("/admin/", follow=True)
    assert r.redirect_chain[-1][0].startswith("/accounts/2fa/"), r.redirect_chain  # password alone is not enough
    r = client.post("/accounts/2fa/", {"token": f"{totp(device.bin_key):06d}", "next": "/admin/"})
    assert r.status_code == 302 and r["Location"] == "/admin/"
    return client


def test_admin_made_with_adduser_uses_the_admin_after_password_and_totp(kushtia_dc):
    call_command("adduser", "--office", "cabinet.gov.bd", "--role", "admin", "--username", "national",
                 "--password", PASSWORD)
    client = _sign_in_with_totp("national", PASSWORD)
    r = client.get("/admin/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "/admin/compliance/rule/" in html  # the rulebook is listed: model permissions come with the role
    assert client.get("/admin/compliance/rule/").status_code == 200


def test_the_demo_admin_account_can_use_the_admin(settings, kushtia_dc):
    from batayon.workspace.demo import DEMO_TOTP_HEX, create_demo_accounts

    settings.DEBUG = True
    accounts = {row[0]: row for row in create_demo_accounts()}
    username, password, _label, _domain = accounts["batayon-admin"]
    client = _sign_in_with_totp(username, password, DEMO_TOTP_HEX)
    assert client.get("/admin/compliance/rule/").status_code == 200


@pytest.mark.parametrize("role", ["editor", "head", "supervisor"])
def test_other_roles_cannot_use_the_admin_even_with_totp(role, kushtia_dc):
    user = make_user(f"u-{role}", role, kushtia_dc)
    client = signed_in(user)
    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/admin/compliance/rule/", follow=True).status_code == 403
    assert not user.has_perm("compliance.change_rule")


def test_staff_status_alone_gives_nothing(kushtia_dc):
    user = make_user("staffer", is_staff=True)
    client = signed_in(user)
    assert client.get("/admin/", follow=True).status_code == 403


def test_admin_without_second_factor_is_sent_to_it(kushtia_dc):
    user = make_user("adm", "admin", kushtia_dc)
    r = signed_in(user, verified=False).get("/admin/", follow=True)
    assert r.redirect_chain[-1][0].startswith("/accounts/2fa/")


def test_admin_site_is_titled_batayon_in_bangla_then_english(kushtia_dc):
    client = signed_in(make_user("adm", "admin", kushtia_dc))
    html = client.get("/admin/").content.decode()
    assert "<title>জাতীয় প্রশাসন | বাতায়ন</title>" in html
    assert "জ্যাঙ্গো" not in html and "Django" not in html
    assert 'lang="bn"' in html
    client.cookies["django_language"] = "en"
    html = client.get("/admin/").content.decode()
    assert "<title>National administration | Batayon</title>" in html
