"""Users with roles, signed in with or without their second factor."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from batayon.accounts.models import Membership
from batayon.offices.models import Office


def make_user(username: str, role: str | None = None, office: Office | None = None, **extra):
    user = get_user_model().objects.create_user(username=username, password="a-long-test-password-1", **extra)
    if role:
        Membership.objects.create(user=user, office=office, role=role)
    return user


def signed_in(user, verified: bool = True) -> Client:
    """A client signed in as ``user``; ``verified`` also passes the TOTP step."""
    client = Client()
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
