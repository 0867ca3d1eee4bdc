"""A directive as a government letter, and its status report (PDF and .xlsx)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from batayon.bangla.dates import format_date_bn
from batayon.letters.pdf import LetterHead, Signatory

from .models import Directive, DirectiveTarget, TargetState
from .services import refresh_targets

if TYPE_CHECKING:
    from batayon.offices.models import Office


def letter_head(directive: Directive, lang: str = "bn") -> LetterHead:
    issuer = directive.issuer
    name = ((issuer.name_en or issuer.name_bn) if lang == "en" else issuer.name_bn) or ""
    return LetterHead(
        office_name=name,
        memo_number=directive.memo_number,
        date=directive.issued_on,
        subject=directive.subject,
        website=f"www.{issuer.domain}",
        signatory=Signatory(
            name=directive.signatory_name,
            designation=directive.signatory_designation,
            office=name if directive.signatory_name or directive.signatory_designation else "",
            phone=issuer.phone,
            email=issuer.email,
        ),
        distribution=directive.distribution_lines,
        copies=directive.copy_lines,
    )


@dataclass
class ReportRow:
    target: DirectiveTarget
    office: str
    domain: str
    state: str
    state_label: str
    acknowledged: dt.datetime | None
    reported: dt.datetime | None
    verified: bool
    contradicted: bool
    needs_confirmation: bool
    late: bool
    items_done: int
    items_total: int


def report_rows(
    directive: Directive, lang: str = "bn", today: dt.date | None = None, offices: QuerySet[Office] | None = None
) -> list[ReportRow]:
    """Every target of the directive (or those among ``offices``, a supervisor's subtree)."""
    return rows_by_directive([directive.pk], lang, today, offices)[directive.pk]


def rows_by_directive(
    directive_ids: list[int], lang: str = "bn", today: dt.date | None = None, offices: QuerySet[Office] | None = None
) -> dict[int, list[ReportRow]]:
    """``report_rows`` of many directives in one query: directive id → its rows."""
    today = today or timezone.localdate()
    labels = dict(TargetState.choices)
    rows: dict[int, list[ReportRow]] = {pk: [] for pk in directive_ids}
    targets = (
        DirectiveTarget.objects.filter(directive_id__in=directive_ids)
        .select_related("office", "directive")
        .order_by("office__name_bn")
    )
    if offices is not None:
        targets = targets.filter(office__in=offices.values("pk"))
    for t in targets:
        rows[t.directive_id].append(
            ReportRow(
                target=t,
                office=((t.office.name_en or t.office.name_bn) if lang == "en" else t.office.name_bn) or "",
                domain=t.office.domain,
                state=t.state,
                state_label=str(labels[t.state]),
                acknowledged=t.acknowledged_at,
                reported=t.reported_at,
                verified=t.state == TargetState.VERIFIED,
                contradicted=t.state == TargetState.CONTRADICTED,
                needs_confirmation=t.state == TargetState.NEEDS_CONFIRMATION,
                late=t.is_late(today),
                items_done=t.items_done,
                items_total=t.items_total,
            )
        )
    return rows


def seen_from(directive: Directive, area: QuerySet[Office]) -> QuerySet[Office] | None:
    """Which targets of a directive a supervisor of ``area`` (their subtree) follows: every
    one when an office of the area issued it (a divisional commissioner follows a DC's
    directive wherever it went), otherwise those inside the area (a DC follows a national
    directive for their district only). ``None`` means every target."""
    return None if area.filter(pk=directive.issuer_id).exists() else area


def summary(rows: list[ReportRow]) -> dict[str, int]:
    return {
        "offices": len(rows),
        "acknowledged": sum(r.acknowledged is not None for r in rows),
        "reported": sum(r.reported is not None for r in rows),
        "verified": sum(r.verified for r in rows),
        "contradicted": sum(r.contradicted for r in rows),
        "needs_confirmation": sum(r.needs_confirmation for r in rows),
        "late": sum(r.late for r in rows),
    }


@dataclass(frozen=True)
class DirectiveCounts:
    """A directive's measured state: how many of its target offices acknowledged it, reported
    it done, were verified (reported and found done), contradicted, and are late."""

    offices: int
    acknowledged: int = 0
    reported: int = 0
    verified: int = 0
    contradicted: int = 0
    needs_confirmation: int = 0
    late: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.verified / self.offices) if self.offices else 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def late_q(today: dt.date) -> Q:
    """``DirectiveTarget.is_late`` as a condition on target rows."""
    undecided = Q(met_deadline__isnull=True)
    return (
        Q(met_deadline=False)
        | (undecided & Q(verified_at__isnull=True, directive__deadline__lt=today))
        | (undecided & Q(verified_at__date__gt=F("directive__deadline")))
    )


def directive_counts(
    directive_ids: list[int], today: dt.date | None = None, offices: QuerySet[Office] | None = None
) -> dict[int, DirectiveCounts]:
    """``summary(report_rows(d))`` for many directives in one grouped query (set-based, for
    decision progress and the subtree report); a directive with no target is left out."""
    today = today or timezone.localdate()
    targets = DirectiveTarget.objects.filter(directive_id__in=directive_ids)
    if offices is not None:
        targets = targets.filter(office__in=offices.values("pk"))
    rows = (
        targets.order_by()
        .values("directive_id")
        .annotate(
            offices=Count("pk"),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
            reported=Count("pk", filter=Q(reported_at__isnull=False)),
            verified=Count("pk", filter=Q(state=TargetState.VERIFIED)),
            contradicted=Count("pk", filter=Q(state=TargetState.CONTRADICTED)),
            needs_confirmation=Count("pk", filter=Q(state=TargetState.NEEDS_CONFIRMATION)),
            late=Count("pk", filter=late_q(today)),
        )
    )
    return {r.pop("directive_id"): DirectiveCounts(**r) for r in rows}


def current_counts(
    directive_ids: Iterable[int | None], today: dt.date | None = None, offices: QuerySet[Office] | None = None
) -> dict[int, DirectiveCounts]:
    """``directive_counts`` as of now: the targets of every directive named are brought up to
    date first (one ``refresh_targets`` call for all of them, set-based), as the directive's own
    status page does. For pages that show a directive's progress live; frozen figures (published
    minutes) must not come through here."""
    ids = sorted({i for i in directive_ids if i})
    if not ids:
        return {}
    refresh_targets(ids)
    return directive_counts(ids, today, offices)


def counts_seen_from(
    directives: Iterable[Directive], area: QuerySet[Office], today: dt.date | None = None
) -> dict[int, DirectiveCounts]:
    """``directive_counts`` over the targets a supervisor of ``area`` follows (``seen_from``),
    for many directives: three queries whatever their number."""
    directives = list(directives)
    inside = set(area.filter(pk__in={d.issuer_id for d in directives}).values_list("pk", flat=True))
    own = [d.pk for d in directives if d.issuer_id in inside]
    other = [d.pk for d in directives if d.issuer_id not in inside]
    counts = directive_counts(own, today) if own else {}
    if other:
        counts.update(directive_counts(other, today, offices=area))
    return counts


def display_width(text: str) -> float:
    """Columns a text needs in a spreadsheet: Bangla glyphs are wider than Latin ones, and
    vowel signs and the hasant take no column of their own."""
    width = 0.0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Mc", "Cf"):
            continue
        width += 1.6 if "\u0980" <= ch <= "\u09ff" else 1.0
    return width


def report_xlsx(directive: Directive, lang: str = "bn", offices: QuerySet[Office] | None = None) -> bytes:
    import xlsxwriter

    rows = report_rows(directive, lang, offices=offices)
    yes, no = _("হ্যাঁ"), _("না")

    def when(value: dt.datetime | None) -> str:
        return (
            format_date_bn(timezone.localdate(value))
            if value and lang != "en"
            else (f"{timezone.localdate(value):%d/%m/%Y}" if value else "")
        )

    header = [
        _("দপ্তর"),
        _("ডোমেইন"),
        _("অবস্থা"),
        _("প্রাপ্তি স্বীকার"),
        _("প্রতিবেদন"),
        _("যাচাইকৃত"),
        _("বিপরীত"),
        _("সময় পেরিয়েছে"),
        _("সম্পন্ন বিষয়"),
        _("মোট বিষয়"),
    ]
    data = [
        [
            r.office,
            r.domain,
            r.state_label,
            when(r.acknowledged),
            when(r.reported),
            yes if r.verified else no,
            yes if r.contradicted else no,
            yes if r.late else no,
            r.items_done,
            r.items_total,
        ]
        for r in rows
    ]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(_("অবস্থা")[:31])
    font = {"font_name": "Noto Sans Bengali", "font_size": 10}
    bold = book.add_format({**font, "bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True})
    cell = book.add_format({**font, "border": 1})
    title = book.add_format({**font, "bold": True, "font_size": 12})
    sheet.write(0, 0, directive.subject, title)
    deadline = format_date_bn(directive.deadline) if lang != "en" else f"{directive.deadline:%d/%m/%Y}"
    sheet.write(1, 0, f"{_('স্মারক নং')}: {directive.memo_number}    {_('সময়সীমা')}: {deadline}", cell)
    sheet.write_row(3, 0, header, bold)
    for i, values in enumerate(data, start=4):
        sheet.write_row(i, 0, values, cell)
    for col, name in enumerate(header):
        widest = max([display_width(str(name))] + [display_width(str(v[col])) for v in data])
        sheet.set_column(col, col, min(60, max(8, widest + 2)))
    sheet.freeze_panes(4, 1)
    sheet.autofilter(3, 0, 3 + len(data), len(header) - 1)
    book.close()
    return buffer.getvalue()
