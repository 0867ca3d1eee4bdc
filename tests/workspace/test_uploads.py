"""Hostile uploads: only five kinds of file, recognised by content, made inert."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from batayon.content.models import Notice, Officer
from batayon.workspace import uploads

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/{part}" ContentType="{ctype}"/></Types>'
)


def ooxml(part: str, ctype: str, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(part=part, ctype=ctype))
        z.writestr(part, "<x/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def hostile_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')")))
    pdf.Root.OpenAction = js
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), js])),
        EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array([])),
    )
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([]), XFA=pikepdf.Array([]))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # camera make
    exif[0x8825] = {1: "N", 2: (23.0, 45.0, 1.0), 3: "E", 4: (90.0, 24.0, 2.0)}  # GPS IFD
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_html_renamed_pdf_is_refused():
    f = SimpleUploadedFile("notice.pdf", b"<html><script>alert(document.cookie)</script></html>")
    with pytest.raises(uploads.UploadRejected) as exc:
        uploads.clean_upload(f)
    assert "শুধু PDF, JPEG, PNG, DOCX ও XLSX" in exc.value.messages[0]


def test_svg_with_script_is_refused_even_named_png():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(uploads.UploadRejected):
        uploads.clean_upload(SimpleUploadedFile("photo.png", svg), allowed=uploads.IMAGE_KINDS, photo=True)


def test_pdf_with_javascript_is_stored_without_active_content():
    data = hostile_pdf()
    assert uploads.pdf_active_keys(data)  # the test file really is hostile
    clean = uploads.clean_upload(SimpleUploadedFile("x.pdf", data))
    assert clean.kind == "pdf"
    assert uploads.pdf_active_keys(clean.content) == set()
    for needle in (b"/JavaScript", b"/OpenAction", b"/Launch", b"/XFA", b"/EmbeddedFiles", b"/AA"):
        assert needle not in clean.content
    with pikepdf.open(io.BytesIO(clean.content)) as pdf:
        assert len(pdf.pages) == 1


def test_oversized_file_is_refused(settings):
    settings.BATAYON_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(uploads.UploadRejected) as exc:
        uploads.clean_upload(SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 2000))
    assert "অনেক বড়" in exc.value.messages[0]


def test_jpeg_gps_exif_is_stripped_and_name_is_random():
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    clean = uploads.clean_upload(SimpleUploadedFile("me.jpg", data), allowed=uploads.IMAGE_KINDS, photo=True)
    img = Image.open(io.BytesIO(clean.content))
    assert img.format == "JPEG" and img.size == (64, 48)
    assert not img.getexif() and b"SpyCam" not in clean.content and b"Exif" not in clean.content
    name = clean.as_django_file().name
    assert name.endswith(".jpg") and "me" not in name and len(name) > 20


def test_decompression_bomb_image_is_refused():
    img = Image.new("1", (8000, 8000))  # 64 Mpx, tiny as a PNG
    out = io.BytesIO()
    img.save(out, "PNG")
    with pytest.raises(uploads.UploadRejected):
        uploads.clean_upload(SimpleUploadedFile("bomb.png", out.getvalue()))


def test_docx_and_xlsx_recognised_by_structure_macros_refused():
    docx = ooxml("word/document.xml", DOCX_TYPE)
    assert uploads.clean_upload(SimpleUploadedFile("letter.pdf", docx)).kind == "docx"
    macro = ooxml("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                  {"xl/vbaProject.bin": b"\x00" * 10})
    with pytest.raises(uploads.UploadRejected) as exc:
        uploads.clean_upload(SimpleUploadedFile("data.xlsx", macro))
    assert "ম্যাক্রো" in exc.value.messages[0]
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(uploads.UploadRejected):
        uploads.clean_upload(SimpleUploadedFile("x.docx", plain_zip.getvalue()))


def test_zip_bomb_is_refused_by_uncompressed_size():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(part="word/document.xml", ctype=DOCX_TYPE))
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(uploads.ZIP_MAX_TOTAL // len(chunk) + 2):
                member.write(chunk)
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(uploads.UploadRejected) as exc:
        uploads.clean_upload(SimpleUploadedFile("bomb.docx", data))
    assert "ZIP বোমা" in exc.value.messages[0]


@pytest.mark.django_db
def test_uploads_through_the_forms_are_cleaned(editor_client, union_office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    r = editor_client.post(f"/workspace/{union_office.domain}/notices/new/", {
        "title_bn": "সংযুক্তিসহ নোটিশ", "publish_date": "2025-01-05", "intent": "publish",
        "attachment": SimpleUploadedFile("notice.pdf", hostile_pdf(), content_type="application/pdf"),
    })
    assert r.status_code == 302
    notice = Notice.objects.get(office=union_office)
    stored = notice.attachment.read()
    assert notice.attachment.name.endswith(".pdf") and "notice" not in notice.attachment.name.rsplit("/", 1)[1]
    assert b"/JavaScript" not in stored and b"/OpenAction" not in stored
    r = editor_client.post(f"/workspace/{union_office.domain}/officers/new/", {
        "name_bn": "ছবির পরীক্ষা", "designation_bn": "সচিব", "intent": "publish",
        "photo": SimpleUploadedFile("x.png", b'<svg onload="alert(1)"/>', content_type="image/svg+xml"),
    })
    assert r.status_code == 400 and "এই ধরনের ফাইল গ্রহণ করা হয় না" in r.content.decode()
    assert not Officer.objects.filter(office=union_office).exists()
    # What was stored is served inert.
    media = editor_client.get(notice.attachment.url)
    assert media["Content-Type"] == "application/pdf" and media["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in media["Content-Security-Policy"]
