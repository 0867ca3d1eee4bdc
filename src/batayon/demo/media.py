"""Files for the demo: officer portraits (JPEG) and small official-looking PDFs.

Both are generated, never downloaded. Portraits are a coloured card with the person's
initials. PDFs are laid out by WeasyPrint in ONE run (a page per document, Bangla shaped by
HarfBuzz with Noto Sans Bengali) and then split into one file per document with pikepdf,
because a WeasyPrint run per document would cost ~40 ms each and most of a second to start.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Muted colours of the kind a studio backdrop has; chosen per person from a hash of the key.
_BACKGROUNDS = (
    (38, 70, 83), (42, 157, 143), (69, 123, 157), (106, 76, 147), (131, 56, 236),
    (0, 106, 78), (188, 71, 73), (96, 108, 56), (40, 54, 24), (214, 140, 69),
)
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
# Honorifics that are not part of the initials ("Md. Rafiqul Islam" → "RI").
_SKIP_WORDS = {"md", "md.", "mst", "mst.", "mohammad", "a", "k", "m", "syed", "sheikh", "khandaker", "dr", "dr."}
PORTRAIT_SIZE = (192, 240)


def initials(name_en: str) -> str:
    words = [w for w in name_en.replace("-", " ").split() if w.lower() not in _SKIP_WORDS]
    if not words:
        words = name_en.split() or ["?"]
    return "".join(w[0] for w in words[:2]).upper()


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in _FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def portrait_jpeg(name_en: str, key: str) -> bytes:
    """A small passport-style placeholder portrait: background colour, head and shoulders, initials."""
    digest = hashlib.sha1(key.encode()).digest()
    bg = _BACKGROUNDS[digest[0] % len(_BACKGROUNDS)]
    width, height = PORTRAIT_SIZE
    img = Image.new("RGB", PORTRAIT_SIZE, bg)
    draw = ImageDraw.Draw(img)
    light = tuple(min(255, c + 60) for c in bg)
    # Head and shoulders, so the card reads as a portrait at thumbnail size.
    draw.ellipse((width * 0.30, height * 0.16, width * 0.70, height * 0.50), fill=light)
    draw.ellipse((width * 0.12, height * 0.56, width * 0.88, height * 1.15), fill=light)
    text = initials(name_en)
    font = _font(44)
    box = draw.textbbox((0, 0), text, font=font)
    x = (width - (box[2] - box[0])) / 2 - box[0]
    y = height * 0.70 - (box[3] - box[1]) / 2 - box[1]
    draw.text((x, y), text, font=font, fill=bg)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=78)
    return out.getvalue()


@dataclass
class PdfPage:
    """One generated document: what its single page says."""

    office_bn: str
    title_bn: str
    title_en: str = ""
    meta_bn: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)


_CSS = """
@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'Noto Sans Bengali', 'Noto Sans', sans-serif; font-size: 11pt; color: #111; }
section { page-break-after: always; }
section:last-child { page-break-after: auto; }
.gov { text-align: center; margin: 0; font-weight: bold; }
.office { text-align: center; margin: 2pt 0 14pt; }
h1 { font-size: 15pt; text-align: center; margin: 8pt 0 4pt; }
.en { text-align: center; color: #444; font-family: 'Noto Sans', sans-serif; margin: 0 0 10pt; }
.meta { text-align: center; margin: 0 0 14pt; }
table { width: 100%; border-collapse: collapse; }
td, th { border: 0.6pt solid #666; padding: 4pt 6pt; vertical-align: top; text-align: left; }
.demo { margin-top: 24pt; font-size: 9pt; color: #666; border-top: 0.6pt solid #999; padding-top: 6pt; }
"""


def _page_html(page: PdfPage) -> str:
    rows = "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b in page.rows)
    table = f"<table><tr><th>কার্যক্রম</th><th>অগ্রগতি / লক্ষ্যমাত্রা</th></tr>{rows}</table>" if rows else ""
    en = f'<p class="en">{escape(page.title_en)}</p>' if page.title_en else ""
    return (
        "<section>"
        '<p class="gov">গণপ্রজাতন্ত্রী বাংলাদেশ সরকার</p>'
        f'<p class="office">{escape(page.office_bn)}</p>'
        f"<h1>{escape(page.title_bn)}</h1>{en}"
        f'<p class="meta">{escape(page.meta_bn)}</p>{table}'
        '<p class="demo">বাতায়নের ডেমোর জন্য তৈরি নমুনা দলিল; এতে প্রকৃত দাপ্তরিক তথ্য নেই। '
        "(A sample document generated for the Batayon demo.)</p>"
        "</section>"
    )


def page_digest(page: PdfPage) -> str:
    """Identifies a page's rendering: same digest, same PDF (used to cache rendered files)."""
    return hashlib.sha1((_CSS + _page_html(page)).encode()).hexdigest()[:20]


def render_pdfs(pages: list[PdfPage]) -> list[bytes]:
    """One small PDF per page, in order, from a single WeasyPrint layout."""
    if not pages:
        return []
    import pikepdf
    from weasyprint import HTML

    html = f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>"
    html += "".join(_page_html(p) for p in pages) + "</body></html>"
    whole = HTML(string=html).write_pdf()
    with pikepdf.open(io.BytesIO(whole)) as pdf:
        if len(pdf.pages) != len(pages):
            # A page overflowed: fall back to one layout per document (slower, still correct).
            return [HTML(string=html.split("<body>")[0] + "<body>" + _page_html(p) + "</body></html>").write_pdf()
                    for p in pages]
        out: list[bytes] = []
        for page in pdf.pages:
            single = pikepdf.new()
            single.pages.append(page)
            buf = io.BytesIO()
            single.save(buf, compress_streams=True)
            out.append(buf.getvalue())
        return out
