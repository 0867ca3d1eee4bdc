"""Rule kinds: how a rule turns the set-based metrics of an office into a status.

Each kind says which metrics it needs (``requires``), which parameters it takes (checked by
the rulebook loader before anything is written), and evaluates ALL applicable offices from
data fetched beforehand — no query per office. Like Healthchecks' ``Check.get_status()``,
a status is derived from timestamps and "now"; nothing is remembered between runs except
the resulting status, which the engine compares to write flips.

A result is ``(status, reason_bn, reason_en, severity)``; severity in 0..1 is the share of
the rule's weight the office loses (1 for missing/stale, the failing share of rows for
completeness, translation and link checks, 0 for ok and due soon).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Q
from django.utils import timezone

from batayon.bangla.dates import format_date_bn, format_date_en
from batayon.bangla.fiscal import FiscalYear, quarter_bounds, quarter_of

from .sources import FIELD_LABELS, SECTION_SOURCE, SOURCES, MetricStore, fetch, model_field
from .sources import bn_number as bn

if TYPE_CHECKING:
    from .models import Rule

Result = tuple[str, str, str, float]
NOTHING = ("এখনো কিছু দেওয়া হয়নি", "nothing published yet")

QUARTER_BN = {1: "১ম", 2: "২য়", 3: "৩য়", 4: "৪র্থ"}
QUARTER_EN = {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}


class ParamError(ValueError):
    """A rule's params do not fit its kind (the loader names the rule and the field)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class Context:
    """Everything fetched for one evaluation run: the metrics, confirmations, periods."""

    now: dt.datetime
    office_ids: list[int] | None
    store: MetricStore = field(init=False)
    confirmations: dict[tuple[int, str], dt.datetime] = field(default_factory=dict)
    extra_queries: int = 0

    def __post_init__(self) -> None:
        self.today = timezone.localdate(self.now)
        self.store = MetricStore(self.today, self.office_ids)


_LOCAL_TZ = None


def _to_date(value: Any) -> dt.date | None:
    """A stored date or timestamp as a local (Dhaka) date; raw SQLite gives ISO text in UTC."""
    global _LOCAL_TZ
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) <= 10:
            return dt.date.fromisoformat(value)
        value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.date()
        if _LOCAL_TZ is None:
            _LOCAL_TZ = timezone.get_default_timezone()
        return value.astimezone(_LOCAL_TZ).date()
    return value


def _days_bn(n: int) -> str:
    return f"{bn(n)} দিন"


def _days_en(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


# --- parameter checking --------------------------------------------------------------------


def _need_source(params: dict) -> str:
    src = params.get("source")
    if not isinstance(src, str) or src not in SOURCES:
        raise ParamError("params.source", f"unknown source {src!r}; known: {', '.join(sorted(SOURCES))}")
    return src


def _need_int(params: dict, name: str, default: int | None = None, minimum: int = 0) -> int:
    value = params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ParamError(f"params.{name}", f"{name} must be a whole number ≥ {minimum}, got {value!r}")
    return value


def _need_fields(params: dict, translated: bool) -> list[str]:
    from .sources import FAMILIES, is_translated

    fields = params.get("fields")
    if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
        raise ParamError("params.fields", "fields must be a non-empty list of field names")
    model = FAMILIES[SOURCES[_need_source(params)].family].model
    for name in fields:
        if translated and not is_translated(model, name):
            raise ParamError("params.fields", f"{model.__name__}.{name} is not a bilingual field")
        if not translated and model_field(model, name) is None:
            raise ParamError("params.fields", f"{model.__name__} has no field {name!r}")
    return fields


class Kind:
    name = ""
    params_allowed: set[str] = set()

    def check(self, params: dict) -> None:
        unknown = set(params) - self.params_allowed - {"confirmable"}
        if unknown:
            raise ParamError(f"params.{sorted(unknown)[0]}", f"not a parameter of kind {self.name!r}")

    def prepare(self, rule: Rule, ctx: Context) -> None:
        """Ask the metric store for what this rule needs (all rules before one run)."""

    def evaluate(self, rule: Rule, ctx: Context, office_ids: Iterable[int]) -> Iterator[tuple[int, Result]]:
        raise NotImplementedError


class CountKind(Kind):
    """Presence: at least ``min`` published rows (default 1)."""

    name = "count"
    params_allowed = {"source", "min"}

    def check(self, params: dict) -> None:
        super().check(params)
        _need_source(params)
        _need_int(params, "min", 1, minimum=1)

    def prepare(self, rule: Rule, ctx: Context) -> None:
        ctx.store.want(rule.params["source"], ["n"])

    def evaluate(self, rule, ctx, office_ids):
        source = SOURCES[rule.params["source"]]
        need = rule.params.get("min", 1)
        for oid in office_ids:
            n = ctx.store.get(source.key, oid)["n"]
            if n >= need:
                yield (
                    oid,
                    ("ok", f"{source.count_bn(n)} {source.noun_bn} আছে", f"{n} {source.noun_en_for(n)}", 0.0),
                )
            elif n == 0:
                yield oid, ("missing", f"কোনো {source.noun_bn} নেই", f"no {source.plural_en}", 1.0)
            else:
                yield (
                    oid,
                    (
                        "missing",
                        f"{source.count_bn(n)} {source.noun_bn} আছে, অন্তত {source.count_bn(need)} দরকার",
                        f"{n} {source.noun_en_for(n)}, at least {need} required",
                        1 - n / need,
                    ),
                )


class FieldsKind(Kind):
    """Completeness: every row has every listed field (e.g. officers' mobile, email, photo)."""

    name = "fields"
    params_allowed = {"source", "fields"}

    def check(self, params: dict) -> None:
        super().check(params)
        _need_fields(params, translated=False)

    def _metric_field(self, source_key: str, name: str) -> str:
        from .sources import FAMILIES, is_translated

        model = FAMILIES[SOURCES[source_key].family].model
        return f"{name}_bn" if is_translated(model, name) else name

    def prepare(self, rule, ctx):
        src = rule.params["source"]
        names = [self._metric_field(src, f) for f in rule.params["fields"]]
        ctx.store.want(src, [f"blank:{n}" for n in names] + ["blankany:" + ",".join(names)])

    def evaluate(self, rule, ctx, office_ids):
        source = SOURCES[rule.params["source"]]
        fields = rule.params["fields"]
        names = [self._metric_field(source.key, f) for f in fields]
        anykey = "blankany:" + ",".join(names)
        for oid in office_ids:
            m = ctx.store.get(source.key, oid)
            n = m["n"]
            if n == 0:
                yield oid, ("not_applicable", f"কোনো {source.noun_bn} নেই", f"no {source.plural_en}", 0.0)
                continue
            parts_bn, parts_en = [], []
            for f, name in zip(fields, names, strict=True):
                k = m.get(f"blank:{name}") or 0
                if k:
                    label_bn, label_en = FIELD_LABELS.get(f, (f, f))
                    parts_bn.append(f"{source.count_bn(k)} {source.possessive_bn} {label_bn} নেই")
                    verb = "has" if k == 1 else "have"
                    parts_en.append(f"{k} {source.noun_en_for(k)} {verb} no {label_en}")
            bad = m.get(anykey) or 0
            if not bad:
                yield (
                    oid,
                    ("ok", f"সব {source.possessive_bn} তথ্য পূর্ণ", f"all {source.plural_en} complete", 0.0),
                )
            else:
                yield oid, ("missing", "; ".join(parts_bn), "; ".join(parts_en), bad / n)


class FreshnessKind(Kind):
    """The newest row is at most ``max_age_days`` old; due soon ``warn_days`` before that.

    On day ``max_age_days`` after the last change the item is still (just) in time; the day
    after it is stale. With ``confirmable: true`` an editor's confirmation counts as a change.
    """

    name = "freshness"
    params_allowed = {"source", "max_age_days", "warn_days", "date_field"}
    always_confirmable = False

    def check(self, params: dict) -> None:
        super().check(params)
        src = _need_source(params)
        max_age = _need_int(params, "max_age_days", None, minimum=1)
        warn = _need_int(params, "warn_days", 0)
        if warn >= max_age:
            raise ParamError("params.warn_days", "warn_days must be smaller than max_age_days")
        from .sources import FAMILIES

        date_field = params.get("date_field", "updated_at")
        if model_field(FAMILIES[SOURCES[src].family].model, date_field) is None:
            raise ParamError("params.date_field", f"no date field {date_field!r} on source {src}")

    def prepare(self, rule, ctx):
        ctx.store.want(rule.params["source"], [f"last:{rule.params.get('date_field', 'updated_at')}"])

    def evaluate(self, rule, ctx, office_ids):
        p = rule.params
        source = SOURCES[p["source"]]
        max_age, warn = p["max_age_days"], p.get("warn_days", 0)
        metric = f"last:{p.get('date_field', 'updated_at')}"
        confirmable = self.always_confirmable or p.get("confirmable")
        for oid in office_ids:
            m = ctx.store.get(source.key, oid)
            last = _to_date(m.get(metric))
            confirmed = _to_date(ctx.confirmations.get((oid, rule.section))) if confirmable else None
            via_confirmation = confirmed is not None and (last is None or confirmed > last)
            if via_confirmation:
                last = confirmed
            if last is None:
                yield oid, ("missing", *NOTHING, 1.0)
                continue
            age = max((ctx.today - last).days, 0)
            what_bn = "নিশ্চিতকরণ" if via_confirmation else source.noun_bn
            what_en = "confirmation" if via_confirmation else source.noun_en
            reason_bn = f"শেষ {what_bn} {_days_bn(age)} আগে"
            reason_en = f"last {what_en} {_days_en(age)} ago"
            if age == 0:
                reason_bn, reason_en = f"শেষ {what_bn} আজ", f"last {what_en} today"
            if age > max_age:
                yield (
                    oid,
                    (
                        "stale",
                        f"{reason_bn}; সীমা {_days_bn(max_age)}",
                        f"{reason_en}; limit {_days_en(max_age)}",
                        1.0,
                    ),
                )
            elif warn and age > max_age - warn:
                left = max_age - age
                yield (
                    oid,
                    (
                        "due_soon",
                        f"{reason_bn}; {_days_bn(left)}ের মধ্যে হালনাগাদ করুন",
                        f"{reason_en}; update within {_days_en(left)}",
                        0.0,
                    ),
                )
            else:
                yield oid, ("ok", reason_bn, reason_en, 0.0)


class ConfirmedKind(FreshnessKind):
    """ "Confirmed current": the section changed or was confirmed unchanged within the limit."""

    name = "confirmed"
    always_confirmable = True


def _fy_periods(rule: Rule, ctx: Context, with_quarter: bool) -> dict[int, set]:
    """The (fiscal year[, quarter]) periods each office has published (from the family query)."""
    source = rule.params["source"]
    out: dict[int, set] = {}
    for oid in ctx.office_tiers:
        details = ctx.store.details(source, oid)
        if details:
            out[oid] = set(details) if with_quarter else {d[0] for d in details if d[0]}
    return out


class FiscalYearKind(Kind):
    """One item per fiscal year (1 July – 30 June), up within ``due_within_days`` of its start."""

    name = "fiscal_year"
    params_allowed = {"source", "due_within_days"}

    def prepare(self, rule, ctx):
        ctx.store.want(rule.params["source"], ["n"])

    def check(self, params):
        super().check(params)
        if SOURCES[_need_source(params)].family != "document":
            raise ParamError("params.source", "fiscal-year rules read a document source")
        _need_int(params, "due_within_days", 31, minimum=1)

    def evaluate(self, rule, ctx, office_ids):
        source = SOURCES[rule.params["source"]]
        present = _fy_periods(rule, ctx, with_quarter=False)
        cur = FiscalYear.of(ctx.today)
        prev = cur.previous()
        due = cur.start + dt.timedelta(days=rule.params.get("due_within_days", 31) - 1)
        for oid in office_ids:
            have = present.get(oid, set())
            if str(cur) in have:
                yield (
                    oid,
                    (
                        "ok",
                        f"{cur.label_bn} অর্থবছরের {source.noun_bn} আছে",
                        f"{source.noun_en} for {cur} published",
                        0.0,
                    ),
                )
            elif ctx.today <= due and str(prev) in have:
                yield (
                    oid,
                    (
                        "due_soon",
                        f"{cur.label_bn} অর্থবছরের {source.noun_bn} {format_date_bn(due)}-এর মধ্যে দিতে হবে",
                        f"{source.noun_en} for {cur} due by {format_date_en(due)}",
                        0.0,
                    ),
                )
            elif have:
                latest = max(have)
                yield (
                    oid,
                    (
                        "stale",
                        f"{cur.label_bn} অর্থবছরের {source.noun_bn} নেই; সর্বশেষ {bn(latest)}",
                        f"no {source.noun_en} for {cur}; latest is {latest}",
                        1.0,
                    ),
                )
            else:
                yield (
                    oid,
                    (
                        "missing",
                        f"কোনো অর্থবছরের {source.noun_bn} নেই",
                        f"no {source.noun_en} for any recent fiscal year",
                        1.0,
                    ),
                )


def quarter_due(fy: FiscalYear, q: int, due_day: int) -> dt.date:
    """The grace date of a quarter's report: the ``due_day`` of the month after the quarter."""
    end = quarter_bounds(fy, q)[1]
    first_next = end + dt.timedelta(days=1)
    return first_next.replace(day=min(due_day, 28 if first_next.month == 2 else 30))


def previous_quarter(fy: FiscalYear, q: int) -> tuple[FiscalYear, int]:
    return (fy.previous(), 4) if q == 1 else (fy, q - 1)


class QuarterlyKind(Kind):
    """A report for every quarter, due by the ``due_day`` of the month after the quarter."""

    name = "quarterly"
    params_allowed = {"source", "due_day"}

    def prepare(self, rule, ctx):
        ctx.store.want(rule.params["source"], ["n"])

    def check(self, params):
        super().check(params)
        if SOURCES[_need_source(params)].family != "document":
            raise ParamError("params.source", "quarterly rules read a document source")
        day = _need_int(params, "due_day", 15, minimum=1)
        if day > 28:
            raise ParamError("params.due_day", "due_day must be 1–28")

    def evaluate(self, rule, ctx, office_ids):
        source = SOURCES[rule.params["source"]]
        due_day = rule.params.get("due_day", 15)
        present = _fy_periods(rule, ctx, with_quarter=True)
        fy, q = quarter_of(ctx.today)
        last_ended = previous_quarter(fy, q)
        last_due = quarter_due(*last_ended, due_day)
        if ctx.today <= last_due:
            pending, required = last_ended, previous_quarter(*last_ended)
        else:
            pending, required = None, last_ended
        req_due = quarter_due(*required, due_day)

        def label_bn(p):
            return f"{p[0].label_bn} অর্থবছরের {QUARTER_BN[p[1]]} প্রান্তিকের {source.noun_bn}"

        def label_en(p):
            return f"{source.noun_en} for {QUARTER_EN[p[1]]} {p[0]}"

        def key(p: tuple[FiscalYear, int]) -> tuple[str, int]:
            return (str(p[0]), p[1])

        for oid in office_ids:
            have = present.get(oid, set())
            if pending and key(pending) in have:
                yield oid, ("ok", f"{label_bn(pending)} আছে", f"{label_en(pending)} published", 0.0)
            elif key(required) in have:
                if pending:
                    yield (
                        oid,
                        (
                            "due_soon",
                            f"{label_bn(pending)} {format_date_bn(last_due)}-এর মধ্যে দিতে হবে",
                            f"{label_en(pending)} due by {format_date_en(last_due)}",
                            0.0,
                        ),
                    )
                else:
                    yield oid, ("ok", f"{label_bn(required)} আছে", f"{label_en(required)} published", 0.0)
            elif have:
                yield (
                    oid,
                    (
                        "stale",
                        f"{label_bn(required)} {format_date_bn(req_due)}-এর মধ্যে দেওয়ার কথা ছিল",
                        f"{label_en(required)} was due by {format_date_en(req_due)}",
                        1.0,
                    ),
                )
            else:
                yield (
                    oid,
                    (
                        "missing",
                        f"কোনো প্রান্তিকের {source.noun_bn} নেই",
                        f"no {source.plural_en} for recent quarters",
                        1.0,
                    ),
                )


class BilingualKind(Kind):
    """Both Bangla and English for the listed fields of every row (seed 004, decision 1)."""

    name = "bilingual"
    params_allowed = {"source", "fields"}

    def check(self, params):
        super().check(params)
        _need_fields(params, translated=True)

    def prepare(self, rule, ctx):
        ctx.store.want(rule.params["source"], ["untr:" + ",".join(rule.params["fields"])])

    def evaluate(self, rule, ctx, office_ids):
        source = SOURCES[rule.params["source"]]
        metric = "untr:" + ",".join(rule.params["fields"])
        for oid in office_ids:
            m = ctx.store.get(source.key, oid)
            n, k = m["n"], m.get(metric) or 0
            if n == 0:
                yield oid, ("not_applicable", f"কোনো {source.noun_bn} নেই", f"no {source.plural_en}", 0.0)
            elif k == 0:
                yield (
                    oid,
                    (
                        "ok",
                        f"সব {source.noun_bn} বাংলা ও ইংরেজিতে আছে",
                        f"all {source.plural_en} in Bangla and English",
                        0.0,
                    ),
                )
            else:
                yield (
                    oid,
                    (
                        "untranslated",
                        f"{source.count_bn(n)} {source.possessive_bn} মধ্যে {source.count_bn(k)} এক ভাষায় নেই",
                        f"{k} of {n} {source.noun_en_for(n)} {'lacks' if k == 1 else 'lack'} Bangla or English",
                        k / n,
                    ),
                )


class LinksKind(Kind):
    """Every service-box link works, as last seen by the shared link checker (``batayon checklinks``,
    ``batayon audit``)."""

    name = "links"
    params_allowed = {"source"}

    def check(self, params):
        super().check(params)
        if _need_source(params) != "service_box":
            raise ParamError("params.source", "link rules read the service_box source")

    def evaluate(self, rule, ctx, office_ids):
        # The shared link checker's results (batayon.audit), for hosted and audited offices alike.
        from batayon.audit.metrics import link_stats

        stats = link_stats(ctx)
        ctx.extra_queries += 1
        for oid in office_ids:
            r = stats.get(oid)
            if not r or not r["n"]:
                yield oid, ("not_applicable", "সেবা বক্সে কোনো লিংক নেই", "no service-box links", 0.0)
            elif r["broken"]:
                k, n = r["broken"], r["n"]
                yield (
                    oid,
                    (
                        "broken",
                        f"{bn(n)}টি লিংকের মধ্যে {bn(k)}টি কাজ করছে না",
                        f"{k} of {n} links do not work",
                        k / n,
                    ),
                )
            elif r["unchecked"]:
                # A link nobody has checked yet is not known to work.
                k = r["unchecked"]
                yield (
                    oid,
                    ("not_applicable", f"{bn(k)}টি লিংক এখনো যাচাই হয়নি", f"{k} link{'' if k == 1 else 's'} not checked yet", 0.0),
                )
            else:
                b = r["blocked"]
                tail_bn = f" ({bn(b)}টি বট-সুরক্ষায় আটকে গেছে, পরে আবার দেখা হবে)" if b else ""
                tail_en = f" ({b} blocked by bot protection, re-checked later)" if b else ""
                yield oid, ("ok", f"সব লিংক কাজ করছে{tail_bn}", f"all links work{tail_en}", 0.0)


class MenuKind(Kind):
    """The standard menu of the tier is in place and none of its pages is empty (R-2.12)."""

    name = "menu"
    params_allowed = {"sections"}

    def check(self, params):
        super().check(params)
        sections = params.get("sections")
        if not isinstance(sections, list) or not sections:
            raise ParamError("params.sections", "sections must be a non-empty list")
        for s in sections:
            if s not in SECTION_SOURCE:
                raise ParamError("params.sections", f"unknown section {s!r}")

    def prepare(self, rule, ctx):
        for s in rule.params["sections"]:
            ctx.store.want(SECTION_SOURCE[s], ["n"])

    def evaluate(self, rule, ctx, office_ids):
        from django.core.cache import cache

        from batayon.content.models import MenuItem

        menu_sections = cache.get("compliance:menu-sections")
        if menu_sections is None:
            menu_sections = defaultdict(set)
            for tier, section in MenuItem.objects.values_list("tier", "section").distinct():
                menu_sections[tier].add(section)
            menu_sections = dict(menu_sections)
            cache.set("compliance:menu-sections", menu_sections, 300)
            ctx.extra_queries += 1
        tiers = ctx.office_tiers
        wanted = rule.params["sections"]
        from .sources import SOURCES as S

        for oid in office_ids:
            sections = [s for s in wanted if s in menu_sections.get(tiers[oid], set())]
            if not sections:
                yield oid, ("missing", "আদর্শ মেনু নেই", "the standard menu is not set up", 1.0)
                continue
            empty = [s for s in sections if ctx.store.get(SECTION_SOURCE[s], oid)["n"] == 0]
            if not empty:
                yield oid, ("ok", "মেনুর সব পাতায় তথ্য আছে", "every menu page has content", 0.0)
            else:
                names_bn = ", ".join(S[SECTION_SOURCE[s]].noun_bn for s in empty[:4])
                names_en = ", ".join(S[SECTION_SOURCE[s]].plural_en for s in empty[:4])
                more = "…" if len(empty) > 4 else ""
                yield (
                    oid,
                    (
                        "missing",
                        f"মেনুর {bn(len(empty))}টি পাতা ফাঁকা: {names_bn}{more}",
                        f"{len(empty)} menu pages are empty: {names_en}{more}",
                        len(empty) / len(sections),
                    ),
                )


KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        CountKind(),
        FieldsKind(),
        FreshnessKind(),
        ConfirmedKind(),
        FiscalYearKind(),
        QuarterlyKind(),
        BilingualKind(),
        LinksKind(),
        MenuKind(),
    ]
}


def load_confirmations(ctx: Context) -> None:
    """The latest confirmation per (office, section), one query."""
    from .models import Confirmation

    def build(qs):
        return qs.values("office_id", "section").annotate(last=Max("created")).order_by()

    _names, rows = fetch(("confirmations",), build, Confirmation, ctx.office_ids)
    ctx.confirmations = {(r[0], r[1]): r[2] for r in rows}
    ctx.extra_queries += 1
