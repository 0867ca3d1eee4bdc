"""Shared fixtures. The national registry (geography, ~17,500 offices, menus) is loaded once
per test session into the test database; each test then runs inside a transaction."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from batayon.content.menus import load_menus
from batayon.offices.models import Office
from batayon.offices.registry import load_geography, load_offices


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_geography()
        load_offices()
        load_menus()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Host lookups and menus are cached; a test must not see another test's rows.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kushtia_dc(db) -> Office:
    return Office.objects.get(domain="kushtia.gov.bd")


@pytest.fixture
def union_office(db) -> Office:
    """Hatash Haripur union parishad, Kushtia Sadar."""
    return Office.objects.get(domain="1nohatashharipurup.kushtia.gov.bd")


class Received:
    """What the test SMTP server received: the raw envelopes and, parsed, the messages."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.envelopes.append(envelope)
        return "250 OK"

    @property
    def messages(self) -> list:
        import email
        from email import policy

        return [email.message_from_bytes(e.original_content, policy=policy.default) for e in self.envelopes]

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in str(m["To"])]

    def clear(self) -> None:
        self.envelopes.clear()


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1; Django's SMTP backend sends to it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    received = Received()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield received
    finally:
        controller.stop()
