"""An editor who chose English sees an English workspace: no Bangla interface text anywhere.

The office's own content is English-only here, so any Bangla character left on a page is
interface text that did not go through the catalogue (or a number not formatted for the
page's language). Text marked ``lang="bn"`` is exempt: the language switch ("বাংলা") and
content shown in its other language with a "not yet translated" marker.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from batayon.compliance.services import evaluate
from batayon.content.models import Notice, Officer, PublishState
from batayon.history.services import save_content
from batayon.offices.models import Office
from batayon.workspace.editors import MENU_KEYS

from .helpers import make_user, signed_in

BANGLA = re.compile(r"[\u0980-\u09FF]+")
# Elements whose text is not interface text: marked Bangla, scripts and styles.
EXEMPT = re.compile(
    r"<(?P<tag>\w+)[^>]*\blang=\"bn\"[^>]*>.*?</(?P=tag)>|<script.*?</script>|<style.*?</style>", re.DOTALL
)


def bangla_interface_text(html: str) -> list[str]:
    text = EXEMPT.sub("", html)
    text = re.sub(r'\blang="bn"', "", text)
    found = []
    for m in BANGLA.finditer(text):
        found.append(text[max(0, m.start() - 60) : m.end() + 20].replace("\n", " "))
    return found


@pytest.fixture
def english_office(union_office) -> Office:
    """The union parishad with its content in English only."""
    Office.objects.filter(pk=union_office.pk).update(name_bn="", address_bn="")
    union_office.refresh_from_db()
    return union_office


@pytest.fixture
def english_client(english_office):
    editor = make_user("en-head", "head", english_office)
    client = signed_in(editor, verified=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def officer(english_office):
    user = make_user("en-author")
    o = Officer(
        office=english_office, kind=Officer.Kind.OFFICER, name_en="Rahima Khatun", name="Rahima Khatun",
        designation_en="Chairman", designation="Chairman", mobile="+8801711000000", email="up@example.gov.bd",
        state=PublishState.PUBLISHED,
    )
    save_content(o, user)
    o.mobile = "+8801711000001"
    save_content(o, user)
    n = Notice(office=english_office, title_en="Market day moved", title="Market day moved",
               state=PublishState.PUBLISHED)
    save_content(n, user)
    return o


def assert_english(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="en">' in html, url
    leftovers = bangla_interface_text(html)
    assert leftovers == [], f"{url}: Bangla interface text on the English page: {leftovers[:5]}"
    return html


def test_office_page_lists_and_log_are_english(english_client, english_office, officer):
    domain = english_office.domain
    assert_english(english_client, reverse("workspace:office", args=[domain]))
    assert_english(english_client, reverse("workspace:log", args=[domain]))
    for key in MENU_KEYS:
        assert_english(english_client, reverse("workspace:list", args=[domain, key]))


def test_forms_import_and_history_are_english(english_client, english_office, officer):
    domain = english_office.domain
    for key in ("officers", "notices", "services", "rti"):
        assert_english(english_client, reverse("workspace:new", args=[domain, key]))
    assert_english(english_client, reverse("workspace:import", args=[domain, "officers"]))
    html = assert_english(english_client, reverse("workspace:history", args=[domain, "officers", officer.pk]))
    assert "Rahima Khatun" in html


def test_supervision_dashboard_and_checklist_are_english(english_office, officer):
    supervisor_office = Office.objects.get(tier="upazila", area_id=english_office.upazila_id)
    evaluate([english_office.pk, supervisor_office.pk])
    Office.objects.filter(upazila_id=english_office.upazila_id).update(name_bn="")
    client = signed_in(make_user("en-uno", "supervisor", supervisor_office), verified=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert_english(client, reverse("compliance:dashboard"))
    html = assert_english(client, reverse("compliance:office", args=[english_office.domain]))
    # A supervisor cannot edit the charter: no "Fix" link to a read-only page, but what to ask
    # the office (issue 13).
    fix_link = reverse("workspace:list", args=[english_office.domain, "charter"])
    assert f'href="{fix_link}">Fix</a>' not in html
    assert "Ask the office to fix it" in html


def test_a_bad_phone_is_an_english_form_error(english_client, english_office):
    r = english_client.post(reverse("workspace:new", args=[english_office.domain, "officers"]), {
        "name_en": "Karim Uddin", "designation_en": "Secretary", "mobile": "017116183", "sort_order": "1",
        "intent": "publish"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "A mobile number has 11 digits; this one has 9." in html
    assert bangla_interface_text(html) == []
    assert not Officer.objects.filter(office=english_office, name_en="Karim Uddin").exists()
