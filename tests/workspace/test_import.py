"""Importing officer/staff lists from .xlsx or .csv: preview, Bangla row errors, all or nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from batayon.content.models import Officer
from batayon.history.models import AuditEntry

pytestmark = pytest.mark.django_db

HEAD = ["নাম (বাংলা)", "নাম (ইংরেজি)", "পদবি (বাংলা)", "দাপ্তরিক মোবাইল", "ই-মেইল"]


def xlsx(rows: list[list[object]]) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet()
    for r, row in enumerate([HEAD, *rows]):
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                ws.write_formula(r, c, value)
            else:
                ws.write(r, c, value)
    wb.close()
    return out.getvalue()


def upload(client, office, name, data, section="officers"):
    return client.post(f"/workspace/{office.domain}/{section}/import/", {"file": SimpleUploadedFile(name, data)})


def confirm(client, office, section="officers"):
    return client.post(f"/workspace/{office.domain}/{section}/import/", {"confirm": "1"})


def test_xlsx_with_formulas_and_broken_rows_saves_nothing(editor_client, union_office):
    Officer.objects.create(office=union_office, name_bn="আগে থেকে", designation_bn="সচিব", name="আগে থেকে",
                           designation="সচিব", mobile="+8801711000001")
    data = xlsx([
        ["করিম", "Karim", "সচিব", "০১৭১১৬১৮৩৬৮", "karim@example.gov.bd"],
        ["", "No Bangla name", "পিয়ন", "01711618369", ""],
        ["রহিম", "", "উদ্যোক্তা", "017116", "not-an-email"],
        ["=HYPERLINK(\"http://evil\",\"x\")", "", "সদস্য", "01711618370", ""],
        ["জলিল", "", "সদস্য", "01711618368", ""],
        ["ফাতেমা", "", "সদস্য", "01711000001", ""],
    ])
    r = upload(editor_client, union_office, "list.xlsx", data)
    html = r.content.decode()
    assert r.status_code == 200
    assert "কিছুই সংরক্ষণ হয়নি" in html
    assert "নাম (বাংলা) নেই" in html
    assert "মোবাইল “017116”" in html
    assert "ই-মেইল “not-an-email” সঠিক নয়" in html
    assert "সূত্র (ফর্মুলা)" in html
    assert "ফাইলের সারি ২-এও আছে" in html  # duplicate mobile within the file
    assert "ইতিমধ্যে আগে থেকে-এর নামে" in html  # duplicate against an existing officer
    assert "সব সারি সংরক্ষণ করুন" not in html
    confirm(editor_client, union_office)
    assert Officer.objects.filter(office=union_office).count() == 1


def test_good_xlsx_preview_then_save_in_one_go(editor_client, union_office):
    data = xlsx([
        ["করিম", "Karim", "সচিব", "০১৭১১৬১৮৩৬৮", "karim@example.gov.bd"],
        ["রহিম", "Rahim", "হিসাব সহকারী", 1711618369, ""],
    ])
    r = upload(editor_client, union_office, "list.xlsx", data)
    html = r.content.decode()
    assert "সব সারি ঠিক আছে" in html and "সব সারি সংরক্ষণ করুন" in html
    assert not Officer.objects.filter(office=union_office).exists()  # a preview saves nothing
    r = confirm(editor_client, union_office)
    assert r.status_code == 302
    officers = {o.name_bn: o for o in Officer.objects.filter(office=union_office)}
    assert officers["করিম"].mobile == "+8801711618368" and officers["রহিম"].mobile == "+8801711618369"
    assert officers["রহিম"].name_en == "Rahim" and officers["রহিম"].kind == "officer"
    assert AuditEntry.objects.get(action="import", office=union_office).changes["rows"] == 2


def test_csv_with_bom_into_the_staff_list(editor_client, union_office):
    text = "\ufeffনাম,পদবি,মোবাইল\nআব্দুল,অফিস সহায়ক,০১৮১১১২২৩৩৪\n"
    upload(editor_client, union_office, "staff.csv", text.encode("utf-8"), section="staff")
    assert confirm(editor_client, union_office, section="staff").status_code == 302
    o = Officer.objects.get(office=union_office)
    assert (o.kind, o.name_bn, o.mobile) == ("staff", "আব্দুল", "+8801811122334")


def test_non_utf8_csv_and_legacy_xls_are_refused_in_bangla(editor_client, union_office):
    r = upload(editor_client, union_office, "x.csv", "নাম\nকরিম\n".encode("utf-16"))
    assert "শুধু এক্সেল (.xlsx) বা CSV ফাইল দেওয়া যায়।" in r.content.decode()
    r = upload(editor_client, union_office, "x.csv", "নাম,পদবি\n".encode() + b"\xff\xfe\xfa,x\n")
    assert "UTF-8" in r.content.decode()
    r = upload(editor_client, union_office, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert ".xlsx হিসেবে" in r.content.decode()


def test_row_limit(editor_client, union_office, monkeypatch):
    from batayon.workspace import imports

    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    text = "নাম,পদবি\n" + "".join(f"ক{i},খ\n" for i in range(10))
    r = upload(editor_client, union_office, "big.csv", text.encode())
    assert "৩টির বেশি সারি" in r.content.decode()


def test_template_has_bangla_headers(editor_client, union_office):
    r = editor_client.get(f"/workspace/{union_office.domain}/officers/import/template.xlsx")
    assert r.status_code == 200 and r["Content-Type"].endswith("spreadsheetml.sheet")
    ws = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0]
    header = next(ws.iter_rows(values_only=True))
    assert header[0] == "নাম (বাংলা)" and "দাপ্তরিক মোবাইল" in header
