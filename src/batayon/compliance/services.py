"""The compliance engine's public interface (used by the workspace, the API and oversight).

- ``evaluate()`` / ``evaluate_office()``: re-derive statuses, write flips and scores.
- ``checklist(office)``: what the office's editors must fix, biggest score gain first.
- ``office_score(office)``: the score, its band and when it was computed.
- ``confirm_current(office, section, user)``: "this unchanged list is still correct".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from batayon.offices.models import Office

from . import engine
from .engine import EvaluationSummary
from .models import FAILING, Band, CheckStatus, Confirmation, OfficeScore, Rule, Status, band_for
from .rulebook import SECTIONS, ensure_rules

__all__ = [
    "ChecklistItem",
    "EvaluationSummary",
    "OfficeScoreInfo",
    "checklist",
    "confirm_current",
    "confirmable_sections",
    "due_offices",
    "evaluate",
    "evaluate_office",
    "office_score",
]

# Worst first when two items would raise the score equally.
STATUS_ORDER = {
    "missing": 0,
    "broken": 1,
    "stale": 2,
    "unchecked": 3,
    "untranslated": 4,
    "due_soon": 5,
    "ok": 6,
    "not_applicable": 7,
}


@dataclass(frozen=True)
class ChecklistItem:
    rule_code: str
    title_bn: str
    title_en: str
    status: str
    reason_code: str
    params: dict
    section: str
    points_lost: float
    weight: float
    since: dt.datetime | None
    confirmable: bool
    domain: str = ""

    @property
    def status_label(self) -> str:
        """The status's name in the active language (``Status`` label through gettext)."""
        return str(Status(self.status).label)

    @property
    def reason(self) -> str:
        """The reason in the active language (ages counted to today)."""
        return self.reason_text()

    def reason_text(self, now: dt.datetime | dt.date | None = None) -> str:
        from .reasons import reason_text

        return reason_text(self.reason_code, self.params, now)

    @property
    def failing(self) -> bool:
        return self.status in FAILING


@dataclass(frozen=True)
class OfficeScoreInfo:
    score: float
    band: str
    evaluated_at: dt.datetime | None
    failing: int = 0

    @property
    def band_label(self) -> str:
        """The band's name in the active language (``Band`` label through gettext)."""
        return str(Band(self.band).label)


# Above this many due offices a nightly run evaluates everything (cheaper than IN lists).
FULL_ABOVE = 5000


def rules_changed() -> bool:
    """Was the rulebook changed after the last full run? (A rule saved later than the oldest
    office evaluation: a full run stamps every office, a nightly run only the due ones.)"""
    from django.db.models import Min

    oldest = OfficeScore.objects.aggregate(m=Min("evaluated_at"))["m"]
    return oldest is not None and Rule.objects.filter(updated_at__gt=oldest).exists()


def due_offices(now: dt.datetime | None = None) -> list[int]:
    """The offices a nightly run must re-evaluate, in ONE query: a status whose deadline has
    passed (``next_change_at <= now``), content changed or a confirmation made since the
    office was last evaluated, or no score yet."""
    from django.db.models import Exists, F, OuterRef, Q

    now = now or timezone.now()
    due = CheckStatus.objects.filter(next_change_at__lte=now).values("office_id")
    confirmed = Confirmation.objects.filter(
        office_id=OuterRef("pk"), created__gt=OuterRef("score__evaluated_at")
    )
    return list(
        Office.objects.filter(
            Q(score__isnull=True)
            | Q(content_updated_at__gt=F("score__evaluated_at"))
            | Q(pk__in=due)
            | Exists(confirmed)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def evaluate(
    office_ids: Iterable[int] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    full: bool = False,
) -> EvaluationSummary:
    """Evaluate offices set-based; writes statuses, flips, scores and today's snapshots.

    - ``office_ids``: exactly those offices;
    - ``full=True`` (``batayon evaluate --all``), or a rule changed since the last full run:
      every office;
    - otherwise (the nightly run) only what is due (``due_offices``): nothing due and
      nothing changed evaluates no office and writes no status row.
    Today's snapshot rows of EVERY office and unit are written each time all offices are in
    scope (set-based, from the stored scores).
    """
    from .rollups import write_rollup_snapshots, write_snapshots

    ensure_rules()
    now = now or timezone.now()
    day = timezone.localdate(now)
    if office_ids is not None:
        return engine.run(office_ids, now=now, progress=progress)
    ids = None if full or rules_changed() else due_offices(now)
    if ids is None or len(ids) > FULL_ABOVE:
        # Most of the country is due (a first run, a rulebook change): one full run.
        summary = engine.run(None, now=now, progress=progress)
        write_rollup_snapshots(day)
        summary.full = True
        return summary
    summary = engine.run(ids, now=now, progress=progress) if ids else EvaluationSummary()
    write_snapshots(day)
    return summary


def evaluate_office(office_id: int, now: dt.datetime | None = None) -> None:
    """Re-evaluate one office (after a content change); takes a row lock on the office."""
    engine.run([office_id], now=now, lock=True)


def checklist(office: Office) -> list[ChecklistItem]:
    """The office's items, ordered by how much fixing each raises the score ("fix these first")."""
    rows = list(CheckStatus.objects.filter(office=office).select_related("rule").filter(rule__active=True))
    if not rows:
        ensure_rules()
        evaluate_office(office.pk)
        rows = list(
            CheckStatus.objects.filter(office=office).select_related("rule").filter(rule__active=True)
        )
    items = [
        ChecklistItem(
            rule_code=s.rule.code,
            title_bn=s.rule.title_bn,
            title_en=s.rule.title_en,
            status=s.status,
            reason_code=s.reason,
            params=s.params,
            section=s.rule.section,
            points_lost=s.points_lost,
            weight=s.rule.weight,
            since=s.since,
            confirmable=s.rule.confirmable,
            domain=office.domain,
        )
        for s in rows
    ]
    order = {
        code: i for i, code in enumerate(r.rule.code for r in sorted(rows, key=lambda r: r.rule.sort_order))
    }
    items.sort(key=lambda i: (-i.points_lost, STATUS_ORDER[i.status], order[i.rule_code]))
    return items


def office_score(office: Office) -> OfficeScoreInfo:
    row = OfficeScore.objects.filter(office=office).first()
    if row is None:
        ensure_rules()
        evaluate_office(office.pk)
        row = OfficeScore.objects.filter(office=office).first()
    if row is None:  # an office that vanished meanwhile
        score, band, when, failing = 0.0, band_for(0), None, 0
    else:
        score, band, when, failing = row.score, row.band, row.evaluated_at, row.failing
    return OfficeScoreInfo(score=score, band=band, evaluated_at=when, failing=failing)


def confirmable_sections() -> set[str]:
    """Sections an editor may confirm unchanged (a fresh database loads the rulebook first)."""
    ensure_rules()
    return {r.section for r in Rule.objects.filter(active=True) if r.confirmable}


def confirm_current(office: Office, section: str, user, request=None) -> Confirmation:
    """Record that ``user`` confirmed the section unchanged and correct; counts as an update.

    The confirmation and its audit entry are written in one transaction, whichever page
    (workspace or supervision) it came from.
    """
    from batayon.history.models import AuditEntry
    from batayon.history.services import record

    if section not in SECTIONS:
        raise ValueError(gettext("অজানা অংশ: %(section)s") % {"section": section})
    if section not in confirmable_sections():
        raise ValueError(gettext("এই অংশটি নিশ্চিত করার নিয়ম নেই: %(section)s") % {"section": section})
    with transaction.atomic():
        confirmation = Confirmation.objects.create(
            office=office,
            section=section,
            user=user if getattr(user, "is_authenticated", False) else None,
            created=timezone.now(),
        )
        record(AuditEntry.Action.CONFIRM, user, request, office=office, changes={"section": section})
    evaluate_office(office.pk)
    return confirmation
