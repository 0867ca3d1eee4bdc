"""Minutes (কার্যবিবরণী) in the usual government form, through the shared letter layout.

``committees/minutes.html`` extends ``letters/letter.html`` by its blocks: the committee's
letterhead, the title, the meeting table, the decisions carried from earlier meetings with
their progress, the decisions table, the signature followed by the memo number and both
calendars' dates, the distribution list, and appendix ক (attendance).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils import translation

from batayon.bangla.digits import to_bangla_digits
from batayon.letters.pdf import LetterHead, Signatory, render_html, render_pdf

from .models import AgendaItem, Attendance, Decision, Meeting

TEMPLATE = "committees/minutes.html"


def time_bn(value: dt.time | None) -> str:
    """``12:00`` → "দুপুর ১২:০০ ঘটিকা", as the minutes write the time of a meeting."""
    if value is None:
        return ""
    hour = value.hour
    if hour < 12:
        period = "সকাল"
    elif hour < 15:
        period = "দুপুর"
    elif hour < 17:
        period = "বিকাল"
    elif hour < 19:
        period = "সন্ধ্যা"
    else:
        period = "রাত"
    h12 = hour % 12 or 12
    return f"{period} {to_bangla_digits(f'{h12:02d}:{value.minute:02d}')} ঘটিকা"


def dotted_date_bn(value: dt.date | None) -> str:
    """``2023-11-19`` → "১৯.১১.২০২৩ খ্রি." (the meeting table's form)."""
    return f"{to_bangla_digits(value.strftime('%d.%m.%Y'))} খ্রি." if value else ""


@dataclass
class DecisionRow:
    """One row of the decisions table: the discussion cell spans its agenda item's decisions."""

    number: int
    decision: Decision
    item: AgendaItem | None = None
    rowspan: int = 0  # 0: the discussion cell of an earlier row covers this one
    implementers: list[str] = field(default_factory=list)


def decision_rows(meeting: Meeting) -> list[DecisionRow]:
    decisions = list(meeting.decisions.select_related("agenda_item").prefetch_related("implementers"))
    rows: list[DecisionRow] = []
    seen: dict[int, DecisionRow] = {}
    for decision in decisions:
        row = DecisionRow(decision.number, decision, implementers=decision.implementer_labels())
        item = decision.agenda_item
        if item is not None and item.pk in seen:
            seen[item.pk].rowspan += 1
        elif item is not None:
            row.item, row.rowspan = item, 1
            seen[item.pk] = row
        else:
            row.rowspan = 1
        rows.append(row)
    return rows


def letterhead(meeting: Meeting) -> LetterHead:
    committee = meeting.committee
    return LetterHead(
        office_name=committee.letterhead_lines()[0],
        memo_number=meeting.memo_number,
        date=meeting.issued_on,
        subject=meeting.heading(),
        website=committee.website,
        signatory=Signatory(
            name=meeting.signatory_name or meeting.chair_name,
            designation=meeting.signatory_designation or meeting.chair_designation,
            email=meeting.signatory_email,
        ),
        distribution=meeting.distribution_lines(),
        distribution_note=meeting.distribution_note,
    )


def minutes_context(meeting: Meeting, lang: str = "bn") -> dict[str, Any]:
    attendance = list(meeting.attendance.all())
    rows = decision_rows(meeting)
    return {
        "head": letterhead(meeting),
        "lang": lang,
        "meeting": meeting,
        "committee": meeting.committee,
        "letterhead_lines": meeting.committee.letterhead_lines(),
        "meeting_date": dotted_date_bn(meeting.date),
        "meeting_time": time_bn(meeting.time),
        "followups": meeting.followups(),
        "rows": rows,
        "with_discussion": any(r.item is not None and (r.item.title or r.item.discussion) for r in rows),
        "attendance": [
            (label, [a for a in attendance if a.kind == kind])
            for kind, label in Attendance.Kind.choices
            if any(a.kind == kind for a in attendance)
        ],
    }


def minutes_html(meeting: Meeting, request: HttpRequest | None = None) -> str:
    with translation.override("bn"):
        return render_html(TEMPLATE, minutes_context(meeting), request)


def minutes_pdf(meeting: Meeting) -> bytes:
    """Minutes are a Bangla document whatever the reader's interface language."""
    with translation.override("bn"):
        return render_pdf(TEMPLATE, minutes_context(meeting))


def minutes_filename(meeting: Meeting) -> str:
    return f"minutes-{meeting.committee.office.domain}-{meeting.date:%Y-%m-%d}.pdf"
