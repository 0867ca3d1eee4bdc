"""The national administrator edits a rule in Debian's Chromium, against a real server loaded
with the demo: password and TOTP, the change page, the preview of the flips, the confirmed
save, the rule's history. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TIERS_WITHOUT_UNIONS = ["ministry", "agency", "division", "district", "upazila", "division_field",
                        "district_field", "upazila_field"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    data = tmp_path_factory.mktemp("admin-browser-var")
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "REDIS_URL", "BATAYON_TESTING", "DJANGO_SETTINGS_MODULE", "EMAIL_URL"}}
    env.update(BATAYON_DATA_DIR=str(data), BATAYON_DEBUG="1", BATAYON_HTTPS="0", EMAIL_URL="locmem://")
    exe = str(Path(sys.executable).with_name("batayon"))
    for args in (["migrate", "--no-input", "-v0"], ["loaddemo"]):  # loaddemo: registry, demo, accounts, evaluation
        done = subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=900, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
    port = _free_port()
    proc = subprocess.Popen([exe, "runserver", "--noreload", f"127.0.0.1:{port}"], env=env,
                            stdout=subprocess.DEVNULL, stderr=(data / "server.log").open("w"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("server did not start: " + (data / "server.log").read_text()[-2000:])
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def test_the_national_administrator_edits_a_rule(server):
    from django_otp.oath import totp
    from playwright.sync_api import sync_playwright

    from batayon.workspace.demo import DEMO_TOTP_HEX

    base = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
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
