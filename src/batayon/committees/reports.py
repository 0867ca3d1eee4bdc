"""Reports for a supervisor's subtree (R-4.3), as PDF (the letter layout) and .xlsx (XlsxWriter).

- compliance: offices × rules with scores, and what changed since the last meeting (the net
  effect of compliance's ``Flip`` rows between two dates);
- decisions: every decision of the committees of the subtree with its state and progress
  (measured by its rules, or by its directive);
- directives: every directive issued by an office of the subtree or addressed to one, with
  its counts (offices, acknowledged, reported, verified, contradicted, late) over the offices
  of the subtree, and a row per office (``oversight.reports.report_rows``).

Data is read set-based, in chunks of offices (one query per chunk for the statuses), so the
national report streams: the workbook is written in XlsxWriter's constant-memory mode and a
progress callback is told after each chunk. The PDF lists offices one per row up to
``PDF_OFFICE_ROWS``; a larger subtree's PDF sums them per district instead (the workbook
always has every office).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from batayon.bangla.digits import to_bangla_digits
from batayon.compliance.models import Band, CheckStatus, Flip, Rule, Status
from batayon.letters.pdf import LetterHead, render_pdf
from batayon.offices.models import Area, Office, Tier
from batayon.oversight.models import Directive
from batayon.oversight.reports import (
    DirectiveCounts,
    ReportRow,
    current_counts,
    rows_by_directive,
    summary,
)
from batayon.oversight.services import refresh_targets

from .models import NOT_APPLICABLE, Decision, Measured, Meeting, is_passing, measured_progress

CHUNK = 2000
PDF_OFFICE_ROWS = 1500
KINDS = ("compliance", "decisions", "directives")
FORMATS = ("pdf", "xlsx")
Progress = Callable[[int, int], None]


class ReportUnavailable(Exception):
    """The report cannot be made on this installation (a message for the user, in Bangla)."""


def status_label(code: str) -> str:
    with translation.override("bn"):
        return str(Status(code).label) if code in Status.values else code


def band_label(code: str) -> str:
    with translation.override("bn"):
        return str(Band(code).label) if code in Band.values else ""


@dataclass
class Subtree:
    """The offices a report covers: what an office supervises, or the whole country."""

    offices: QuerySet[Office]
    title: str
    office: Office | None = None
    area: Area | None = None

    @classmethod
    def of(cls, office: Office | None) -> Subtree:
        if office is None:
            return cls(Office.objects.all(), "সমগ্র বাংলাদেশ")
        area = office.area if office.tier in {Tier.DIVISION, Tier.DISTRICT, Tier.UPAZILA} else None
        return cls(Office.objects.filter(office.supervision_q()), office.name_bn or office.name, office, area)

    def committees_q(self) -> Q:
        """Committees of the subtree: kept by one of its offices, or covering an area inside it."""
        if self.office is None:
            return Q()
        q = Q(committee__office__in=self.offices.values("pk"))
        if self.area is not None:
            q |= Q(committee__area__path__startswith=self.area.path)
        return q


def last_meeting_date(subtree: Subtree, before: dt.date) -> dt.date | None:
    """The date of the subtree's committees' last meeting before ``before``: "since the last meeting"."""
    return (
        Meeting.objects.filter(subtree.committees_q(), date__lt=before)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )


# ----- compliance ------------------------------------------------------------------------------


@dataclass
class OfficeRow:
    pk: int
    name: str
    domain: str
    tier: str
    district_id: int | None
    score: float | None
    band: str
    statuses: dict[int, str] = field(default_factory=dict)

    @property
    def applicable(self) -> int:
        return sum(1 for s in self.statuses.values() if s != NOT_APPLICABLE)

    @property
    def passing(self) -> int:
        return sum(1 for s in self.statuses.values() if is_passing(s))


@dataclass
class Change:
    office: str
    rule: str
    old: str
    new: str
    when: dt.datetime

    @property
    def improved(self) -> bool:
        return is_passing(self.new) and not is_passing(self.old)


@dataclass
class ComplianceReport:
    subtree: Subtree
    rules: list[Rule]
    since: dt.date | None
    until: dt.date
    total: int
    rule_passing: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    rule_applicable: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    changes: list[Change] = field(default_factory=list)

    def office_rows(self, progress: Progress | None = None) -> Iterator[OfficeRow]:
        """Every office of the subtree with its statuses; one query per chunk of offices."""
        offices = self.subtree.offices.order_by("pk").values_list(
            "pk", "name_bn", "domain", "tier", "district_id", "score__score", "score__band"
        )
        done = 0
        chunk: list[tuple] = []
        for row in offices.iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                yield from self._rows(chunk)
                done += len(chunk)
                chunk = []
                if progress:
                    progress(done, self.total)
        if chunk:
            yield from self._rows(chunk)
            done += len(chunk)
        if progress:
            progress(done, self.total)

    def _rows(self, chunk: list[tuple]) -> Iterator[OfficeRow]:
        ids = [r[0] for r in chunk]
        statuses: dict[int, dict[int, str]] = defaultdict(dict)
        for office_id, rule_id, status in CheckStatus.objects.filter(office_id__in=ids).values_list(
            "office_id", "rule_id", "status"
        ):
            statuses[office_id][rule_id] = status
            if status != NOT_APPLICABLE:
                self.rule_applicable[rule_id] += 1
                if is_passing(status):
                    self.rule_passing[rule_id] += 1
        for pk, name, domain, tier, district_id, score, band in chunk:
            yield OfficeRow(pk, name, domain, tier, district_id, score, band or "", statuses.get(pk, {}))


def compliance_report(subtree: Subtree, since: dt.date | None = None, until: dt.date | None = None) -> ComplianceReport:
    until = until or timezone.localdate()
    if since is None:
        since = last_meeting_date(subtree, until)
    report = ComplianceReport(
        subtree, list(Rule.objects.filter(active=True).order_by("sort_order", "pk")), since, until,
        subtree.offices.count(),
    )
    report.changes = changes_between(subtree, since, until) if since else []
    return report


def changes_between(subtree: Subtree, since: dt.date, until: dt.date) -> list[Change]:
    """The net change of each (office, rule) whose status flipped between the two dates: the
    first flip's old status and the last flip's new one (a flip there and back is no change)."""
    flips = (
        Flip.objects.filter(office__in=subtree.offices.values("pk"), created__date__gt=since, created__date__lte=until)
        .order_by("office_id", "rule_id", "created", "pk")
        .values_list("office_id", "office__name_bn", "rule__title_bn", "rule_id", "old_status", "new_status", "created")
    )
    net: dict[tuple[int, int], Change] = {}
    for office_id, office, rule, rule_id, old, new, when in flips.iterator(chunk_size=CHUNK):
        key = (office_id, rule_id)
        if key in net:
            net[key].new, net[key].when = new, when
        else:
            net[key] = Change(office, rule, old, new, when)
    return [c for c in net.values() if c.old != c.new]


# ----- decisions -------------------------------------------------------------------------------


@dataclass
class DecisionLine:
    decision: Decision
    committee: str
    measured: Measured | None
    directive: DirectiveCounts | None = None

    @property
    def state_label(self) -> str:
        with translation.override("bn"):
            return str(Decision.State(self.decision.state).label)


def decision_lines(subtree: Subtree) -> list[DecisionLine]:
    decisions = list(
        Decision.objects.filter(Q(meeting__in=Meeting.objects.filter(subtree.committees_q())))
        .select_related("meeting__committee__area", "directive")
        .prefetch_related("implementers")
        .order_by("-state", "meeting__committee__name", "meeting__date", "number")  # open first
    )
    # The directives' states now (refreshed once for all of them, as the directives report does),
    # and the rules' states over each committee's area (one query for all the decisions).
    counts = current_counts([d.directive_id for d in decisions])
    measured = measured_progress(decisions)
    return [
        DecisionLine(
            d, d.meeting.committee.name, measured.get(d.pk),
            counts.get(d.directive_id, DirectiveCounts(0)) if d.directive_id else None,
        )
        for d in decisions
    ]


# ----- directives ------------------------------------------------------------------------------


@dataclass
class DirectiveBlock:
    """One directive of the subtree: its counts over the subtree's offices, and their rows."""

    directive: Directive
    counts: DirectiveCounts
    rows: list[ReportRow]


def subtree_directives(subtree: Subtree) -> QuerySet[Directive]:
    """Directives issued by an office of the subtree or addressed to one (all, for the nation)."""
    directives = Directive.objects.select_related("issuer").order_by("-issued_on", "-pk")
    if subtree.office is None:
        return directives
    return directives.concerning(subtree.offices)


def directive_blocks(subtree: Subtree, today: dt.date | None = None) -> list[DirectiveBlock]:
    """The subtree's directives, their states brought up to date first (as the directive's own
    status page does); every directive's rows in one query, its counts summed from them."""
    directives = list(subtree_directives(subtree))
    ids = [d.pk for d in directives]
    if ids:
        refresh_targets(ids)
    scope = subtree.offices if subtree.office is not None else None
    with translation.override("bn"):
        rows = rows_by_directive(ids, "bn", today, offices=scope)
    return [DirectiveBlock(d, DirectiveCounts(**summary(rows[d.pk])), rows[d.pk]) for d in directives]


# ----- writing ---------------------------------------------------------------------------------


def _head(subtree: Subtree, subject: str) -> LetterHead:
    return LetterHead(
        office_name=subtree.title if subtree.office else "মন্ত্রিপরিষদ বিভাগ",
        date=timezone.localdate(),
        subject=subject,
    )


TITLES = {
    "compliance": "পোর্টাল হালনাগাদের অবস্থা (দপ্তর × নিয়ম)",
    "decisions": "সভার সিদ্ধান্ত বাস্তবায়নের অগ্রগতি",
    "directives": "নির্দেশনা বাস্তবায়নের অবস্থা",
}


def _by_district(rows: list[OfficeRow]) -> list[dict]:
    names = dict(Area.objects.filter(level=Area.Level.DISTRICT).values_list("pk", "name_bn"))
    out: dict[int | None, dict] = {}
    for r in rows:
        d = out.setdefault(r.district_id, {"name": names.get(r.district_id or 0, "—"), "offices": 0, "scores": [],
                                           "passing": 0, "applicable": 0})
        d["offices"] += 1
        d["passing"] += r.passing
        d["applicable"] += r.applicable
        if r.score is not None:
            d["scores"].append(r.score)
    for d in out.values():
        d["avg"] = round(sum(d["scores"]) / len(d["scores"]), 1) if d["scores"] else None
    return sorted(out.values(), key=lambda d: d["name"])


def compliance_pdf(report: ComplianceReport, progress: Progress | None = None) -> bytes:
    rows = list(report.office_rows(progress))
    rule_no = {r.pk: i for i, r in enumerate(report.rules, start=1)}
    per_office = report.total <= PDF_OFFICE_ROWS
    context = {
        "head": _head(report.subtree, TITLES["compliance"]),
        "lang": "bn",
        "report": report,
        "per_office": per_office,
        "rows": [
            {
                "office": r,
                "band": band_label(r.band),
                "failing": ", ".join(
                    to_bangla_digits(rule_no[rid]) for rid, s in sorted(r.statuses.items(), key=lambda x: rule_no.get(x[0], 0))
                    if rid in rule_no and s != NOT_APPLICABLE and not is_passing(s)
                ),
            }
            for r in rows
        ] if per_office else [],
        "districts": [] if per_office else _by_district(rows),
        "rules": [
            {"no": i, "rule": r, "passing": report.rule_passing.get(r.pk, 0), "applicable": report.rule_applicable.get(r.pk, 0)}
            for i, r in enumerate(report.rules, start=1)
        ],
        "changes": [
            {"c": c, "old": status_label(c.old), "new": status_label(c.new)} for c in report.changes[:500]
        ],
        "changes_more": max(0, len(report.changes) - 500),
        "improved": sum(1 for c in report.changes if c.improved),
    }
    with translation.override("bn"):
        return render_pdf("committees/report_compliance.html", context)


def directives_pdf(subtree: Subtree) -> bytes:
    """The summary table of every directive, then each directive's offices (up to
    ``PDF_OFFICE_ROWS`` rows in all; the workbook has every one)."""
    blocks = directive_blocks(subtree)
    room = PDF_OFFICE_ROWS
    shown = []
    for block in blocks:
        rows = block.rows[:max(room, 0)]
        room -= len(rows)
        shown.append({"block": block, "rows": rows, "more": len(block.rows) - len(rows)})
    context = {"head": _head(subtree, TITLES["directives"]), "lang": "bn", "blocks": shown,
               "subtree": subtree}
    with translation.override("bn"):
        return render_pdf("committees/report_directives.html", context)


def decisions_pdf(subtree: Subtree) -> bytes:
    context = {"head": _head(subtree, TITLES["decisions"]), "lang": "bn", "lines": decision_lines(subtree)}
    with translation.override("bn"):
        return render_pdf("committees/report_decisions.html", context)


class Sheet:
    """A worksheet whose column widths follow its content: Bangla needs ~1.3 of a Latin
    character's width per character at the default font, and XlsxWriter cannot measure."""

    def __init__(self, book, name: str, header_fmt, widths: list[float] | None = None):
        self.ws = book.add_worksheet(name)
        self.header_fmt = header_fmt
        self.widths = widths or []
        self.row = 0

    def header(self, cells: list[str], wrap_from: int | None = None, height: float | None = None) -> None:
        for col, text in enumerate(cells):
            self.ws.write(self.row, col, text, self.header_fmt)
            if wrap_from is None or col < wrap_from:
                self._fit(col, text)
        if height:
            self.ws.set_row(self.row, height)
        self.ws.freeze_panes(self.row + 1, 0)
        self.row += 1

    def write(self, cells: list, fmts: dict[int, object] | None = None) -> None:
        for col, value in enumerate(cells):
            fmt = (fmts or {}).get(col)
            if value is None:
                self.ws.write_blank(self.row, col, None, fmt)
            else:
                self.ws.write(self.row, col, value, fmt)
            if isinstance(value, str):
                self._fit(col, value)
        self.row += 1

    def _fit(self, col: int, text: str) -> None:
        while len(self.widths) <= col:
            self.widths.append(8)
        self.widths[col] = min(60, max(self.widths[col], 1.3 * len(text) + 2))

    def close(self, fixed: dict[int, float] | None = None) -> None:
        for col, width in enumerate(self.widths):
            self.ws.set_column(col, col, (fixed or {}).get(col, width))


def _book(output, big: bool):
    import xlsxwriter

    book = xlsxwriter.Workbook(output, {"constant_memory": big, "in_memory": not big})
    base = {"font_name": "Noto Sans Bengali", "font_size": 10, "valign": "top"}
    fmts = {
        "header": book.add_format({**base, "bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True}),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "text": book.add_format(base),
        "ok": book.add_format({**base, "font_color": "#1B5E20"}),
        "bad": book.add_format({**base, "font_color": "#B71C1C"}),
        "date": book.add_format({**base, "num_format": "dd/mm/yyyy"}),
    }
    return book, fmts


def compliance_xlsx(report: ComplianceReport, output, progress: Progress | None = None) -> None:
    """Sheets: the offices × rules matrix, the rules' totals, the changes since the last meeting."""
    book, f = _book(output, big=report.total > PDF_OFFICE_ROWS)
    matrix = Sheet(book, "দপ্তর × নিয়ম", f["header"])
    matrix.header(
        ["দপ্তর", "ডোমেইন", "স্তর", "স্কোর", "মান", "হালনাগাদ নিয়ম", "প্রযোজ্য নিয়ম"] + [r.title_bn for r in report.rules],
        wrap_from=7, height=90,
    )
    with translation.override("bn"):
        tiers = {k: str(v) for k, v in Tier.choices}
    labels = {code: status_label(code) for code in Status.values}
    for r in report.office_rows(progress):
        cells = [r.name, r.domain, tiers.get(r.tier, r.tier), round(r.score, 1) if r.score is not None else None,
                 band_label(r.band), r.passing, r.applicable]
        fmts = {}
        for i, rule in enumerate(report.rules, start=len(cells)):
            code = r.statuses.get(rule.pk)
            cells.append(labels.get(code, "") if code else None)
            if code:
                fmts[i] = f["ok"] if is_passing(code) else (f["text"] if code == NOT_APPLICABLE else f["bad"])
        matrix.write(cells, fmts)
    matrix.close(fixed={i: 14 for i in range(7, 7 + len(report.rules))})

    rules = Sheet(book, "নিয়ম", f["header"])
    rules.header(["ক্রমিক", "নিয়ম", "কোড", "হালনাগাদ দপ্তর", "প্রযোজ্য দপ্তর", "হার (%)"])
    for i, rule in enumerate(report.rules, start=1):
        passing, applicable = report.rule_passing.get(rule.pk, 0), report.rule_applicable.get(rule.pk, 0)
        rules.write([i, rule.title_bn, rule.code, passing, applicable,
                     round(100 * passing / applicable, 1) if applicable else None])
    rules.close()

    changes = Sheet(book, "পরিবর্তন", f["header"])
    since = report.since.strftime("%d/%m/%Y") if report.since else "—"
    changes.header(["দপ্তর", "নিয়ম", "আগে", "এখন", "কবে", f"{since} থেকে {report.until:%d/%m/%Y}"])
    for c in report.changes:
        changes.write([c.office, c.rule, status_label(c.old), status_label(c.new),
                       timezone.localtime(c.when).strftime("%d/%m/%Y"), "উন্নতি" if c.improved else "অবনতি"])
    changes.close()
    book.close()


def decisions_xlsx(subtree: Subtree, output) -> None:
    book, f = _book(output, big=False)
    sheet = Sheet(book, "সিদ্ধান্ত", f["header"])
    with translation.override("bn"):
        directive_header = [_("নির্দেশনা (স্মারক নং)"), _("যাচাইকৃত দপ্তর"), _("নির্দেশিত দপ্তর"), _("সময় পেরিয়েছে")]
    sheet.header(["কমিটি", "সভার তারিখ", "ক্রমিক", "সিদ্ধান্ত", "বাস্তবায়নকারী", "সময়সীমা", "অবস্থা",
                  "হালনাগাদ দপ্তর", "মোট দপ্তর", *directive_header])
    for line in decision_lines(subtree):
        d, m, dc = line.decision, line.measured, line.directive
        sheet.write(
            [line.committee, d.meeting.date.strftime("%d/%m/%Y"), d.number, d.text, "; ".join(d.implementer_labels()),
             d.deadline.strftime("%d/%m/%Y") if d.deadline else None, line.state_label,
             m.passing if m else None, m.total if m else None,
             (d.directive.memo_number or d.directive.subject) if d.directive else None,
             dc.verified if dc else None, dc.offices if dc else None, dc.late if dc else None],
            {3: f["wrap"], 4: f["wrap"]},
        )
    sheet.close(fixed={3: 60, 4: 40})
    book.close()


def _day(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.strftime("%d/%m/%Y")


def directives_xlsx(subtree: Subtree, output) -> None:
    """Sheets: one row per directive with its counts, one row per (directive, office)."""
    blocks = directive_blocks(subtree)
    big = sum(len(b.rows) for b in blocks) > PDF_OFFICE_ROWS
    book, f = _book(output, big=big)
    with translation.override("bn"):
        yes, no = _("হ্যাঁ"), _("না")
        summary = Sheet(book, _("নির্দেশনা"), f["header"])
        summary.header([
            _("ক্রমিক"), _("স্মারক নং"), _("বিষয়"), _("জারিকারী দপ্তর"), _("জারির তারিখ"), _("সময়সীমা"),
            _("দপ্তর"), _("প্রাপ্তি স্বীকৃত"), _("প্রতিবেদন দিয়েছে"), _("যাচাইকৃত"),
            _("প্রতিবেদন ও বাস্তবতা মেলেনি"), _("নিশ্চিতকরণ প্রয়োজন"), _("সময় পেরিয়েছে"),
        ], wrap_from=6, height=45)
        for i, b in enumerate(blocks, start=1):
            d, c = b.directive, b.counts
            summary.write(
                [i, d.memo_number, d.subject, d.issuer.name_bn, _day(d.issued_on), _day(d.deadline), c.offices,
                 c.acknowledged, c.reported, c.verified, c.contradicted, c.needs_confirmation, c.late],
                {2: f["wrap"]},
            )
        summary.close(fixed={2: 50, **{col: 12 for col in range(6, 13)}})

        offices = Sheet(book, _("দপ্তরভিত্তিক"), f["header"])
        offices.header([
            _("স্মারক নং"), _("দপ্তর"), _("ডোমেইন"), _("অবস্থা"), _("প্রাপ্তি স্বীকার"), _("প্রতিবেদন"),
            _("যাচাইকৃত"), _("বিপরীত"), _("সময় পেরিয়েছে"), _("সম্পন্ন বিষয়"), _("মোট বিষয়"),
        ])
        for b in blocks:
            for r in b.rows:
                offices.write([
                    b.directive.memo_number or str(b.directive.pk), r.office, r.domain, r.state_label,
                    _day(r.acknowledged), _day(r.reported), yes if r.verified else no,
                    yes if r.contradicted else no, yes if r.late else no, r.items_done, r.items_total,
                ])
        offices.close()
    book.close()


def build(kind: str, fmt: str, office: Office | None, output=None, progress: Progress | None = None,
          since: dt.date | None = None) -> bytes | None:
    """Build one report; writes into ``output`` (a path or file) or returns the bytes."""
    if kind not in KINDS or fmt not in FORMATS:
        raise ReportUnavailable(f"অজানা প্রতিবেদন: {kind} ({fmt})")
    subtree = Subtree.of(office)
    buffer = io.BytesIO() if output is None else None
    target = buffer if buffer is not None else output
    if kind == "compliance":
        report = compliance_report(subtree, since=since)
        if fmt == "pdf":
            data = compliance_pdf(report, progress)
            _write(target, data)
        else:
            compliance_xlsx(report, target, progress)
    elif kind == "directives":
        if fmt == "pdf":
            _write(target, directives_pdf(subtree))
        else:
            directives_xlsx(subtree, target)
    elif fmt == "pdf":
        _write(target, decisions_pdf(subtree))
    else:
        decisions_xlsx(subtree, target)
    return buffer.getvalue() if buffer is not None else None


def _write(target, data: bytes) -> None:
    if hasattr(target, "write"):
        target.write(data)
    else:
        with open(target, "wb") as fh:
            fh.write(data)


def filename(kind: str, fmt: str, office: Office | None) -> str:
    return f"{kind}-{office.domain if office else 'bangladesh'}-{timezone.localdate():%Y-%m-%d}.{fmt}"
