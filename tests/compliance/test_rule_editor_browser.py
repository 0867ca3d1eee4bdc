"""The national administrator edits a rule in Debian's Chromium, against a real server loaded
with the demo: password and TOTP, the change page, the preview of the flips, the confirmed
save, the rule's history. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, batayon, demo_env, need_chromium, running_server

pytestmark = pytest.mark.browser

TIERS_WITHOUT_UNIONS = ["ministry", "agency", "division", "district", "upazila", "division_field",
                        "district_field", "upazila_field"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_chromium()
    data = tmp_path_factory.mktemp("admin-browser-var")
    env = demo_env(data)
    batayon(env, "migrate", "--no-input", "-v0")
    batayon(env, "loaddemo")  # registry, demo, accounts, evaluation
    with running_server(env, data) as base:
        yield base


def test_the_national_administrator_edits_a_rule(server):
    from django_otp.oath import totp
    from playwright.sync_api import sync_playwright

    from batayon.workspace.demo import DEMO_TOTP_HEX

    base = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="bn-BD")

        # /admin/ sends the demo's administrator to the platform's sign-in, then to TOTP.
        page.goto(f"{base}/admin/")
        assert "/accounts/login/" in page.url
        page.fill("input[name=username]", "batayon-admin")
        page.fill("input[name=password]", "demo-admin-batayon")
        page.click("button:has-text('প্রবেশ করুন')")
        page.goto(f"{base}/admin/")
        assert "/accounts/2fa/" in page.url
        page.fill("input[name=token]", f"{totp(bytes.fromhex(DEMO_TOTP_HEX)):06d}")
        page.click("button:has-text('যাচাই করুন')")
        page.wait_for_url(f"{base}/admin/")
        assert page.title() == "জাতীয় প্রশাসন | বাতায়ন"
        assert "বাতায়ন" in page.locator("#site-name").inner_text()
        page.screenshot(path=str(SHOTS / "admin-index.png"), full_page=True)

        # The rule's change page: the schema-validated form, the effective date and the note.
        page.goto(f"{base}/admin/compliance/rule/?q=officers-list")
        page.click("a:text-is('officers-list')")
        assert "/change/" in page.url
        change_url = page.url
        page.fill("#id_tiers", json.dumps(TIERS_WITHOUT_UNIONS))
        page.fill("#id_note", "ইউনিয়ন পরিষদের কর্মকর্তা তালিকা আলাদা নিয়মে যাবে")
        page.screenshot(path=str(SHOTS / "admin-rule-change.png"), full_page=True)

        # The preview: how many offices flip, per old → new status; nothing saved yet.
        page.click("input[name=_save]")
        assert page.locator("h1").inner_text().startswith("পরিবর্তনের পূর্বাভাস")
        total = page.locator("#flip-total").inner_text()
        assert "দপ্তরের অবস্থা বদলাবে" in total
        rows = page.locator("#flip-counts tbody tr")
        assert rows.count() >= 1
        assert "হিসাবের বাইরে" in rows.first.inner_text()  # the unions leave the rule
        page.screenshot(path=str(SHOTS / "admin-rule-preview.png"), full_page=True)

        # Confirm: saved, history recorded and shown on the rule's page.
        # With the immediate task backend the re-evaluation runs in this request, after commit.
        page.click("input[name=_save]", timeout=600_000)
        page.wait_for_url(re.compile(r"/admin/compliance/rule/(\?.*)?$"), timeout=600_000)
        page.goto(change_url)
        history = page.locator("#revisions-group")
        assert "পরিবর্তনের ইতিহাস" in history.inner_text()
        assert "ইউনিয়ন পরিষদের কর্মকর্তা তালিকা আলাদা নিয়মে যাবে" in history.inner_text()
        assert "batayon-admin" in history.inner_text()
        history.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "admin-rule-history.png"), full_page=True)
        browser.close()
