"""Oversight fixtures: the workspace's people, the shipped rulebook, a real SMTP server."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from batayon.compliance.rulebook import load_rules
from batayon.compliance.services import evaluate_office
from tests.workspace.conftest import editor, editor_client, head, supervisor, uno_sadar  # noqa: F401
from tests.workspace.helpers import make_user, signed_in  # noqa: F401

DHAKA = ZoneInfo("Asia/Dhaka")


def at(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hour, 0, tzinfo=DHAKA)


@pytest.fixture
def rules(db):
    load_rules()


def evaluate_at(office, when: dt.datetime) -> None:
    evaluate_office(office.pk, now=when)


def run_command(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()




@pytest.fixture
def smtp(smtp, settings):
    """The shared test SMTP server (tests/conftest.py), with the reminder settings the tests assume."""
    settings.BATAYON_ESCALATE_HEAD_DAYS = 3
    settings.BATAYON_ESCALATE_SUPERVISOR_DAYS = 7
    settings.BATAYON_ESCALATE_STEP_DAYS = 5
    settings.BATAYON_REMIND_DUE_SOON_DAYS = 3
    settings.BATAYON_PUBLIC_URL = "https://batayon.gov.bd"
    return smtp


def text_part(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def subject_of(message) -> str:
    """The decoded subject (a folded encoded-word header may start with folding whitespace)."""
    return str(message["Subject"]).strip()
