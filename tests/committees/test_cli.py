"""``batayon report …`` and ``batayon minutes …`` write the files the pages offer."""

from __future__ import annotations

import openpyxl
import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_report_command_writes_xlsx_and_pdf(seeds, tmp_path):
    xlsx = tmp_path / "decisions.xlsx"
    call_command("report", "decisions", "--under", "jhenaidah.gov.bd", "--format", "xlsx", "-o", str(xlsx))
    rows = list(openpyxl.load_workbook(xlsx)["সিদ্ধান্ত"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == [1, 2, 3, 4, 5]
    pdf = tmp_path / "compliance.pdf"
    call_command("report", "compliance", "--under", "coxsbazar.gov.bd", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_report_command_refuses_what_it_cannot_do(seeds, tmp_path):
    with pytest.raises(CommandError, match="দপ্তর পাওয়া যায়নি"):
        call_command("report", "compliance", "--under", "nowhere.gov.bd", "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_minutes_command(seeds, tmp_path):
    out = tmp_path / "m.pdf"
    call_command("minutes", str(seeds["004"].pk), "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError):
        call_command("minutes", "999999", "-o", str(out))
