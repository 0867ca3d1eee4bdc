"""What the management commands tell the person at the terminal is in their language: Bangla
(with Bangla digits) by default, English when English is active, never a hand-made mix."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from batayon.core.management.commands import loaddemo

BANGLA = re.compile(r"[\u0980-\u09FF]")


@pytest.mark.django_db
def test_evaluate_names_the_unknown_office_in_the_users_language():
    with pytest.raises(CommandError) as bangla:
        call_command("evaluate", office=["nowhere.gov.bd"], stdout=io.StringIO())
    assert str(bangla.value) == "দপ্তর পাওয়া যায়নি: nowhere.gov.bd"
    with translation.override("en"), pytest.raises(CommandError) as english:
        call_command("evaluate", office=["nowhere.gov.bd", "elsewhere.gov.bd"], stdout=io.StringIO())
    assert str(english.value) == "No such office: elsewhere.gov.bd, nowhere.gov.bd"


@pytest.mark.django_db
def test_loadrules_errors_are_in_the_users_language(tmp_path):
    broken = tmp_path / "rules.yaml"
    broken.write_text("- code: x\n  kind: nonsense\n", encoding="utf-8")
    with pytest.raises(CommandError) as bangla:
        call_command("loadrules", file=str(broken))
    assert str(bangla.value).startswith("নিয়মাবলি লোড হয়নি, আগের নিয়মাবলি বহাল আছে: ")
    with translation.override("en"), pytest.raises(CommandError) as english:
        call_command("loadrules", file=str(broken))
    assert str(english.value).startswith("Rulebook not loaded, the previous rulebook is unchanged: ")
    with translation.override("en"), pytest.raises(CommandError) as missing:
        call_command("loadrules", file=str(tmp_path / "absent.yaml"))
    assert str(missing.value).startswith("Cannot read the file: ")


@pytest.fixture
def quick_demo(monkeypatch):
    """``loaddemo`` with its loaders stubbed: only what it prints is under test here."""
    monkeypatch.setattr(loaddemo, "load_geography", lambda: {1: 8, 2: 64, 3: 495, 4: 4554})
    monkeypatch.setattr(loaddemo, "load_offices", lambda: 12)
    monkeypatch.setattr(loaddemo, "load_menus", lambda: 30)
    monkeypatch.setattr(loaddemo, "load_demo_content", lambda stdout: {"নোটিশ": 40, "প্রকল্প": 3})
    monkeypatch.setattr(loaddemo, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(loaddemo, "load_committees", lambda: {"committees": 2, "meetings": 5, "decisions": 17})
    monkeypatch.setattr(loaddemo, "create_demo_accounts", lambda: [("dc-editor", "demo-pass", "editor", "kushtia.gov.bd")])


def run_loaddemo() -> str:
    out = io.StringIO()
    call_command("loaddemo", port="8001", stdout=out)
    return out.getvalue()


def test_loaddemo_reports_in_bangla_with_bangla_digits(quick_demo):
    text = run_loaddemo()
    assert "ভৌগোলিক এলাকা: বিভাগ ৮, জেলা ৬৪, উপজেলা ৪৯৫, ইউনিয়ন ৪৫৫৪" in text
    assert "  নোটিশ: ৪০" in text
    assert "কমিটির সভা: ২টি কমিটি, ৫টি সভা, ১৭টি সিদ্ধান্ত" in text
    assert "বাতায়ন ডেমো প্রস্তুত" in text and "http://127.0.0.1:8001/o/kushtia.gov.bd/en/" in text
    assert "Batayon demo ready" not in text


def test_loaddemo_reports_in_english_when_english_is_active(quick_demo):
    with translation.override("en"):
        text = run_loaddemo()
    assert "Geography: 8 divisions, 64 districts, 495 upazilas, 4554 unions" in text
    assert "  Notice: 40" in text and "  Projects: 3" in text
    assert "Committee meetings: 2 committees, 5 meetings, 17 decisions" in text
    assert "Batayon demo ready" in text and "login dc-editor / demo-pass  (editor, kushtia.gov.bd)" in text
    assert not BANGLA.search(text), [line for line in text.splitlines() if BANGLA.search(line)]
