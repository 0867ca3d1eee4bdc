"""Demo accounts for the workspace, created by ``batayon loaddemo`` (idempotent).

Only when BATAYON_DEBUG is on: a production deployment never gets accounts whose
passwords are printed. Supervisors and the admin get a TOTP device with a known secret,
printed so the demo can be signed into with any authenticator app (or ``oathtool``).
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from batayon.accounts.models import Membership, Role
from batayon.offices.models import Office, Tier

UNION_DOMAIN = "1nohatashharipurup.kushtia.gov.bd"
# The RFC 6238 test key ("12345678901234567890"): fine for a demo, printed on purpose.
DEMO_TOTP_HEX = "3132333435363738393031323334353637383930"


def demo_totp_secret() -> str:
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_HEX)).decode()


def _accounts() -> list[tuple[str, str, Role, Office | None]]:
    union = Office.objects.filter(domain=UNION_DOMAIN).first()
    dc = Office.objects.filter(domain="kushtia.gov.bd").first()
    uno = Office.objects.filter(tier=Tier.UPAZILA, area_id=union.upazila_id).first() if union else None
    national = Office.objects.filter(domain="cabinet.gov.bd").first() or dc
    return [
        ("kushtia-editor", "demo-editor-kushtia", Role.EDITOR, dc),
        ("hatash-editor", "demo-editor-hatash", Role.EDITOR, union),
        ("kushtia-head", "demo-head-kushtia", Role.HEAD, dc),
        ("sadar-uno", "demo-uno-sadar", Role.SUPERVISOR, uno),
        ("kushtia-dc", "demo-dc-kushtia", Role.SUPERVISOR, dc),
        ("batayon-admin", "demo-admin-batayon", Role.ADMIN, national),
    ]


def create_demo_accounts() -> list[tuple[str, str, str, str]]:
    """Returns (username, password, role, office domain) for each demo login."""
    if not settings.DEBUG:
        return []
    User = get_user_model()
    rows: list[tuple[str, str, str, str]] = []
    with transaction.atomic():
        for username, password, role, office in _accounts():
            if office is None:
                continue
            user, _created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.gov.bd"})
            user.set_password(password)
            user.save()
            Membership.objects.get_or_create(user=user, office=office, role=role)
            label = str(role.value)
            if role in (Role.SUPERVISOR, Role.ADMIN):
                TOTPDevice.objects.update_or_create(
                    user=user, name="demo", defaults={"key": DEMO_TOTP_HEX, "confirmed": True}
                )
                label += f"; TOTP secret {demo_totp_secret()}"
            rows.append((username, password, label, office.domain))
    return rows
