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
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from batayon.content.models import Notice
from batayon.core.templatetags.bn import translated_value
from batayon.history.models import AuditEntry
from batayon.history.services import record
from batayon.portal.links import portal_url

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


def notice_message(notice: Notice, base_url: str, lang: str | None = None) -> EmailMessage:
    """The notice as an e-mail to the office's distribution list, in ``lang``: the office's
    language, Bangla unless told otherwise (the editor's own interface language does not
    change what the list receives). A title in the other language is added as a pointer."""
    lang = lang or settings.LANGUAGE_CODE
    other_lang = "en" if lang == "bn" else "bn"
    base = base_url.rstrip("/")
    office = notice.office

    def text(obj: Any, name: str, in_lang: str) -> str:
        return translated_value(obj, name, in_lang)[0]

    other_title = getattr(notice, f"title_{other_lang}", "")
    context = {
        "notice": notice,
        "title": text(notice, "title", lang),
        "body": strip_tags(text(notice, "body", lang)).strip(),
        "office_name": text(office, "name", lang),
        "attachment_url": f"{base}{notice.attachment.url}" if notice.attachment else "",
        "portal": f"{base}{portal_url(office, 'notice', lang, notice.pk)}",
        "other": {"lang": other_lang, "title": other_title,
                  "portal": f"{base}{portal_url(office, 'notice', other_lang, notice.pk)}"} if other_title else None,
    }
    with translation.override(lang):
        subject = gettext("নোটিশ: %(title)s — %(office)s") % {"title": context["title"],
                                                              "office": context["office_name"]}
        body = render_to_string("workspace/email/notice.txt", context).strip() + "\n"
    return EmailMessage(
        subject=subject,
        body=body,
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
        if result.ok:
            Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now(), mail_when_live=False)
    except Exception as exc:  # the mail server's problem must not become the editor's crash
        logger.exception("notice %s: e-mail to the distribution list failed", notice.pk)
        result = SendResult(ok=False, recipients=recipients, error=f"{type(exc).__name__}: {exc}"[:300])
    record(AuditEntry.Action.EMAIL, user, request, obj=notice,
           changes={"ok": result.ok, "to": len(recipients), "error": result.error})
    return result


def mail_when_live(notice: Notice) -> bool:
    """A notice published with a date in the future is mailed on that day, not now: mark it
    for ``send_scheduled_notices`` and say so (True). False: it is live, mail it now."""
    if not notice.is_scheduled:
        return False
    Notice.objects.filter(pk=notice.pk).update(mail_when_live=True)
    return True


def due_notices():
    """Notices marked to be mailed when live whose day has come (not yet archived, not mailed)."""
    return (Notice.objects.live().filter(mail_when_live=True, emailed_at__isnull=True)
            .select_related("office").order_by("publish_date", "pk"))


def send_due_notices(base_url: str) -> list[tuple[Notice, SendResult]]:
    """Mail every due notice once. Each is claimed first (one UPDATE that only one runner can
    win), so two runs at the same time never mail it twice; a failed send is released and
    tried again on the next run. Every attempt is in the audit log (``send_notice``)."""
    done = []
    for notice in due_notices():
        with transaction.atomic():
            claimed = Notice.objects.filter(pk=notice.pk, mail_when_live=True, emailed_at__isnull=True).update(
                emailed_at=timezone.now())
        if not claimed:
            continue
        result = send_notice(notice, base_url)
        if not result.ok:
            Notice.objects.filter(pk=notice.pk).update(emailed_at=None)
        done.append((notice, result))
    return done
