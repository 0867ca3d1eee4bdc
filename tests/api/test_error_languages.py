"""An API error says the same thing in Bangla and in English: one catalogue message, worded in
each language (Bangla digits in Bangla), whatever language the client's cookie names."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings

from batayon.api.http import MESSAGES, ApiError

pytestmark = pytest.mark.django_db

BANGLA = re.compile(r"[\u0980-\u09FF]")
NOTICES = "/api/v1/offices/kumarkhali.kushtia.gov.bd/notices"


def post_notice(client, key, body):
    return client.post(NOTICES, data=json.dumps(body), content_type="application/json",
                       headers={"authorization": f"Bearer {key}"})


@pytest.mark.parametrize("cookie", ["bn", "en"])
def test_an_error_has_bangla_and_english_whatever_the_clients_language(client, cookie):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    r = client.get("/api/v1/offices/?page_size=500")
    error = r.json()["error"]
    assert r.status_code == 400 and error["code"] == "bad_integer"
    assert error["message_en"] == "'page_size' must be a whole number from 1 to 100."
    assert error["message_bn"] == "'page_size' একটি পূর্ণসংখ্যা হতে হবে (১ থেকে ১০০)।"


def test_every_error_code_is_english_in_english_and_bangla_in_bangla():
    params = {"limit": 2048, "chars": "; =", "name": "q", "min": 1, "max": 4, "choices": "rti, grs",
              "pages": 7, "seconds": 30, "office": "kushtia.gov.bd", "details": "title"}
    for code in MESSAGES:
        error = ApiError(400, code, **params)
        assert error.message_en.isascii() and error.message_en != error.message_bn, code
        # Numbers in Bangla digits (UTF-8 is a name, not a number).
        assert BANGLA.search(error.message_bn) and not re.search(r"[0-9]", error.message_bn.replace("UTF-8", "")), code


def test_an_invalid_notice_is_explained_in_english_too(client, key):
    r = post_notice(client, key, {"title": {"bn": "নোটিশ"}, "publish_date": "2025-03-10",
                                  "archive_date": "2025-03-01"})
    error = r.json()["error"]
    assert r.status_code == 400 and error["code"] == "invalid"
    assert error["message_en"].startswith("Invalid input: archive_date: ") and error["message_en"].isascii()
    assert error["message_bn"] == "তথ্য সঠিক নয়: archive_date: আর্কাইভের তারিখ প্রকাশের তারিখের আগে হতে পারে না।"


def test_an_impossible_date_is_explained_in_bangla_not_in_pythons_english(client, key):
    r = post_notice(client, key, {"title": {"bn": "নোটিশ"}, "publish_date": "2025-02-31"})
    error = r.json()["error"]
    assert r.status_code == 400
    assert error["message_bn"] == "তথ্য সঠিক নয়: publish_date: তারিখটি সঠিক নয়; বছর-মাস-দিন (YYYY-MM-DD) আকারে দিন"
    assert error["message_en"] == "Invalid input: publish_date: not a valid date (use YYYY-MM-DD)"


def test_a_missing_bangla_title_is_worded_in_both(client, key):
    error = post_notice(client, key, {"title": {"en": "Only English"}}).json()["error"]
    assert error["message_bn"] == "তথ্য সঠিক নয়: title.bn: বাংলা শিরোনাম দিতে হবে"
    assert error["message_en"] == "Invalid input: title.bn: a Bangla title is required"
