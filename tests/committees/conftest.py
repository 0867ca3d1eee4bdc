"""Fixtures for the committees tests: the rulebook, the meetings of seeds 002 and 004."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from batayon.committees.loader import load_committees
from batayon.committees.models import Meeting
from batayon.compliance.rulebook import load_rules
from tests.workspace.helpers import make_user, signed_in  # noqa: F401

JHENAIDAH = "doict.jhenaidah.gov.bd"
COXSBAZAR = "doict.coxsbazar.gov.bd"


@pytest.fixture
def rules(db):
    load_rules()


@pytest.fixture
def seeds(rules) -> dict[str, Meeting]:
    load_committees()
    return {
        "002": Meeting.objects.get(committee__office__domain=JHENAIDAH),
        "004": Meeting.objects.get(committee__office__domain=COXSBAZAR),
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_fonts(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
