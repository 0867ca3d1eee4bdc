"""The daily reminder job (R-3.5): one digest e-mail per person, escalating up the hierarchy.

Everything is computed for the whole country at once (a handful of queries and dictionaries,
never a query per office): ``plan()`` decides who gets which lines; ``send()`` renders and
mails them and writes the ledger, so that nobody is ever mailed twice for the same thing.

A line is (kind, office, item, level, period):
- kind ``check``: a compliance check of the office that is failing (or due soon); its period
  is the day it started failing, so a new episode is a new thing to tell;
- kind ``directive``: a directive the office has not complied with; its period is the deadline
  while it falls due, and the day after the deadline once it is overdue (a new thing to tell).
Level 0 goes to the office's editors, level 1 to its head after ``BATAYON_ESCALATE_HEAD_DAYS``
working days overdue, level 2 to the supervisors of the supervising office (and of the agency,
for a field office) after ``BATAYON_ESCALATE_SUPERVISOR_DAYS``, and one level further up the
chain (office → UNO → DC → divisional commissioner) every ``BATAYON_ESCALATE_STEP_DAYS`` more.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from batayon.accounts.models import Membership, Role
from batayon.compliance.models import CheckStatus, Flip, Rule
from batayon.offices.models import Office, Tier

from .holidays import WorkingDayIndex, is_working_day
from .models import (
    Digest,
    Directive,
    DirectiveTarget,
    Frequency,
    ReminderPreference,
    SentReminder,
    TargetState,
)
from .reasons import FAILING, reason_text, status_label
from .services import refresh_targets

CHECK = SentReminder.Kind.CHECK
DIRECTIVE = SentReminder.Kind.DIRECTIVE
FIELD_TIERS = frozenset({Tier.DIVISION_FIELD, Tier.DISTRICT_FIELD, Tier.UPAZILA_FIELD})
LOOKBACK_DAYS = 400
SUPERVISOR_LINES = 5  # per office in a supervisor's digest


def setting(name: str) -> int:
    return int(getattr(settings, name))


@dataclass(frozen=True)
class Line:
    kind: str
    office_id: int
    item_id: int
    level: int
    period: dt.date
    status: str  # the check's status, or "due"/"overdue" for a directive
    overdue: int = 0  # working days

    @property
    def key(self) -> tuple:
        return (self.kind, self.office_id, self.item_id, self.level, self.period)


@dataclass
class Plan:
    day: dt.date
    offices: int = 0
    digests: dict[int, list[Line]] = field(default_factory=dict)
    skipped_weekly: int = 0

    @property
    def lines(self) -> int:
        return sum(len(v) for v in self.digests.values())


def supervisor_map(rows) -> dict[int, int]:
    """office id → the office that supervises its portal, for every office at once
    (the same rule as ``Office.supervisor``: union → UNO, upazila → DC, DC → division…)."""
    by_area: dict[tuple[str, int], int] = {}
    for oid, tier, area_id, *_rest in rows:
        if tier in (Tier.UPAZILA, Tier.DISTRICT, Tier.DIVISION) and area_id is not None:
            by_area.setdefault((tier, area_id), oid)
    out: dict[int, int] = {}
    for oid, tier, _area, upazila, district, division, _agency, org_parent in rows:
        if tier in (Tier.UNION, Tier.UPAZILA_FIELD):
            sup = by_area.get((Tier.UPAZILA, upazila))
        elif tier in (Tier.UPAZILA, Tier.DISTRICT_FIELD):
            sup = by_area.get((Tier.DISTRICT, district))
        elif tier in (Tier.DISTRICT, Tier.DIVISION_FIELD):
            sup = by_area.get((Tier.DIVISION, division))
        else:
            sup = org_parent
        if sup is not None and sup != oid:
            out[oid] = sup
    return out


def weekly_day(day: dt.date) -> dt.date:
    """Weekly digests go on the first working day of the week (the week starts on Sunday)."""
    current = day - dt.timedelta(days=(day.weekday() + 1) % 7)
    for _i in range(7):
        if is_working_day(current):
            return current
        current += dt.timedelta(days=1)
    return current


def plan(day: dt.date | None = None) -> Plan:
    """Who gets which lines today, for the whole country."""
    day = day or timezone.localdate()
    result = Plan(day)
    head_days = setting("BATAYON_ESCALATE_HEAD_DAYS")
    sup_days = setting("BATAYON_ESCALATE_SUPERVISOR_DAYS")
    step_days = max(1, setting("BATAYON_ESCALATE_STEP_DAYS"))
    soon_days = setting("BATAYON_REMIND_DUE_SOON_DAYS")
    index = WorkingDayIndex(day - dt.timedelta(days=LOOKBACK_DAYS), day + dt.timedelta(days=60))

    rows = list(
        Office.objects.values_list(
            "pk", "tier", "area_id", "upazila_id", "district_id", "division_id", "agency_id", "org_parent_id"
        )
    )
    result.offices = len(rows)
    sup_of = supervisor_map(rows)
    agency_of = {r[0]: r[6] for r in rows if r[1] in FIELD_TIERS and r[6] is not None}

    people: dict[str, dict[int, list[int]]] = {
        Role.EDITOR: defaultdict(list),
        Role.HEAD: defaultdict(list),
        Role.SUPERVISOR: defaultdict(list),
    }
    for user_id, office_id, role in (
        Membership.objects.filter(role__in=list(people), user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "office_id", "role")
    ):
        people[role][office_id].append(user_id)
    editors, heads, supervisors = people[Role.EDITOR], people[Role.HEAD], people[Role.SUPERVISOR]

    lines: dict[int, list[Line]] = defaultdict(list)

    def escalate(kind: str, office_id: int, item_id: int, period: dt.date, status: str, overdue: int) -> None:
        if overdue >= head_days:
            for user in heads.get(office_id, ()):
                lines[user].append(Line(kind, office_id, item_id, 1, period, status, overdue))
        if overdue < sup_days:
            return
        level, up = 2, sup_of.get(office_id)
        extra = [agency_of[office_id]] if office_id in agency_of else []
        while up is not None and overdue >= sup_days + (level - 2) * step_days:
            for sup_office in [up, *extra]:
                for user in supervisors.get(sup_office, ()):
                    lines[user].append(Line(kind, office_id, item_id, level, period, status, overdue))
            extra = []
            level, up = level + 1, sup_of.get(up)

    start = index.start
    checks = CheckStatus.objects.filter(status__in=[*FAILING, "due_soon"], rule__active=True)
    for office_id, rule_id, status, since in checks.values_list("office_id", "rule_id", "status", "since"):
        period = max(timezone.localdate(since), start)
        for user in editors.get(office_id, ()):
            lines[user].append(Line(CHECK, office_id, rule_id, 0, period, status))
        if status != "due_soon":
            escalate(CHECK, office_id, rule_id, period, status, index.between(period, day))

    open_targets = DirectiveTarget.objects.filter(directive__issued_on__lte=day).exclude(
        state=TargetState.VERIFIED
    )
    for office_id, directive_id, deadline in open_targets.values_list(
        "office_id", "directive_id", "directive__deadline"
    ):
        if day <= deadline:
            if index.between(day, deadline) <= soon_days:
                for user in editors.get(office_id, ()):
                    lines[user].append(Line(DIRECTIVE, office_id, directive_id, 0, deadline, "due"))
            continue
        overdue = index.between(deadline, day)
        period = deadline + dt.timedelta(days=1)
        for user in editors.get(office_id, ()):
            lines[user].append(Line(DIRECTIVE, office_id, directive_id, 0, period, "overdue", overdue))
        escalate(DIRECTIVE, office_id, directive_id, period, "overdue", overdue)

    # Nothing twice: drop what the ledger says was sent, and whoever had today's digest.
    sent = set(
        SentReminder.objects.filter(period__gte=start).values_list(
            "recipient_id", "kind", "office_id", "item_id", "level", "period"
        )
    )
    had_digest = set(Digest.objects.filter(day=day).values_list("recipient_id", flat=True))
    weekly = set(
        ReminderPreference.objects.filter(frequency=Frequency.WEEKLY).values_list("user_id", flat=True)
    )
    weekly_today = weekly_day(day) == day
    for user, user_lines in lines.items():
        if user in had_digest:
            continue
        fresh = list(
            {(user, *line.key): line for line in user_lines if (user, *line.key) not in sent}.values()
        )
        if user in weekly and not weekly_today:
            # Weekly readers wait for their day, except for escalations, which are mandatory.
            mandatory = [line for line in fresh if line.level > 0]
            if len(mandatory) < len(fresh):
                result.skipped_weekly += 1
            fresh = mandatory
        if fresh:
            result.digests[user] = fresh
    return result


# --- Sending -------------------------------------------------------------------------------


def site_url(path: str) -> str:
    return settings.BATAYON_PUBLIC_URL.rstrip("/") + path


@dataclass
class OfficeBlock:
    office: Office
    link: str
    lines: list[dict]
    counts: Counter
    more: int = 0  # lines left out of a supervisor's digest (the office's checklist has them all)


def _blocks(
    lines: list[Line], offices: dict[int, Office], rules: dict[int, Rule], directives, lang: str, checks=None
):
    """The digest's content, by office: each line with a direct link to fix it."""
    by_office: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        by_office[line.office_id].append(line)
    blocks = []
    for office_id, office_lines in sorted(by_office.items(), key=lambda kv: offices[kv[0]].name_bn or ""):
        office = offices[office_id]
        rows = []
        for line in sorted(office_lines, key=lambda x: (x.kind != DIRECTIVE, -x.overdue, x.item_id)):
            if line.kind == CHECK:
                rule = rules[line.item_id]
                rows.append(
                    {
                        "kind": "check",
                        "title": rule.title_en if lang == "en" else rule.title_bn,
                        "status": line.status,
                        "status_label": status_label(line.status, lang),
                        "reason": reason_text(checks[(line.office_id, line.item_id)], lang)
                        if checks and (line.office_id, line.item_id) in checks
                        else "",
                        "overdue": line.overdue,
                        "since": line.period,
                        "link": site_url(
                            reverse(
                                "workspace:list", kwargs={"domain": office.domain, "section": rule.section}
                            )
                        ),
                    }
                )
            else:
                directive = directives[line.item_id]
                rows.append(
                    {
                        "kind": "directive",
                        "title": directive.subject,
                        "status": line.status,
                        "deadline": directive.deadline,
                        "overdue": line.overdue,
                        "issuer": directive.issuer,
                        "link": site_url(
                            reverse("oversight:target", kwargs={"domain": office.domain, "pk": directive.pk})
                        ),
                    }
                )
        counts = Counter(r["kind"] for r in rows)
        link = site_url(reverse("workspace:office", kwargs={"domain": office.domain}))
        more = 0
        if min(line.level for line in office_lines) >= 2:
            link = site_url(reverse("compliance:office", kwargs={"domain": office.domain}))
            more, rows = max(0, len(rows) - SUPERVISOR_LINES), rows[:SUPERVISOR_LINES]
        blocks.append(OfficeBlock(office, link, rows, counts, more))
    return blocks


def render_digest(
    user, lines: list[Line], lang: str, offices, rules, directives, checks=None
) -> tuple[str, str, str]:
    """(subject, text, html) of one digest, in the reader's language."""
    with translation.override(lang):
        context = {
            "user": user,
            "lang": lang,
            "blocks": _blocks(lines, offices, rules, directives, lang, checks),
            "lines": len(lines),
            "escalation": any(line.level > 0 for line in lines),
            "supervisor": any(line.level >= 2 for line in lines),
            "preferences_link": site_url(reverse("oversight:preferences")),
        }
        subject = render_to_string("oversight/email/digest_subject.txt", context).strip().replace("\n", " ")
        text = render_to_string("oversight/email/digest.txt", context)
        html = render_to_string("oversight/email/digest.html", context)
    return subject, text, html


@dataclass
class SendResult:
    digests: int = 0
    lines: int = 0
    failed: int = 0
    by_role: Counter = field(default_factory=Counter)
    recipients: list[tuple[str, str, int, str]] = field(default_factory=list)


def role_of(lines: list[Line]) -> str:
    top = max(line.level for line in lines)
    return "supervisor" if top >= 2 else "head" if top == 1 else "editor"


def send(p: Plan, dry_run: bool = False, now: dt.datetime | None = None) -> SendResult:
    now = now or timezone.now()
    result = SendResult()
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=p.digests.keys())}
    langs = dict(
        ReminderPreference.objects.filter(user_id__in=p.digests.keys()).values_list("user_id", "language")
    )
    office_ids = {line.office_id for lines in p.digests.values() for line in lines}
    rule_ids = {line.item_id for lines in p.digests.values() for line in lines if line.kind == CHECK}
    directive_ids = {line.item_id for lines in p.digests.values() for line in lines if line.kind == DIRECTIVE}
    offices = Office.objects.in_bulk(office_ids)
    rules = Rule.objects.in_bulk(rule_ids)
    directives = Directive.objects.select_related("issuer").in_bulk(directive_ids)
    # The checks behind the lines, for their reasons (only when mailing: the plan needs none).
    checks = {}
    if not dry_run:
        for check in CheckStatus.objects.filter(office_id__in=office_ids, rule_id__in=rule_ids):
            checks[(check.office_id, check.rule_id)] = check
    connection = None if dry_run else get_connection()
    for user_id, lines in sorted(p.digests.items()):
        user = users[user_id]
        role = role_of(lines)
        result.recipients.append((user.get_username(), user.email, len(lines), role))
        if dry_run:
            result.digests += 1
            result.lines += len(lines)
            result.by_role[role] += 1
            continue
        subject, text, html = render_digest(
            user, lines, langs.get(user_id, "bn"), offices, rules, directives, checks
        )
        message = EmailMultiAlternatives(subject, text, to=[user.email], connection=connection)
        message.attach_alternative(html, "text/html")
        try:
            message.send()
        except Exception:  # noqa: BLE001 - one bad address must not stop the others
            result.failed += 1
            continue
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                [
                    SentReminder(
                        recipient_id=user_id,
                        kind=line.kind,
                        office_id=line.office_id,
                        item_id=line.item_id,
                        level=line.level,
                        period=line.period,
                        sent_at=now,
                    )
                    for line in lines
                ],
                ignore_conflicts=True,
                batch_size=2000,
            )
            Digest.objects.get_or_create(
                recipient_id=user_id,
                day=p.day,
                defaults={"lines": len(lines), "escalation": role != "editor", "sent_at": now},
            )
        result.digests += 1
        result.lines += len(lines)
        result.by_role[role] += 1
    return result


def consume_flips(now: dt.datetime) -> int:
    """Directives follow the checks: re-derive the targets of offices whose checks flipped,
    then mark those flips processed."""
    # Up to the newest flip now: one written while the job runs waits for the next run.
    last = Flip.objects.aggregate(m=Max("pk"))["m"] or 0
    flips = Flip.objects.unprocessed().filter(pk__lte=last).order_by()
    office_ids = set(flips.values_list("office_id", flat=True).distinct())
    if office_ids:
        refresh_targets(office_ids=office_ids, now=now)
    return flips.update(processed=now)


def run(
    day: dt.date | None = None, dry_run: bool = False, now: dt.datetime | None = None
) -> tuple[Plan, SendResult]:
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    if not dry_run:
        consume_flips(now)
    refresh_targets(now=now)
    p = plan(day)
    return p, send(p, dry_run=dry_run, now=now)
