"""Templates to PDF (WeasyPrint). Fonts come from fontconfig: Debian's fonts-noto-core gives
Noto Sans Bengali, which WeasyPrint subsets and embeds, so a PDF reads the same anywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


@dataclass
class Signatory:
    """Who signs: name, designation, office and a phone, as the signature block prints them."""

    name: str = ""
    designation: str = ""
    office: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class LetterHead:
    """What every letter carries above and below its body."""

    office_name: str
    memo_number: str = ""
    date: dt.date | None = None
    subject: str = ""
    branch: str = ""  # (আইসিটি শাখা)
    website: str = ""  # www.kushtia.gov.bd
    signatory: Signatory = field(default_factory=Signatory)
    # বিতরণ (to whom it goes) and অনুলিপি (copies for information); plain lines of text.
    distribution: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    distribution_note: str = ""  # e.g. "জ্যেষ্ঠতার ক্রমানুসারে নয়"


def render_html(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
    return render_to_string(template, {"for_pdf": False, **context}, request=request)


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    """The template rendered as a PDF (A4, Bangla shaped, fonts embedded)."""
    from weasyprint import HTML

    html = render_to_string(template, {"for_pdf": True, **context}, request=request)
    return HTML(string=html, base_url=None).write_pdf()


def pdf_response(pdf: bytes, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(workbook: bytes, filename: str) -> HttpResponse:
    """A workbook as a download (the reports' .xlsx beside their PDF)."""
    response = HttpResponse(workbook, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
