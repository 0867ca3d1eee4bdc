"""Messages in the Bangla interface are written in Bangla: Bangla digits, the দাঁড়ি (।) not a
full stop, the file types the field really takes, and the size limit before uploading."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


def test_bad_email_and_too_long_text_in_bangla(editor_client, union_office):
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/new/", {
        "name_bn": "ক" * 250, "designation_bn": "সচিব", "email": "not-an-address", "sort_order": "1",
        "intent": "publish"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "ই-মেইল ঠিকানাটি সঠিক নয়" in html and "ঠিকানা লিখুন." not in html
    assert "সর্বোচ্চ ২০০ অক্ষর লেখা যায়।" in html
    errors = re.findall(r'<p class="error">([^<]*)</p>', html)
    assert errors and not any(re.search(r"[0-9]", e) or e.rstrip().endswith(".") for e in errors), errors


def test_a_photo_field_names_only_jpeg_and_png(editor_client, union_office):
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/new/", {
        "name_bn": "ছবির পরীক্ষা", "designation_bn": "সচিব", "sort_order": "1", "intent": "publish",
        "photo": SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
                                    content_type="application/pdf")})
    html = r.content.decode()
    assert r.status_code == 400
    assert "এখানে শুধু এই ধরনের ফাইল দেওয়া যায়: JPEG ছবি, PNG ছবি।" in html
    assert "DOCX" not in html.split('name="photo"')[1].split("</div>")[0]


def test_size_limits_are_shown_beside_every_file_field(editor_client, union_office, settings):
    settings.BATAYON_MAX_UPLOAD_BYTES = 8 * 1024 * 1024
    settings.BATAYON_MAX_PHOTO_BYTES = 2 * 1024 * 1024
    officer = editor_client.get(f"/workspace/{union_office.domain}/officers/new/").content.decode()
    assert "JPEG বা PNG; মেটাডেটা মুছে ফেলা হয়; সর্বোচ্চ ২ মেগাবাইট" in officer
    notice = editor_client.get(f"/workspace/{union_office.domain}/notices/new/").content.decode()
    assert "সর্বোচ্চ ৮ মেগাবাইট" in notice
    imports = editor_client.get(f"/workspace/{union_office.domain}/officers/import/").content.decode()
    assert "সর্বোচ্চ ২ মেগাবাইট" in imports


def test_import_counts_and_flash_messages_use_bangla_digits(editor_client, union_office):
    data = "নাম (বাংলা),পদবি (বাংলা),দাপ্তরিক মোবাইল\nকরিম,সচিব,01711618368\nরহিম,সদস্য,01711618369\n".encode()
    editor_client.post(f"/workspace/{union_office.domain}/officers/import/",
                       {"file": SimpleUploadedFile("list.csv", data)})
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/import/", {"confirm": "1"}, follow=True)
    html = r.content.decode()
    assert "২টি সারি" in html and "2টি" not in html
