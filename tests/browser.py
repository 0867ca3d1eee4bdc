"""Driving the real thing in Debian's Chromium: a `batayon runserver` on its own data directory,
started from the installed command, and the arguments Chromium needs on this machine."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
EXE = str(Path(sys.executable).with_name("batayon"))


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")


def demo_env(data: Path) -> dict[str, str]:
    """The environment of a separate embedded installation in ``data`` (not the test database)."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "REDIS_URL", "BATAYON_TESTING", "DJANGO_SETTINGS_MODULE", "EMAIL_URL"}}
    env.update(BATAYON_DATA_DIR=str(data), BATAYON_DEBUG="1", BATAYON_HTTPS="0", EMAIL_URL="locmem://")
    return env


def batayon(env: dict[str, str], *args: str, timeout: int = 900) -> str:
    done = subprocess.run([EXE, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@contextlib.contextmanager
def running_server(env: dict[str, str], data: Path) -> Iterator[str]:
    """``batayon runserver`` on a free loopback port; yields its base URL, stops it afterwards."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([EXE, "runserver", "--noreload", f"127.0.0.1:{port}"], env=env,
                            stdout=subprocess.DEVNULL, stderr=(data / "server.log").open("w"))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("server did not start: " + (data / "server.log").read_text()[-2000:])
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
