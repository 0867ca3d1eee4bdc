"""The password-reset e-mail is written in the language the user chose for the site."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from tests.workspace.helpers import make_user

pytestmark = pytest.mark.django_db

BANGLA = re.compile(r"[\u0980-\u09FF]")


@pytest.fixture
def user(union_office, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    u = make_user("reset-me", "editor", union_office)
    u.email = "reset-me@example.gov.bd"
    u.save()
    return u


def request_reset(language: str | None) -> mail.EmailMessage:
    client = Client()
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    r = client.post("/accounts/password-reset/", {"email": "reset-me@example.gov.bd"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox.pop()


def test_the_reset_mail_is_bangla_by_default(user):
    msg = request_reset(None)
    assert msg.subject == "বাতায়ন: পাসওয়ার্ড পুনরুদ্ধার"
    assert "আপনার বাতায়ন অ্যাকাউন্টের (reset-me) পাসওয়ার্ড বদলাতে এই লিংকে যান:" in msg.body


def test_the_reset_mail_is_english_for_an_english_user(user):
    msg = request_reset("en")
    assert msg.subject == "Batayon: password reset"
    assert "To change the password of your Batayon account (reset-me), follow this link:" in msg.body
    assert "/accounts/password-reset/" in msg.body and not BANGLA.search(msg.body)
