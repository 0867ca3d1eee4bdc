"""A published notice is also e-mailed to the office's distribution list (seed 004, decision 3).

Sent only after the notice is committed (``transaction.on_commit``), so a mail server that
is down can never lose a notice; each attempt, good or bad, goes into the audit log and the
editor is told.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.utils.html import strip_tags

from batayon.bangla.dates import format_date_bn
from batayon.content.models import Notice
from batayon.history.models import AuditEntry
from batayon.history.services import record

logger = logging.getLogger(__name__)


@dataclass
class SendResult:
    ok: bool
    recipients: list[str] = field(default_factory=list)
    error: str = ""


def distribution_list(raw: str) -> list[str]:
    """One address per line (commas and semicolons tolerated); bad lines are skipped."""
    out: list[str] = []
    for part in raw.replace(",", "\n").replace(";", "\n").splitlines():
        address = part.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            logger.warning("skipping bad notice address %r", address)
            continue
        if address.lower() not in {a.lower() for a in out}:
            out.append(address)
    return out


def notice_message(notice: Notice, base_url: str) -> EmailMessage:
    office = notice.office
    portal = f"{base_url.rstrip('/')}{notice.get_absolute_url()}"
    lines = [
        notice.title_bn or notice.title,
        "",
        strip_tags(notice.body_bn or notice.body or "").strip(),
        "",
        f"প্রকাশের তারিখ: {format_date_bn(notice.publish_date)}",
    ]
    if notice.memo_number:
        lines.append(f"স্মারক নম্বর: {notice.memo_number}")
    if notice.attachment:
        lines.append(f"সংযুক্তি: {base_url}{notice.attachment.url}")
    lines += [f"ওয়েবসাইটে দেখুন: {portal}", "", office.name_bn or office.name]
    if notice.title_en:
        lines += ["", "—", f"Notice: {notice.title_en}", f"Read on the portal: {portal}"]
    return EmailMessage(
        subject=f"নোটিশ: {notice.title_bn or notice.title} — {office.name_bn or office.name}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=distribution_list(office.notice_emails),
        reply_to=[office.email] if office.email else None,
    )


def send_notice(notice: Notice, base_url: str, user: Any = None, request: Any = None) -> SendResult:
    """Send now (call after commit). Never raises: a failure is logged, audited and returned."""
    recipients = distribution_list(notice.office.notice_emails)
    if not recipients:
        return SendResult(ok=True)
    try:
        sent = notice_message(notice, base_url).send(fail_silently=False)
        result = SendResult(ok=bool(sent), recipients=recipients, error="" if sent else "not sent")
    except Exception as exc:  # the mail server's problem must not become the editor's crash
        logger.exception("notice %s: e-mail to the distribution list failed", notice.pk)
        result = SendResult(ok=False, recipients=recipients, error=f"{type(exc).__name__}: {exc}"[:300])
    record(AuditEntry.Action.EMAIL, user, request, obj=notice,
           changes={"ok": result.ok, "to": len(recipients), "error": result.error})
    return result
