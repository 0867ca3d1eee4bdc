"""Django's own strings that its Bangla catalogue leaves in English (the admin's messages and
chrome, the password rules) are Bangla on Bangla pages: the supplement in locale-django/."""

from __future__ import annotations

import json
from pathlib import Path

import django
import polib
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from batayon.settings import BASE_DIR

SUPPLEMENT = json.loads((BASE_DIR / "locale-django" / "bn-supplement.json").read_text("utf-8"))
# Never shown to our users: password hashers' parameters, a field of the admin's log.
NOT_SHOWN = {"variety", "version", "memory cost", "time cost", "parallelism", "work factor", "salt", "hash"}


def _untranslated(app: str) -> set[str]:
    po = polib.pofile(str(Path(django.__file__).parent / "contrib" / app / "locale" / "bn" / "LC_MESSAGES" / "django.po"))
    return {e.msgid for e in po if not e.msgstr and not e.msgstr_plural.get(0)} - NOT_SHOWN


@pytest.mark.parametrize("app", ["admin", "auth"])
def test_every_string_django_leaves_in_english_has_our_bangla(app):
    assert sorted(_untranslated(app) - set(SUPPLEMENT)) == []


def test_admin_messages_are_bangla_and_english_stays_english():
    with translation.override("bn"):
        assert translation.gettext("Recent actions") == "সাম্প্রতিক কাজ"
        assert translation.gettext("The {name} “{obj}” was changed successfully.") == "{name} “{obj}” সফলভাবে পরিবর্তন করা হয়েছে।"
    with translation.override("en"):
        assert translation.gettext("Recent actions") == "Recent actions"


def test_password_rules_speak_bangla():
    with translation.override("bn"), pytest.raises(ValidationError) as error:
        validate_password("12345")
    messages = " ".join(error.value.messages)
    assert "খুব ছোট" in messages and "শুধু অঙ্ক" in messages
    assert "password" not in messages.lower()


@pytest.mark.django_db
def test_admin_index_has_no_english_chrome(kushtia_dc):
    from tests.workspace.helpers import make_user, signed_in

    html = signed_in(make_user("adm", "admin", kushtia_dc)).get("/admin/").content.decode()
    assert "সাম্প্রতিক কাজ" in html and "সাইট দেখুন" in html
    assert "Recent actions" not in html and "View site" not in html
