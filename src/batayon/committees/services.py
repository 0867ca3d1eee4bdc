"""What users do to meetings and decisions, each in one transaction with its audit entry.

- :func:`publish`: the minutes go on the office's notice board as a notice with the PDF
  attached (through ``history.services.save_content``, so it has its revision and audit
  entry), an upazila committee's minutes are forwarded to the district, and after the commit
  the minutes are e-mailed to the distribution list (the notice e-mail of
  ``workspace.notify``, with the PDF attached).
- :func:`record_followup`: what a meeting says about a decision it carried — the progress,
  and whether the decision is now done or dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from batayon.content.models import Notice, PublishState
from batayon.history.models import AuditEntry
from batayon.history.services import record, save_content
from batayon.workspace.notify import SendResult, distribution_list, notice_message

from .minutes import minutes_filename, minutes_pdf
from .models import Decision, FollowUp, Meeting

logger = logging.getLogger(__name__)


class MeetingError(ValueError):
    """A request the meeting's state does not allow; the message is for the user, in Bangla."""


@dataclass
class Published:
    meeting: Meeting
    notice: Notice
    mail: list[SendResult] = field(default_factory=list)


def recipients(meeting: Meeting) -> list[str]:
    """Who the minutes are mailed to: the committee's list, its members, the office's notice
    list, and for an upazila committee the district office it forwards to."""
    committee = meeting.committee
    lines = [committee.emails, committee.office.notice_emails]
    lines += [m.email for m in committee.members.all() if m.email]
    if meeting.forwarded_to is not None and meeting.forwarded_to.email:
        lines.append(meeting.forwarded_to.email)
    return distribution_list("\n".join(lines))


def _freeze_followups(meeting: Meeting) -> None:
    """The minutes say how far each carried decision had come on the day they were issued."""
    for row in meeting.followups():
        if row.measured is None and row.directive is None:
            continue
        defaults: dict[str, Any] = {}
        if row.measured is not None:
            defaults.update(measured_passing=row.measured.passing, measured_total=row.measured.total)
        if row.directive is not None:
            defaults["directive_counts"] = row.directive.as_dict()
        FollowUp.objects.update_or_create(meeting=meeting, decision=row.decision, defaults=defaults)


def send_minutes(meeting: Meeting, notice: Notice, pdf: bytes, base_url: str, user: Any = None,
                 request: HttpRequest | None = None) -> SendResult:
    """The notice's e-mail (``workspace.notify``), to the minutes' list, the PDF attached.
    Call after commit; never raises: a failure is logged, audited and returned."""
    to = recipients(meeting)
    if not to:
        return SendResult(ok=True)
    message = notice_message(notice, base_url)
    message.to = to
    message.attach(minutes_filename(meeting), pdf, "application/pdf")
    try:
        sent = message.send(fail_silently=False)
        result = SendResult(ok=bool(sent), recipients=to, error="" if sent else "not sent")
    except Exception as exc:  # the mail server's problem must not undo the publication
        logger.exception("minutes %s: e-mail to the distribution list failed", meeting.pk)
        result = SendResult(ok=False, recipients=to, error=f"{type(exc).__name__}: {exc}"[:300])
    record(AuditEntry.Action.EMAIL, user, request, office=meeting.committee.office, obj=notice,
           changes={"ok": result.ok, "to": len(to), "error": result.error, "minutes": meeting.pk})
    return result


def publish(meeting: Meeting, user: Any = None, request: HttpRequest | None = None,
            base_url: str = "") -> Published:
    """Publish the minutes: notice with the PDF, forwarding, then the e-mail after commit."""
    out: list[SendResult] = []
    with transaction.atomic(), translation.override("bn"):
        meeting = Meeting.objects.select_for_update().select_related("committee__office", "committee__area").get(
            pk=meeting.pk
        )
        if meeting.is_published:
            raise MeetingError("এই সভার কার্যবিবরণী আগেই প্রকাশিত হয়েছে।")
        if not meeting.decisions.exists():
            raise MeetingError("সিদ্ধান্ত ছাড়া কার্যবিবরণী প্রকাশ করা যায় না।")
        committee = meeting.committee
        now = timezone.now()
        if committee.is_upazila:
            meeting.forwarded_to = committee.forward_to()
            meeting.forwarded_at = now if meeting.forwarded_to else None
        _freeze_followups(meeting)
        pdf = minutes_pdf(meeting)
        notice = Notice(
            office=committee.office,
            title_bn=meeting.heading(),
            body_bn=render_to_string("committees/notice_body.html", {"meeting": meeting}),
            memo_number=meeting.memo_number,
            publish_date=timezone.localdate(),
            state=PublishState.PUBLISHED,
        )
        notice.attachment.save(minutes_filename(meeting), ContentFile(pdf), save=False)
        save_content(notice, user, request, note={"minutes": meeting.pk})
        meeting.published_at = now
        meeting.notice = notice
        meeting.save(update_fields=["published_at", "notice", "forwarded_at", "forwarded_to"])
        record(AuditEntry.Action.PUBLISH, user, request, office=committee.office, obj=meeting,
               changes={"notice": notice.pk, "forwarded_to": meeting.forwarded_to_id})
        transaction.on_commit(lambda: out.append(send_minutes(meeting, notice, pdf, base_url, user, request)))
    return Published(meeting, notice, out)


def record_followup(meeting: Meeting, decision: Decision, progress: str, state: str, user: Any = None,
                    request: HttpRequest | None = None) -> FollowUp:
    """What ``meeting`` says about a decision it carried; a decision closes here when it is
    done or the committee drops it, and opens again if a later meeting says so."""
    if state not in Decision.State.values:
        raise MeetingError("অবস্থা বুঝা যায়নি।")
    if meeting.is_published:
        raise MeetingError("প্রকাশিত কার্যবিবরণী আর বদলানো যায় না।")
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not meeting.carried_decisions().filter(pk=decision.pk).exists():
            raise MeetingError("এই সিদ্ধান্ত এই সভার পর্যালোচনায় নেই।")
        note, _created = FollowUp.objects.update_or_create(
            meeting=meeting, decision=decision, defaults={"progress": progress.strip()}
        )
        old = decision.state
        if state == Decision.State.OPEN:
            decision.state, decision.closed_on, decision.closed_in = state, None, None
        elif old == Decision.State.OPEN or decision.closed_in_id == meeting.pk:
            decision.state, decision.closed_on, decision.closed_in = state, meeting.date, meeting
        decision.save(update_fields=["state", "closed_on", "closed_in"])
        record(AuditEntry.Action.UPDATE, user, request, office=meeting.committee.office, obj=decision,
               changes={"state": [old, decision.state], "progress": note.progress, "meeting": meeting.pk})
    return note


def add_meeting(committee, form_data: dict[str, Any], user: Any = None, request: HttpRequest | None = None) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.create(committee=committee, **form_data)
        record(AuditEntry.Action.CREATE, user, request, office=committee.office, obj=meeting,
               changes={"date": str(meeting.date)})
    return meeting


def add_decision(meeting: Meeting, data: dict[str, Any], user: Any = None,
                 request: HttpRequest | None = None) -> Decision:
    """A decision with its implementers (and its agenda item and discussion, if given)."""
    from .models import AgendaItem, Implementer

    if meeting.is_published:
        raise MeetingError("প্রকাশিত কার্যবিবরণী আর বদলানো যায় না।")
    with transaction.atomic():
        # One decision at a time per meeting, so two editors never take the same number.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        number = Decision.next_number(meeting.pk)
        item = None
        if data.get("discussion_title") or data.get("discussion"):
            item = AgendaItem.objects.create(meeting=meeting, number=number, title=data.get("discussion_title", ""),
                                             discussion=data.get("discussion", ""))
        decision = Decision.objects.create(meeting=meeting, agenda_item=item, number=number, text=data["text"],
                                           deadline=data.get("deadline"), directive=data.get("directive"))
        for order, label in enumerate(data["implementers"], start=1):
            Implementer.objects.create(decision=decision, label=label, sort_order=order)
        if data.get("rules"):
            decision.rules.set(data["rules"])
        record(AuditEntry.Action.CREATE, user, request, office=meeting.committee.office, obj=decision,
               changes={"meeting": meeting.pk, "number": number, "directive": decision.directive_id})
    return decision


def add_attendance(meeting: Meeting, attendance, user: Any = None, request: HttpRequest | None = None):
    if meeting.is_published:
        raise MeetingError("প্রকাশিত কার্যবিবরণী আর বদলানো যায় না।")
    with transaction.atomic():
        attendance.meeting = meeting
        attendance.sort_order = meeting.attendance.count() + 1
        attendance.save()
        record(AuditEntry.Action.CREATE, user, request, office=meeting.committee.office, obj=meeting,
               changes={"attendance": str(attendance)})
    return attendance
