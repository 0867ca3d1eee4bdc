"""What a citizen on a cheap phone and a screen-reader user notice about every page."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders


def test_office_home_is_small(client, filled_office):
    html = client.get("/o/kushtia.gov.bd/bn/").content
    css = Path(finders.find("portal/portal.css")).read_bytes()
    assert len(html) + len(css) < 50 * 1024


def test_pages_are_accessible_without_javascript(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/bn/").content.decode()
    assert '<html lang="bn">' in body
    assert 'class="skip" href="#main"' in body and 'id="main"' in body
    assert "<script" not in body
    assert 'name="viewport"' in body
    for img in re.findall(r"<img [^>]*>", client.get("/o/kushtia.gov.bd/bn/officers/").content.decode()):
        assert 'alt="' in img and 'alt=""' not in img


def test_security_headers(client, filled_office):
    response = client.get("/o/kushtia.gov.bd/bn/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Content-Language"] == "bn"


def _settings_in_fresh_process(env_extra: dict[str, str]) -> str:
    """Import the settings as a server would, without pytest-django's overrides."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("BATAYON_")}
    env.update(env_extra)
    code = "import batayon.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout


def test_debug_is_off_and_https_settings_on_unless_the_demo_asks(tmp_path):
    assert _settings_in_fresh_process({"BATAYON_DATA_DIR": str(tmp_path)}).split() == ["False", "True", "True"]
    demo = _settings_in_fresh_process({"BATAYON_DATA_DIR": str(tmp_path), "BATAYON_DEBUG": "1"})
    assert demo.split() == ["True", "False", "False"]


def test_secret_key_comes_from_the_environment_or_a_private_file(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("BATAYON_")}
    env["BATAYON_DATA_DIR"] = str(tmp_path)
    code = "import batayon.settings as s; print(s.SECRET_KEY)"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert first == second and len(first.strip()) > 40
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    env["BATAYON_SECRET_KEY"] = "from-the-environment-" + "x" * 40
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.strip() == env["BATAYON_SECRET_KEY"]


def test_only_read_methods_on_the_portal(client, filled_office):
    assert client.post("/o/kushtia.gov.bd/bn/notices/").status_code in (403, 405)
