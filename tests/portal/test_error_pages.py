"""404, 403 and 500 pages in the portal's look and the visitor's language (the URL's /bn/ or
/en/, else the language cookie, else Bangla) — not Django's English defaults."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.workspace.helpers import make_user, signed_in

pytestmark = pytest.mark.django_db
CSS = "/static/portal/portal.css"


def test_404_in_the_language_of_the_url(db):
    client = Client()
    bn = client.get("/bn/no-such-page/")
    assert bn.status_code == 404
    html = bn.content.decode()
    assert '<html lang="bn">' in html and "পাতাটি পাওয়া যায়নি" in html and CSS in html
    en = client.get("/en/no-such-page/")
    assert en.status_code == 404 and "Page not found" in en.content.decode()
    assert '<html lang="en">' in en.content.decode()


def test_404_on_an_office_portal_names_the_office_and_leads_home(kushtia_dc):
    r = Client().get("/o/kushtia.gov.bd/en/notices/999999/")
    html = r.content.decode()
    assert r.status_code == 404 and "Page not found" in html
    assert "Deputy Commissioner" in html and 'href="/o/kushtia.gov.bd/en/"' in html


def test_without_a_language_in_the_url_the_cookie_decides_else_bangla(db):
    client = Client()
    assert "পাতাটি পাওয়া যায়নি" in client.get("/nothing-here/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.get("/nothing-here/")
    assert r.status_code == 404 and "Page not found" in r.content.decode()


def test_403_when_an_editor_opens_another_office(union_office, kushtia_dc):
    editor = make_user("hatash", "editor", union_office)
    r = signed_in(editor, verified=False).get(f"/workspace/{kushtia_dc.domain}/notices/")
    assert r.status_code == 403
    html = r.content.decode()
    assert "এই পাতা দেখার অনুমতি নেই" in html and CSS in html


@override_settings(ROOT_URLCONF="tests.portal.boom_urls")
def test_500_in_the_visitors_language(db):
    client = Client(raise_request_exception=False)
    bn = client.get("/bn/boom/")
    assert bn.status_code == 500 and "একটি সমস্যা হয়েছে" in bn.content.decode() and CSS in bn.content.decode()
    en = client.get("/en/boom/")
    assert en.status_code == 500 and "Something went wrong" in en.content.decode()
