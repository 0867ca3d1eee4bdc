"""The admin's index and sidebar name every app and model in Bangla (English on an English
page), including the packages that carry no Bangla of their own (auth, axes, TOTP, tasks)."""

from __future__ import annotations

import re

import pytest

from tests.workspace.helpers import make_user, signed_in

pytestmark = pytest.mark.django_db
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _names(client) -> list[str]:
    """The app captions and model links of the admin's index, as the page shows them."""
    html = client.get("/admin/").content.decode()
    main = html.split('id="content-main"')[1]
    apps = re.findall(r'<caption>\s*<a [^>]*>([^<]+)</a>', main)
    models = re.findall(r'<th scope="row"[^>]*>\s*(?:<a [^>]*>)?([^<]+)<', main)
    assert apps and models
    return [n.strip() for n in apps + models]


def test_every_app_and_model_is_named_in_bangla(kushtia_dc):
    names = _names(signed_in(make_user("adm", "admin", kushtia_dc)))
    english = [n for n in names if LATIN_WORD.search(n.replace("TOTP", ""))]
    assert english == []
    assert "সাইন-ইন সুরক্ষা" in names and "পোর্টালের বিষয়বস্তু" in names and "নোটিশসমূহ" in names


def test_english_admin_names_them_in_english(kushtia_dc):
    client = signed_in(make_user("adm", "admin", kushtia_dc))
    client.cookies["django_language"] = "en"
    names = _names(client)
    assert "Sign-in protection" in names and "Portal content" in names and "Notices" in names
    assert not [n for n in names if re.search(r"[\u0980-\u09ff]", n)]


def test_sidebar_on_a_change_list_uses_the_same_names(kushtia_dc):
    client = signed_in(make_user("adm", "admin", kushtia_dc))
    html = client.get("/admin/content/notice/").content.decode()
    assert "পোর্টালের বিষয়বস্তু" in html and "সাইন-ইন সুরক্ষা" in html
    assert ">Content<" not in html and ">Axes<" not in html
