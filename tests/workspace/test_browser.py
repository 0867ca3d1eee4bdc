"""The main flow, as a person does it, in Debian's Chromium against a real server.

A real ``batayon runserver`` runs in a subprocess with its own SQLite database (migrated,
loaded with the registry, the accounts made with ``batayon adduser``), so nothing here
shares state with the pytest database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, batayon, demo_env, need_chromium, running_server

pytestmark = pytest.mark.browser

UNION = "1nohatashharipurup.kushtia.gov.bd"
UNO = "kushtiasadar.kushtia.gov.bd"
PASSWORD = "browser-test-password-7"
TOTP_HEX = "3132333435363738393031323334353637383930"
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_chromium()
    data = tmp_path_factory.mktemp("browser-var")
    env = demo_env(data)
    batayon(env, "migrate", "--no-input", "-v0")
    batayon(env, "loadgeo")
    batayon(env, "adduser", "--office", UNION, "--role", "editor", "--username", "hatash", "--password", PASSWORD)
    batayon(env, "adduser", "--office", UNO, "--role", "supervisor", "--username", "uno", "--password", PASSWORD)
    batayon(env, "shell", "-c",
            "from django_otp.plugins.otp_totp.models import TOTPDevice;"
            "from django.contrib.auth.models import User;"
            f"TOTPDevice.objects.create(user=User.objects.get(username='uno'), name='phone', key='{TOTP_HEX}',"
            " confirmed=True)")
    with running_server(env, data) as base:
        yield base, data


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _photo(path: Path) -> Path:
    from PIL import Image

    img = Image.new("RGB", (300, 360), (40, 110, 80))
    img.save(path, "JPEG")
    return path


def _supervisor_score(page, base: str) -> str:
    """The union's score as its supervisor sees it: on the compliance engine's supervision
    page (the workspace's office page shows the same number)."""
    response = page.goto(f"{base}/supervision/office/{UNION}/")
    if response is not None and response.status == 200 and page.locator(".card .big").count():
        return page.locator(".card .big").first.inner_text()
    page.goto(f"{base}/workspace/{UNION}/")
    return page.locator("#office-score").inner_text()


def test_editor_flow_and_supervisor_sees_the_score_move(server, browser, tmp_path):
    from django_otp.oath import totp

    base, _data = server
    SHOTS.mkdir(parents=True, exist_ok=True)

    # The supervisor signs in (password, then the authenticator code) and notes the union's score.
    sup = browser.new_page(viewport={"width": 1200, "height": 900}, locale="bn-BD")
    sup.goto(f"{base}/accounts/login/")
    sup.fill("input[name=username]", "uno")
    sup.fill("input[name=password]", PASSWORD)
    sup.click("button:has-text('প্রবেশ করুন')")
    sup.goto(f"{base}/workspace/{UNION}/")
    assert "/accounts/2fa/" in sup.url
    sup.fill("input[name=token]", f"{totp(bytes.fromhex(TOTP_HEX)):06d}")
    sup.click("button:has-text('যাচাই করুন')")
    sup.wait_for_url(f"**/workspace/{UNION}/")
    before = _supervisor_score(sup, base)

    # The union's editor, on a phone.
    page = browser.new_page(viewport={"width": 360, "height": 780}, locale="bn-BD", device_scale_factor=2)
    page.goto(f"{base}/accounts/login/")
    page.screenshot(path=str(SHOTS / "workspace-login-phone.png"))
    page.fill("input[name=username]", "hatash")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('প্রবেশ করুন')")
    page.wait_for_url(f"**/workspace/{UNION}/")
    assert page.locator("ol.checklist li").count() > 0
    notices_item = page.locator("ol.checklist li:has(a[href$='/notices/'])").first
    assert "st-ok" not in (notices_item.get_attribute("class") or "")
    notice_check = notices_item.get_attribute("id")
    page.screenshot(path=str(SHOTS / "workspace-checklist-phone.png"), full_page=True)

    # Add an officer with a photo, in both languages.
    page.goto(f"{base}/workspace/{UNION}/officers/new/")
    page.fill("input[name=name_bn]", "মোঃ আব্দুল করিম")
    page.fill("input[name=name_en]", "Md. Abdul Karim")
    page.fill("input[name=designation_bn]", "ইউনিয়ন পরিষদ সচিব")
    page.fill("input[name=designation_en]", "Union Parishad Secretary")
    page.fill("input[name=mobile]", "০১৭১১৬১৮৩৬৮")
    page.fill("input[name=email]", "secretary@example.gov.bd")
    page.set_input_files("input[name=photo]", str(_photo(tmp_path / "karim.jpg")))
    page.click("button[name=intent][value=publish]")
    page.wait_for_url(f"**/workspace/{UNION}/officers/")
    assert page.locator("text=মোঃ আব্দুল করিম").count() == 1
    assert page.locator("img.thumb").count() == 1
    page.screenshot(path=str(SHOTS / "workspace-officers-phone.png"), full_page=True)

    # Publish a notice, in both languages.
    page.goto(f"{base}/workspace/{UNION}/notices/new/")
    page.fill("input[name=title_bn]", "ইউনিয়ন পরিষদের মাসিক সভার নোটিশ")
    page.fill("input[name=title_en]", "Notice of the monthly meeting")
    page.fill("textarea[name=body_bn]", "আগামী রবিবার সকাল ১০টায় পরিষদ ভবনে মাসিক সভা অনুষ্ঠিত হবে।")
    page.fill("textarea[name=body_en]", "The monthly meeting is on Sunday at 10 am.")
    page.click("button[name=intent][value=publish]")
    page.wait_for_url(f"**/workspace/{UNION}/notices/")

    # The checklist item for the notice board turns ok.
    page.goto(f"{base}/workspace/{UNION}/")
    assert "st-ok" in (page.locator(f"#{notice_check}").get_attribute("class") or "")
    page.screenshot(path=str(SHOTS / "workspace-checklist-after-phone.png"), full_page=True)

    # The form, on a wide screen: Bangla and English side by side.
    wide = browser.new_page(viewport={"width": 1200, "height": 900}, locale="bn-BD")
    wide.context.add_cookies(page.context.cookies())
    wide.goto(f"{base}/workspace/{UNION}/officers/new/")
    boxes = [wide.locator(f"input[name={n}]").bounding_box() for n in ("name_bn", "name_en")]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"]
    wide.screenshot(path=str(SHOTS / "workspace-form-wide.png"), full_page=True)
    phone_boxes = None
    page.goto(f"{base}/workspace/{UNION}/officers/new/")
    phone_boxes = [page.locator(f"input[name={n}]").bounding_box() for n in ("name_bn", "name_en")]
    assert phone_boxes[1]["y"] > phone_boxes[0]["y"]  # stacked on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling

    # The supervisor sees the union's score change.
    after = _supervisor_score(sup, base)
    assert after != before, (before, after)
    sup.screenshot(path=str(SHOTS / "workspace-supervisor-wide.png"), full_page=True)
