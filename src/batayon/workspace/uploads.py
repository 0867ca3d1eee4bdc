"""Safe uploads (R-7.1): five kinds of file, recognised by their content, made inert.

- Accepted: PDF, JPEG, PNG, DOCX, XLSX. The name a file arrives with is ignored: the bytes
  are sniffed (puremagic) and then checked structurally (a DOCX/XLSX must be a ZIP whose
  ``[Content_Types].xml`` names the right main part; macro-enabled ones are refused; a ZIP
  that would expand past a limit is refused as a "bomb").
- PDFs are rewritten with pikepdf without JavaScript, automatic actions, launch actions,
  embedded files, rich media or XFA forms.
- Images are decoded and re-encoded with Pillow: metadata (EXIF with GPS, comments) does not
  survive, very large images are scaled down, decompression bombs are refused.
- Every stored file gets a random name with the extension of what it really is, so the
  media server (core.views.serve_media) serves it with a safe type, never as HTML or SVG.
"""

from __future__ import annotations

import io
import secrets
import warnings
import zipfile
from dataclasses import dataclass
from typing import IO

import pikepdf
import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from batayon.core.templatetags.bn import num

DOCUMENT_KINDS = frozenset({"pdf", "jpeg", "png", "docx", "xlsx"})
IMAGE_KINDS = frozenset({"jpeg", "png"})
EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "docx": ".docx", "xlsx": ".xlsx"}
KIND_NAMES = {
    "pdf": "PDF", "jpeg": gettext_lazy("JPEG ছবি"), "png": gettext_lazy("PNG ছবি"), "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
}

ZIP_MAX_TOTAL = 100 * 1024 * 1024  # what an office document may expand to
ZIP_MAX_MEMBERS = 5000
IMAGE_MAX_PIXELS = 40_000_000  # decoded size limit (≈ 160 MB of RGBA)
PHOTO_MAX_SIDE = 1600
IMAGE_MAX_SIDE = 4000

# Dictionary keys that make a PDF do something by itself.
PDF_ACTIVE_KEYS = frozenset(
    {"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFiles", "/EmbeddedFile",
     "/RichMedia", "/RichMediaContent", "/RichMediaSettings", "/XFA"}
)
PDF_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"})
PDF_ACTIVE_ANNOTS = frozenset({"/RichMedia", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/3D"})


class UploadRejected(ValidationError):
    """A file that is not accepted; the message says why, in Bangla."""


@dataclass
class CleanFile:
    kind: str
    content: bytes

    def as_django_file(self) -> ContentFile:
        return ContentFile(self.content, name=random_name(self.kind))


def random_name(kind: str) -> str:
    """An unguessable stored name with the extension of the real type."""
    return secrets.token_urlsafe(16) + EXTENSIONS[kind]


def max_upload_bytes() -> int:
    return int(getattr(settings, "BATAYON_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def max_photo_bytes() -> int:
    return min(max_upload_bytes(), int(getattr(settings, "BATAYON_MAX_PHOTO_BYTES", 3 * 1024 * 1024)))


def _mb(n: int) -> str:
    return _("%(count)s মেগাবাইট") % {"count": num(f"{n / (1024 * 1024):.0f}")}


def read_limited(f: IO[bytes], limit: int) -> bytes:
    """Read at most ``limit`` bytes; a longer file is refused without reading it all."""
    size = getattr(f, "size", None)
    if size is not None and size > limit:
        raise UploadRejected(_("ফাইলটি অনেক বড়; সর্বোচ্চ %(size)s পর্যন্ত গ্রহণযোগ্য।") % {"size": _mb(limit)})
    if hasattr(f, "seek"):
        f.seek(0)
    data = f.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(_("ফাইলটি অনেক বড়; সর্বোচ্চ %(size)s পর্যন্ত গ্রহণযোগ্য।") % {"size": _mb(limit)})
    if not data:
        raise UploadRejected(_("ফাইলটি খালি।"))
    return data


# ----- identification -----------------------------------------------------------------


def _sniffed(data: bytes) -> str | None:
    try:
        ext = puremagic.from_string(data[:4096] if not data.startswith(b"PK") else data)
    except puremagic.PureError:
        return None
    return {
        ".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".jfif": "jpeg", ".png": "png",
        ".docx": "zip", ".xlsx": "zip", ".zip": "zip", ".docm": "zip", ".xlsm": "zip",
    }.get(ext.lower())


def _ooxml_kind(data: bytes) -> str:
    """Tell a real DOCX from an XLSX (or refuse), without unpacking more than one part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadRejected(_("ফাইলটি নষ্ট বা অসম্পূর্ণ।")) from exc
    with archive:
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS or sum(m.file_size for m in members) > ZIP_MAX_TOTAL:
            raise UploadRejected(_("ফাইলটি খুললে অস্বাভাবিক বড় হয়ে যায় (সম্ভাব্য ZIP বোমা); গ্রহণ করা হয়নি।"))
        names = {m.filename for m in members}
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise UploadRejected(_("ম্যাক্রো-যুক্ত ফাইল গ্রহণ করা হয় না; ম্যাক্রো ছাড়া .docx/.xlsx হিসেবে সংরক্ষণ করুন।"))
        if "[Content_Types].xml" not in names:
            raise UploadRejected(_("এটি Word বা Excel ফাইল নয়।"))
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > 1024 * 1024:
            raise UploadRejected(_("এটি Word বা Excel ফাইল নয়।"))
        types = archive.read(info)
    if b"macroEnabled" in types or b"vbaProject" in types:
        raise UploadRejected(_("ম্যাক্রো-যুক্ত ফাইল গ্রহণ করা হয় না; ম্যাক্রো ছাড়া .docx/.xlsx হিসেবে সংরক্ষণ করুন।"))
    if b"wordprocessingml.document.main+xml" in types and "word/document.xml" in names:
        return "docx"
    if b"spreadsheetml.sheet.main+xml" in types and "xl/workbook.xml" in names:
        return "xlsx"
    raise UploadRejected(_("এটি Word বা Excel ফাইল নয়।"))


def identify(data: bytes) -> str:
    """The real kind of ``data`` (pdf/jpeg/png/docx/xlsx), whatever it is called."""
    sniffed = _sniffed(data)
    if sniffed == "pdf" and data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if sniffed == "jpeg" and data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if sniffed == "png" and data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if sniffed == "zip" and data[:4] == b"PK\x03\x04":
        return _ooxml_kind(data)
    raise UploadRejected(_("এই ধরনের ফাইল গ্রহণ করা হয় না। শুধু PDF, JPEG, PNG, DOCX ও XLSX ফাইল দিন।"))


# ----- making files inert ---------------------------------------------------------------


def _scrub(obj: object, seen: set[tuple[int, int]]) -> None:
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        key = obj.objgen
        if key in seen:
            return
        seen.add(key)
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in list(obj.keys()):
            if key in PDF_ACTIVE_KEYS:
                del obj[key]
        if obj.get("/S") in PDF_ACTIVE_ACTIONS:
            # An action that runs code or a program: turn it into an empty named action.
            obj["/S"] = pikepdf.Name("/Named")
            obj["/N"] = pikepdf.Name("/None")
        annots = obj.get("/Annots")
        if isinstance(annots, pikepdf.Array):
            keep = [a for a in annots if not (isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") in PDF_ACTIVE_ANNOTS)]
            if len(keep) != len(annots):
                obj["/Annots"] = pikepdf.Array(keep)
        for key in list(obj.keys()):
            _scrub(obj[key], seen)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            _scrub(item, seen)


def pdf_active_keys(data: bytes) -> set[str]:
    """Active-content keys still present anywhere in a PDF (used to verify the rewrite)."""
    found: set[str] = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                found |= {k for k in obj.keys() if k in PDF_ACTIVE_KEYS}
                if obj.get("/S") in PDF_ACTIVE_ACTIONS:
                    found.add(str(obj.get("/S")))
        # Direct (non-indirect) dictionaries hang off the root and the pages.
        stack: list[object] = [pdf.Root] + [p.obj for p in pdf.pages]
        seen: set[tuple[int, int]] = set()
        while stack:
            item = stack.pop()
            if isinstance(item, pikepdf.Object) and item.is_indirect:
                if item.objgen in seen:
                    continue
                seen.add(item.objgen)
            if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
                found |= {k for k in item.keys() if k in PDF_ACTIVE_KEYS}
                if item.get("/S") in PDF_ACTIVE_ACTIONS:
                    found.add(str(item.get("/S")))
                stack.extend(item[k] for k in item.keys() if k != "/Parent")
            elif isinstance(item, pikepdf.Array):
                stack.extend(item)
    return found


def clean_pdf(data: bytes) -> bytes:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise UploadRejected(_("পাসওয়ার্ড-সুরক্ষিত PDF গ্রহণ করা হয় না।")) from exc
    except pikepdf.PdfError as exc:
        raise UploadRejected(_("PDF ফাইলটি নষ্ট; খোলা যায়নি।")) from exc
    with pdf:
        root = pdf.Root
        for key in ("/OpenAction", "/AA"):
            if key in root:
                del root[key]
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in names:
                    del names[key]
        acroform = root.get("/AcroForm")
        if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
            del acroform["/XFA"]
        seen: set[tuple[int, int]] = set()
        _scrub(root, seen)
        for obj in pdf.objects:
            _scrub(obj, seen)
        out = io.BytesIO()
        pdf.remove_unreferenced_resources()
        pdf.save(out)
    cleaned = out.getvalue()
    if pdf_active_keys(cleaned):  # belt and braces: never store what we failed to clean
        raise UploadRejected(_("PDF থেকে সক্রিয় উপাদান সরানো যায়নি; ফাইলটি গ্রহণ করা হয়নি।"))
    return cleaned


def clean_image(data: bytes, kind: str, max_side: int) -> bytes:
    """Decode and re-encode: only the pixels survive, never the metadata."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
            if img.width * img.height > IMAGE_MAX_PIXELS:
                raise UploadRejected(_("ছবিটির মাপ অস্বাভাবিক বড়; গ্রহণ করা হয়নি।"))
            img.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise UploadRejected(_("ছবিটির মাপ অস্বাভাবিক বড়; গ্রহণ করা হয়নি।")) from exc
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise UploadRejected(_("ছবিটি নষ্ট; খোলা যায়নি।")) from exc
    img = ImageOps.exif_transpose(img)  # keep the photo upright once its EXIF is gone
    img.thumbnail((max_side, max_side))
    out = io.BytesIO()
    if kind == "jpeg":
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        clean = Image.new(img.mode, img.size)
        clean.paste(img)
        clean.save(out, format="JPEG", quality=85, optimize=True)
    else:
        if img.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            img = img.convert("RGBA")
        clean = Image.new(img.mode, img.size)
        if img.mode == "P":
            clean.putpalette(img.getpalette())
        clean.paste(img)
        clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def clean_upload(
    f: IO[bytes], *, allowed: frozenset[str] = DOCUMENT_KINDS, max_bytes: int | None = None, photo: bool = False
) -> CleanFile:
    """Check and neutralise one uploaded file; raise :class:`UploadRejected` (Bangla) if refused."""
    data = read_limited(f, max_bytes or (max_photo_bytes() if photo else max_upload_bytes()))
    kind = identify(data)
    if kind not in allowed:
        names = ", ".join(str(KIND_NAMES[k]) for k in sorted(allowed))
        raise UploadRejected(_("এখানে শুধু এই ধরনের ফাইল দেওয়া যায়: %(kinds)s।") % {"kinds": names})
    if kind == "pdf":
        data = clean_pdf(data)
    elif kind in IMAGE_KINDS:
        data = clean_image(data, kind, PHOTO_MAX_SIDE if photo else IMAGE_MAX_SIDE)
    return CleanFile(kind, data)
