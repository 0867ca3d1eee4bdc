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

from batayon.offices.models import Office

from . import engine
from .engine import EvaluationSummary
from .models import Band, CheckStatus, Confirmation, OfficeScore, Rule, Status, band_for
from .rulebook import SECTIONS, ensure_rules

__all__ = [
    "ChecklistItem",
    "EvaluationSummary",
    "OfficeScoreInfo",
    "checklist",
    "confirm_current",
    "confirmable_sections",
    "evaluate",
    "evaluate_office",
    "office_score",
    "supervisor_editable_sections",
]

# Worst first when two items would raise the score equally.
STATUS_ORDER = {
    "missing": 0,
    "broken": 1,
    "stale": 2,
    "untranslated": 3,
    "due_soon": 4,
    "ok": 5,
    "not_applicable": 6,
}


@dataclass(frozen=True)
class ChecklistItem:
    rule_code: str
    title_bn: str
    title_en: str
    status: str
    reason_bn: str
    reason_en: str
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
    def failing(self) -> bool:
        return self.status not in ("ok", "due_soon", "not_applicable")


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


def evaluate(
    office_ids: Iterable[int] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> EvaluationSummary:
    """Evaluate all (or some) offices set-based; writes statuses, flips, scores, snapshots."""
    ensure_rules()
    summary = engine.run(office_ids, now=now, progress=progress)
    if office_ids is None:
        from .rollups import write_rollup_snapshots

        write_rollup_snapshots(timezone.localdate(now or timezone.now()))
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
            reason_bn=s.reason_bn,
            reason_en=s.reason_en,
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


def supervisor_editable_sections() -> set[str]:
    """Sections whose rules a supervisor may fix for an office under them (``supervisor_editable``)."""
    return set(Rule.objects.filter(active=True, supervisor_editable=True).values_list("section", flat=True))


def confirmable_sections() -> set[str]:
    return {r.section for r in Rule.objects.filter(active=True) if r.confirmable}


def confirm_current(office: Office, section: str, user, request=None) -> Confirmation:
    """Record that ``user`` confirmed the section unchanged and correct; counts as an update.

    The confirmation and its audit entry are written in one transaction, whichever page
    (workspace or supervision) it came from.
    """
    from batayon.history.models import AuditEntry
    from batayon.history.services import record

    if section not in SECTIONS:
        raise ValueError(f"অজানা অংশ: {section}")
    if section not in confirmable_sections():
        raise ValueError(f"এই অংশটি নিশ্চিত করার নিয়ম নেই: {section}")
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
