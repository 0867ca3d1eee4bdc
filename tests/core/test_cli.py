"""The ``batayon`` console command as an ICT programmer would type it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

BATAYON = shutil.which("batayon") or str(Path(sys.executable).with_name("batayon"))


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BATAYON_DATA_DIR": str(tmp_path)}
    return subprocess.run([BATAYON, *args], env=env, capture_output=True, text=True, check=False)


def test_bangla_date_prints_only_the_date(tmp_path):
    result = run("bangla-date", "2020-09-28", tmp_path=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "১৩ আশ্বিন ১৪২৭\n"


def test_bangla_date_of_national_days(tmp_path):
    assert run("bangla-date", "2025-12-16", tmp_path=tmp_path).stdout == "১ পৌষ ১৪৩২\n"
    assert run("bangla-date", "2026-02-21", tmp_path=tmp_path).stdout == "৮ ফাল্গুন ১৪৩২\n"
    assert run("bangla-date", "২০২৬-০৪-১৪", tmp_path=tmp_path).stdout == "১ বৈশাখ ১৪৩৩\n"


def test_bangla_date_rejects_a_wrong_date_in_bangla(tmp_path):
    result = run("bangla-date", "2024-02-31", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "তারিখ" in result.stderr
