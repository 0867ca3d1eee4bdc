"""Directives: issuing them, deriving each office's state from its timestamps and the
compliance engine's statuses, acknowledging, reporting, confirming and waiving."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from batayon.compliance.models import CheckStatus, Rule
from batayon.offices.models import Office, Tier

from .holidays import add_working_days
from .models import Directive, DirectiveItem, DirectiveTarget, ItemConfirmation, TargetState, Waiver
from .presets import PRESETS, label_for
from .reasons import FAILING, reason_text

SUPERVISING_TIERS = frozenset({Tier.MINISTRY, Tier.AGENCY, Tier.DIVISION, Tier.DISTRICT, Tier.UPAZILA})


class DirectiveError(ValueError):
    """Bad input for a directive; the message is for the user (Bangla)."""


@dataclass
class ItemSpec:
    text: str
    rules: Sequence[str] = ()
    label: str = ""


def items_from(
    rule_codes: Iterable[str] = (), preset: str | None = None, free: Iterable[str] = ()
) -> list[ItemSpec]:
    """The checklist: a preset's items, then one item per rule code, then free-text items."""
    items: list[ItemSpec] = []
    if preset:
        if preset not in PRESETS:
            raise DirectiveError(_('"%(name)s" নামে কোনো প্রস্তুত তালিকা নেই।') % {"name": preset})
        items += [ItemSpec(p.text, p.rules, p.label) for p in PRESETS[preset][1]]
    codes = [c.strip() for c in rule_codes if c.strip()]
    if codes:
        known = {r.code: r for r in Rule.objects.filter(code__in=codes, active=True)}
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise DirectiveError(_("নিয়মাবলিতে এই কোড নেই: %(codes)s") % {"codes": ", ".join(unknown)})
        items += [ItemSpec(known[c].title_bn, (c,)) for c in codes]
    items += [ItemSpec(text.strip()) for text in free if text.strip()]
    return items


def target_offices(
    issuer: Office,
    under: Office | None = None,
    tiers: Iterable[str] = (),
    chosen: Iterable[int] | None = None,
):
    """The offices a directive goes to: a subtree under the issuer (optionally by tier) or a
    chosen set, always within what the issuer supervises, never the issuer itself."""
    if issuer.tier not in SUPERVISING_TIERS:
        raise DirectiveError(_("%(office)s অন্য দপ্তরকে নির্দেশনা দিতে পারে না।") % {"office": issuer})
    supervised = Office.objects.filter(issuer.supervision_q()).exclude(pk=issuer.pk)
    if chosen is not None:
        ids = set(chosen)
        offices = supervised.filter(pk__in=ids)
        if offices.count() != len(ids):
            raise DirectiveError(_("বাছাই করা কিছু দপ্তর %(office)s-এর অধীন নয়।") % {"office": issuer})
    else:
        under = under or issuer
        if under.pk != issuer.pk and not Office.objects.filter(issuer.supervision_q(), pk=under.pk).exists():
            raise DirectiveError(_("%(under)s %(office)s-এর অধীন নয়।") % {"under": under, "office": issuer})
        offices = supervised.filter(under.supervision_q())
    tiers = [t for t in tiers if t]
    bad = [t for t in tiers if t not in Tier.values]
    if bad:
        raise DirectiveError(_("অজানা স্তর: %(tiers)s") % {"tiers": ", ".join(bad)})
    if tiers:
        offices = offices.filter(tier__in=tiers)
    return offices


@transaction.atomic
def issue_directive(
    *,
    issuer: Office,
    subject: str,
    items: list[ItemSpec],
    deadline: dt.date | None = None,
    working_days: int | None = None,
    issued_on: dt.date | None = None,
    under: Office | None = None,
    tiers: Iterable[str] = (),
    chosen: Iterable[int] | None = None,
    body: str = "",
    memo_number: str = "",
    distribution: str = "",
    copies: str = "",
    signatory_name: str = "",
    signatory_designation: str = "",
    user=None,
    now: dt.datetime | None = None,
) -> Directive:
    """Create a directive, its items and one target row per office (set-based)."""
    issued_on = issued_on or timezone.localdate()
    if not subject.strip():
        raise DirectiveError(_("বিষয় লিখুন।"))
    if not items:
        raise DirectiveError(_("অন্তত একটি করণীয় বিষয় দিন।"))
    if (deadline is None) == (working_days is None):
        raise DirectiveError(_("সময়সীমা দিন: একটি তারিখ অথবা কত কর্মদিবস।"))
    if working_days is not None:
        if working_days < 1:
            raise DirectiveError(_("কর্মদিবসের সংখ্যা অন্তত ১ হতে হবে।"))
        deadline = add_working_days(issued_on, working_days)
    assert deadline is not None  # one of the two was given (checked above)
    if deadline < issued_on:
        raise DirectiveError(_("সময়সীমা জারির তারিখের আগে হতে পারে না।"))
    offices = target_offices(issuer, under, tiers, chosen)
    office_ids = list(offices.values_list("pk", flat=True))
    if not office_ids:
        raise DirectiveError(_("এই বাছাইয়ে কোনো দপ্তর পড়েনি।"))
    directive = Directive.objects.create(
        issuer=issuer,
        under=None if chosen is not None else (under or issuer),
        tiers=list(tiers),
        subject=subject.strip(),
        body=body,
        memo_number=memo_number,
        issued_on=issued_on,
        deadline=deadline,
        working_days=working_days,
        distribution=distribution,
        copies=copies,
        signatory_name=signatory_name,
        signatory_designation=signatory_designation,
        created_by=user,
    )
    rules = {r.code: r.pk for r in Rule.objects.filter(code__in={c for i in items for c in i.rules})}
    for position, spec in enumerate(items):
        item = DirectiveItem.objects.create(
            directive=directive, position=position, label=spec.label or label_for(position), text=spec.text
        )
        if spec.rules:
            item.rules.set([rules[c] for c in spec.rules if c in rules])
    DirectiveTarget.objects.bulk_create(
        [
            DirectiveTarget(directive=directive, office_id=oid, items_total=len(items), next_due=deadline)
            for oid in office_ids
        ],
        batch_size=2000,
    )
    refresh_targets([directive.pk], now=now)
    return directive


# --- Per-item and per-office states ---------------------------------------------------------

ITEM_OK = "ok"
ITEM_FAILING = "failing"
ITEM_UNMEASURED = "unmeasured"
ITEM_NOT_APPLICABLE = "not_applicable"
ITEM_NEEDS_CONFIRMATION = "needs_confirmation"
ITEM_CONFIRMED = "confirmed"
ITEM_WAIVED = "waived"
DONE_ITEM_STATES = frozenset({ITEM_OK, ITEM_NOT_APPLICABLE, ITEM_CONFIRMED, ITEM_WAIVED})


def item_state_labels() -> dict[str, str]:
    return {
        ITEM_OK: _("হালনাগাদ (যাচাইকৃত)"),
        ITEM_FAILING: _("হয়নি"),
        ITEM_UNMEASURED: _("এখনো মাপা হয়নি"),
        ITEM_NOT_APPLICABLE: _("প্রযোজ্য নয়"),
        ITEM_NEEDS_CONFIRMATION: _("নিশ্চিতকরণ প্রয়োজন"),
        ITEM_CONFIRMED: _("তত্ত্বাবধায়ক নিশ্চিত করেছেন"),
        ITEM_WAIVED: _("অব্যাহতিপ্রাপ্ত"),
    }


@dataclass
class ItemInfo:
    id: int
    rule_ids: list[int] = field(default_factory=list)
    rule_tiers: list[list[str]] = field(default_factory=list)


def _items_of(directive_ids: Iterable[int]) -> dict[int, list[ItemInfo]]:
    out: dict[int, list[ItemInfo]] = defaultdict(list)
    items = {}
    for item_id, directive_id in (
        DirectiveItem.objects.filter(directive_id__in=directive_ids)
        .order_by("directive_id", "position")
        .values_list("pk", "directive_id")
    ):
        items[item_id] = ItemInfo(item_id)
        out[directive_id].append(items[item_id])
    through = DirectiveItem.rules.through.objects.filter(directiveitem_id__in=items.keys())
    for item_id, rule_id, tiers in through.values_list("directiveitem_id", "rule_id", "rule__tiers"):
        items[item_id].rule_ids.append(rule_id)
        items[item_id].rule_tiers.append(list(tiers or []))
    return out


def item_state(
    item: ItemInfo,
    target_id: int,
    office_id: int,
    tier: str,
    statuses: dict[tuple[int, int], str],
    waived: set[tuple[int, int]],
    confirmed: set[tuple[int, int]],
) -> str:
    if (target_id, item.id) in waived:
        return ITEM_WAIVED
    if not item.rule_ids:
        return ITEM_CONFIRMED if (target_id, item.id) in confirmed else ITEM_NEEDS_CONFIRMATION
    applicable = False
    unmeasured = False
    for rule_id, tiers in zip(item.rule_ids, item.rule_tiers, strict=True):
        status = statuses.get((office_id, rule_id))
        if status is None:
            if tier in tiers or "all" in tiers:
                unmeasured = True
            continue
        if status == "not_applicable":
            continue
        applicable = True
        if status in FAILING:
            return ITEM_FAILING
    if unmeasured:
        return ITEM_UNMEASURED
    return ITEM_OK if applicable else ITEM_NOT_APPLICABLE


def derive_state(reported: bool, acknowledged: bool, states: Iterable[str]) -> str:
    states = list(states)
    if not reported:
        return TargetState.ACKNOWLEDGED if acknowledged else TargetState.PENDING
    if any(s in (ITEM_FAILING, ITEM_UNMEASURED) for s in states):
        return TargetState.CONTRADICTED
    if any(s == ITEM_NEEDS_CONFIRMATION for s in states):
        return TargetState.NEEDS_CONFIRMATION
    return TargetState.VERIFIED


def _context(directive_ids: list[int], target_filter: Q, today: dt.date):
    items = _items_of(directive_ids)
    rule_ids = {r for its in items.values() for i in its for r in i.rule_ids}
    target_offices = DirectiveTarget.objects.filter(target_filter).values("office_id")
    statuses = {
        (o, r): s
        for o, r, s in CheckStatus.objects.filter(
            office_id__in=target_offices, rule_id__in=rule_ids
        ).values_list("office_id", "rule_id", "status")
    }
    waived = set(
        Waiver.objects.filter(
            target__in=DirectiveTarget.objects.filter(target_filter), expires_on__gte=today
        ).values_list("target_id", "item_id")
    )
    confirmed = set(
        ItemConfirmation.objects.filter(target__in=DirectiveTarget.objects.filter(target_filter)).values_list(
            "target_id", "item_id"
        )
    )
    return items, statuses, waived, confirmed


def refresh_targets(
    directive_ids: Iterable[int] | None = None,
    office_ids: Iterable[int] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Re-derive the state of targets (of some directives, of some offices, or every open
    one) from their timestamps and the engine's statuses; writes only rows that changed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    target_filter = Q()
    if directive_ids is not None:
        target_filter &= Q(directive_id__in=list(directive_ids))
    if office_ids is not None:
        target_filter &= Q(office_id__in=list(office_ids))
    if directive_ids is None:
        # Every directive still open, or closed for less than a month (late verifications).
        target_filter &= Q(directive__deadline__gte=today - dt.timedelta(days=60)) | ~Q(
            state=TargetState.VERIFIED
        )
    ids = list(
        DirectiveTarget.objects.filter(target_filter).values_list("directive_id", flat=True).distinct()
    )
    if not ids:
        return 0
    items, statuses, waived, confirmed = _context(ids, target_filter, today)
    deadlines = dict(Directive.objects.filter(pk__in=ids).values_list("pk", "deadline"))
    changed = []
    for t in (
        DirectiveTarget.objects.filter(target_filter)
        .select_related(None)
        .only(
            "pk",
            "directive_id",
            "office_id",
            "office__tier",
            "acknowledged_at",
            "reported_at",
            "verified_at",
            "state",
            "items_done",
            "items_total",
            "next_due",
            "met_deadline",
        )
        .select_related("office")
    ):
        its = items.get(t.directive_id, [])
        states = [item_state(i, t.pk, t.office_id, t.office.tier, statuses, waived, confirmed) for i in its]
        before = (t.state, t.items_done, t.items_total, t.next_due, t.verified_at, t.met_deadline)
        was_verified_at = t.verified_at
        t.state = derive_state(t.reported_at is not None, t.acknowledged_at is not None, states)
        t.items_done = sum(s in DONE_ITEM_STATES for s in states)
        t.items_total = len(states)
        if t.state == TargetState.VERIFIED:
            t.verified_at = t.verified_at or now
            t.next_due = None
        else:
            t.verified_at = None
            t.next_due = deadlines[t.directive_id]
        deadline = deadlines[t.directive_id]
        if t.met_deadline is None and today > deadline:
            # Complied by the deadline if it was (or is) verified on or before that day.
            t.met_deadline = any(
                v is not None and timezone.localdate(v) <= deadline for v in (was_verified_at, t.verified_at)
            )
        if before != (t.state, t.items_done, t.items_total, t.next_due, t.verified_at, t.met_deadline):
            changed.append(t)
    DirectiveTarget.objects.bulk_update(
        changed,
        ["state", "items_done", "items_total", "next_due", "verified_at", "met_deadline"],
        batch_size=2000,
    )
    return len(changed)


@dataclass
class ItemRow:
    item: DirectiveItem
    state: str
    label: str
    checks: list[CheckStatus]
    waiver: Waiver | None = None
    # (check, its reason in the reader's language) for the checks that are not ok.
    reasons: list[tuple[CheckStatus, str]] = field(default_factory=list)


def target_items(target: DirectiveTarget, today: dt.date | None = None, lang: str = "bn") -> list[ItemRow]:
    """One office's items with their state, the checks behind them and any waiver."""
    today = today or timezone.localdate()
    flt = Q(pk=target.pk)
    items, statuses, waived, confirmed = _context([target.directive_id], flt, today)
    labels = item_state_labels()
    objects = {i.pk: i for i in target.directive.items.prefetch_related("rules")}
    checks = defaultdict(list)
    rule_ids = {r for i in items.get(target.directive_id, []) for r in i.rule_ids}
    for cs in CheckStatus.objects.filter(office_id=target.office_id, rule_id__in=rule_ids).select_related(
        "rule"
    ):
        checks[cs.rule_id].append(cs)
    waivers = {w.item_id: w for w in target.waivers.filter(expires_on__gte=today)}
    rows = []
    for info in items.get(target.directive_id, []):
        state = item_state(info, target.pk, target.office_id, target.office.tier, statuses, waived, confirmed)
        item_checks = [c for r in info.rule_ids for c in checks.get(r, [])]
        rows.append(
            ItemRow(
                objects[info.id],
                state,
                labels[state],
                item_checks,
                waivers.get(info.id),
                [(c, reason_text(c, lang)) for c in item_checks if c.status in FAILING],
            )
        )
    return rows


def acknowledge(target: DirectiveTarget, user, now: dt.datetime | None = None) -> None:
    if target.acknowledged_at is None:
        target.acknowledged_at = now or timezone.now()
        target.acknowledged_by = user
        target.save(update_fields=["acknowledged_at", "acknowledged_by"])
        refresh_targets([target.directive_id], [target.office_id], now=now)


def report_done(target: DirectiveTarget, user, now: dt.datetime | None = None) -> None:
    """The office says it is done: the checks are measured afresh and the state follows them."""
    from batayon.compliance.services import evaluate_office

    now = now or timezone.now()
    evaluate_office(target.office_id, now=now)
    target.reported_at = now
    target.reported_by = user
    if target.acknowledged_at is None:
        target.acknowledged_at, target.acknowledged_by = now, user
    target.save(update_fields=["reported_at", "reported_by", "acknowledged_at", "acknowledged_by"])
    refresh_targets([target.directive_id], [target.office_id], now=now)


def confirm_item(target: DirectiveTarget, item: DirectiveItem, user, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    if item.directive_id != target.directive_id or item.rules.exists():
        raise DirectiveError(_("শুধু যে বিষয় কোনো নিয়মে মাপা যায় না, তা নিশ্চিত করা যায়।"))
    ItemConfirmation.objects.get_or_create(
        target=target, item=item, defaults={"confirmed_by": user, "confirmed_at": now}
    )
    refresh_targets([target.directive_id], [target.office_id], now=now)


def grant_waiver(
    target: DirectiveTarget,
    item: DirectiveItem,
    justification: str,
    expires_on: dt.date | None,
    user,
    now: dt.datetime | None = None,
) -> Waiver:
    now = now or timezone.now()
    today = timezone.localdate(now)
    if item.directive_id != target.directive_id:
        raise DirectiveError(_("বিষয়টি এই নির্দেশনার নয়।"))
    if not justification.strip():
        raise DirectiveError(_("অব্যাহতির কারণ লিখুন।"))
    if expires_on is None or expires_on < today:
        raise DirectiveError(_("অব্যাহতির মেয়াদ আজ বা পরের কোনো তারিখ হতে হবে।"))
    waiver = Waiver.objects.create(
        target=target,
        item=item,
        justification=justification.strip(),
        expires_on=expires_on,
        granted_by=user,
        created_at=now,
    )
    refresh_targets([target.directive_id], [target.office_id], now=now)
    return waiver
