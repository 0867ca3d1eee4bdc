"""Oversight fixtures: the workspace's people, the shipped rulebook, a real SMTP server."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy
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


class Received:
    """What the SMTP server received: parsed messages."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.envelopes.append(envelope)
        return "250 OK"

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(e.original_content, policy=policy.default) for e in self.envelopes]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    def clear(self) -> None:
        self.envelopes.clear()


def _free_port() -> int:
    for port in range(18100, 18200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18100–18199")


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend sends to it."""
    from aiosmtpd.controller import Controller

    handler = Received()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.BATAYON_ESCALATE_HEAD_DAYS = 3
    settings.BATAYON_ESCALATE_SUPERVISOR_DAYS = 7
    settings.BATAYON_ESCALATE_STEP_DAYS = 5
    settings.BATAYON_REMIND_DUE_SOON_DAYS = 3
    settings.BATAYON_PUBLIC_URL = "https://batayon.gov.bd"
    try:
        yield handler
    finally:
        controller.stop()


def text_part(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def subject_of(message) -> str:
    """The decoded subject (a folded encoded-word header may start with folding whitespace)."""
    return str(message["Subject"]).strip()
