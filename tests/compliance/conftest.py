"""Fixtures for the compliance tests: the shipped rulebook, a fixed "now", content factories."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from batayon.compliance.models import CheckStatus
from batayon.compliance.rulebook import load_rules
from batayon.compliance.services import evaluate_office
from batayon.content.models import Document, Notice, Officer

DHAKA = ZoneInfo("Asia/Dhaka")


def at(y: int, m: int, d: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(y, m, d, hour, 0, tzinfo=DHAKA)


@pytest.fixture
def rules(db):
    load_rules()


@pytest.fixture
def office(kushtia_dc, rules):
    return kushtia_dc


def status(office, code: str) -> CheckStatus:
    return CheckStatus.objects.select_related("rule").get(office=office, rule__code=code)


def evaluate_at(office, when: dt.datetime) -> None:
    evaluate_office(office.pk, now=when)


def make_officer(office, kind="officer", updated=None, **fields) -> Officer:
    values = {
        "name_bn": "মোঃ করিম",
        "name_en": "Md Karim",
        "designation_bn": "সহকারী কমিশনার",
        "designation_en": "Assistant Commissioner",
        "mobile": "+8801711000000",
        "email": "a@b.gov.bd",
        "photo": "officers/x.jpg",
    }
    values.update(fields)
    officer = Officer(
        office=office, kind=kind, name=values["name_bn"], designation=values["designation_bn"], **values
    )
    officer.save()
    if updated:
        Officer.objects.filter(pk=officer.pk).update(updated_at=updated)
    return officer


def make_notice(office, published: dt.date, **fields) -> Notice:
    values = {"title_bn": "নোটিশ", "title_en": "Notice"}
    values.update(fields)
    return Notice.objects.create(office=office, title=values["title_bn"], publish_date=published, **values)


def make_document(office, category: str, fiscal_year: str, quarter: int | None = None, **fields) -> Document:
    values = {"title_bn": "দলিল", "title_en": "Document", "link": "https://example.gov.bd/x.pdf"}
    values.update(fields)
    return Document.objects.create(
        office=office,
        category=category,
        fiscal_year=fiscal_year,
        quarter=quarter,
        title=values["title_bn"],
        **values,
    )


def sign_in(client, user) -> None:
    """Sign in with the second factor already passed (supervisors must use TOTP)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def reason_bn(s, now=None) -> str:
    """A status's (or checklist item's) reason worded in Bangla, ages counted to ``now``."""
    from django.utils import translation

    with translation.override("bn"):
        return s.reason_text(now)


def reason_en(s, now=None) -> str:
    from django.utils import translation

    with translation.override("en"):
        return s.reason_text(now)
