"""Rule kinds: how a rule turns the set-based metrics of an office into a status.

Each kind says which metrics it needs (``requires``), which parameters it takes (checked by
the rulebook loader before anything is written), and evaluates ALL applicable offices from
data fetched beforehand — no query per office. Like Healthchecks' ``Check.get_status()``,
a status is derived from timestamps and "now"; nothing is remembered between runs except
the resulting status, which the engine compares to write flips.

A result is a ``Result(status, code, params, severity, next_change_at)``: ``code`` and
``params`` are the reason as facts (worded by ``reasons.reason_text`` at the edge, never
anything derived from "now" such as an age), severity in 0..1 is the share of the rule's
weight the office loses (1 for missing/stale, the failing share of rows for completeness,
translation and link checks, 0 for ok and due soon), and ``next_change_at`` is when the
result will change by itself with no content change (local midnight in Dhaka; None when
only content or link checks can change it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from django.db.models import Max
from django.utils import timezone

from batayon.bangla.fiscal import FiscalYear, quarter_bounds, quarter_of

from .sources import SECTION_SOURCE, SOURCES, MetricStore, fetch, model_field

if TYPE_CHECKING:
    from .models import Rule


class Result(NamedTuple):
    """One (office, rule) outcome: facts only; words come from ``reasons.reason_text``."""

    status: str
    code: str
    params: dict
    severity: float
    next_change_at: dt.datetime | None = None


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of a local (Dhaka) day as an aware datetime: when a deadline takes effect."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


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
    # Set by engine.compute: each office's tier, and how long the metric queries took.
    office_tiers: dict[int, str] = field(init=False, default_factory=dict)
    timings: dict[str, float] = field(init=False, default_factory=dict)

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
    params_allowed: ClassVar[frozenset[str]] = frozenset()

    def check(self, params: dict) -> None:
        unknown = set(params) - self.params_allowed - {"confirmable"}
        if unknown:
            raise ParamError(f"params.{min(unknown)}", f"not a parameter of kind {self.name!r}")

    def prepare(self, rule: Rule, ctx: Context) -> None:
        """Ask the metric store for what this rule needs (all rules before one run)."""

    def evaluate(self, rule: Rule, ctx: Context, office_ids: Iterable[int]) -> Iterator[tuple[int, Result]]:
        raise NotImplementedError


class CountKind(Kind):
    """Presence: at least ``min`` published rows (default 1)."""

    name = "count"
    params_allowed = frozenset({"source", "min"})

    def check(self, params: dict) -> None:
        super().check(params)
        _need_source(params)
        _need_int(params, "min", 1, minimum=1)

    def prepare(self, rule: Rule, ctx: Context) -> None:
        ctx.store.want(rule.params["source"], ["n"])

    def evaluate(self, rule, ctx, office_ids):
        key = rule.params["source"]
        need = rule.params.get("min", 1)
        none = Result("missing", "count.none", {"source": key}, 1.0)
        for oid in office_ids:
            n = ctx.store.get(key, oid)["n"]
            if n >= need:
                yield oid, Result("ok", "count.ok", {"source": key, "n": n}, 0.0)
            elif n == 0:
                yield oid, none
            else:
                yield (
                    oid,
                    Result("missing", "count.too_few", {"source": key, "n": n, "min": need}, 1 - n / need),
                )


class FieldsKind(Kind):
    """Completeness: every row has every listed field (e.g. officers' mobile, email, photo)."""

    name = "fields"
    params_allowed = frozenset({"source", "fields"})

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
        key = rule.params["source"]
        fields = rule.params["fields"]
        names = [self._metric_field(key, f) for f in fields]
        anykey = "blankany:" + ",".join(names)
        none = Result("not_applicable", "fields.none", {"source": key}, 0.0)
        ok = Result("ok", "fields.ok", {"source": key}, 0.0)
        for oid in office_ids:
            m = ctx.store.get(key, oid)
            n = m["n"]
            if n == 0:
                yield oid, none
                continue
            bad = m.get(anykey) or 0
            if not bad:
                yield oid, ok
                continue
            blank = [
                [f, k] for f, name in zip(fields, names, strict=True) if (k := m.get(f"blank:{name}") or 0)
            ]
            yield oid, Result("missing", "fields.blank", {"source": key, "blank": blank}, bad / n)


class FreshnessKind(Kind):
    """The newest row is at most ``max_age_days`` old; due soon ``warn_days`` before that.

    On day ``max_age_days`` after the last change the item is still (just) in time; the day
    after it is stale. With ``confirmable: true`` an editor's confirmation counts as a change.
    """

    name = "freshness"
    params_allowed = frozenset({"source", "max_age_days", "warn_days", "date_field"})
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
        key = p["source"]
        max_age, warn = p["max_age_days"], p.get("warn_days", 0)
        metric = f"last:{p.get('date_field', 'updated_at')}"
        confirmable = self.always_confirmable or p.get("confirmable")
        none = Result("missing", "freshness.none", {"source": key}, 1.0)
        one_day = dt.timedelta(days=1)
        for oid in office_ids:
            m = ctx.store.get(key, oid)
            last = _to_date(m.get(metric))
            confirmed = _to_date(ctx.confirmations.get((oid, rule.section))) if confirmable else None
            via_confirmation = confirmed is not None and (last is None or confirmed > last)
            if via_confirmation:
                last = confirmed
            if last is None:
                yield oid, none
                continue
            params = {"source": key, "last": last.isoformat(), "max": max_age}
            if via_confirmation:
                params["via"] = "confirmation"
            age = (ctx.today - last).days
            # Stale from the day after day ``max_age``; due soon ``warn`` days before that.
            stale_from = last + dt.timedelta(days=max_age) + one_day
            if age > max_age:
                yield oid, Result("stale", "freshness.stale", params, 1.0)
            elif warn and age > max_age - warn:
                yield oid, Result("due_soon", "freshness.due_soon", params, 0.0, local_midnight(stale_from))
            else:
                turns = stale_from - dt.timedelta(days=warn) if warn else stale_from
                yield oid, Result("ok", "freshness.ok", params, 0.0, local_midnight(turns))


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
    params_allowed = frozenset({"source", "due_within_days"})

    def prepare(self, rule, ctx):
        ctx.store.want(rule.params["source"], ["n"])

    def check(self, params):
        super().check(params)
        if SOURCES[_need_source(params)].family != "document":
            raise ParamError("params.source", "fiscal-year rules read a document source")
        _need_int(params, "due_within_days", 31, minimum=1)

    def evaluate(self, rule, ctx, office_ids):
        key = rule.params["source"]
        present = _fy_periods(rule, ctx, with_quarter=False)
        cur = FiscalYear.of(ctx.today)
        prev = cur.previous()
        due = cur.start + dt.timedelta(days=rule.params.get("due_within_days", 31) - 1)
        # The outcome (or its facts) changes at the grace date and when the next year begins.
        year_turns = local_midnight(cur.next().start)
        due_passes = local_midnight(due + dt.timedelta(days=1)) if ctx.today <= due else year_turns
        fy = str(cur)
        ok = Result("ok", "fiscal_year.ok", {"source": key, "fy": fy}, 0.0, year_turns)
        soon = Result(
            "due_soon",
            "fiscal_year.due_soon",
            {"source": key, "fy": fy, "due": due.isoformat()},
            0.0,
            due_passes,
        )
        none = Result("missing", "fiscal_year.none", {"source": key}, 1.0)
        for oid in office_ids:
            have = present.get(oid, set())
            if fy in have:
                yield oid, ok
            elif ctx.today <= due and str(prev) in have:
                yield oid, soon
            elif have:
                params = {"source": key, "fy": fy, "latest": max(have)}
                yield oid, Result("stale", "fiscal_year.missing_current", params, 1.0, year_turns)
            else:
                yield oid, none


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
    params_allowed = frozenset({"source", "due_day"})

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
        key = rule.params["source"]
        due_day = rule.params.get("due_day", 15)
        present = _fy_periods(rule, ctx, with_quarter=True)
        fy, q = quarter_of(ctx.today)
        last_ended = previous_quarter(fy, q)
        last_due = quarter_due(*last_ended, due_day)
        if ctx.today <= last_due:
            pending, required = last_ended, previous_quarter(*last_ended)
            turns = local_midnight(last_due + dt.timedelta(days=1))
        else:
            pending, required = None, last_ended
            turns = local_midnight(quarter_bounds(fy, q)[1] + dt.timedelta(days=1))
        req_due = quarter_due(*required, due_day)

        def facts(p: tuple[FiscalYear, int], due: dt.date | None = None) -> dict:
            out = {"source": key, "fy": str(p[0]), "q": p[1]}
            if due is not None:
                out["due"] = due.isoformat()
            return out

        def period(p: tuple[FiscalYear, int]) -> tuple[str, int]:
            return (str(p[0]), p[1])

        results = {
            "pending_ok": pending and Result("ok", "quarterly.ok", facts(pending), 0.0, turns),
            "due_soon": pending
            and Result("due_soon", "quarterly.due_soon", facts(pending, last_due), 0.0, turns),
            "ok": Result("ok", "quarterly.ok", facts(required), 0.0, turns),
            "overdue": Result("stale", "quarterly.overdue", facts(required, req_due), 1.0, turns),
            "none": Result("missing", "quarterly.none", {"source": key}, 1.0),
        }
        for oid in office_ids:
            have = present.get(oid, set())
            if pending and period(pending) in have:
                yield oid, results["pending_ok"]
            elif period(required) in have:
                yield oid, results["due_soon"] if pending else results["ok"]
            elif have:
                yield oid, results["overdue"]
            else:
                yield oid, results["none"]


class BilingualKind(Kind):
    """Both Bangla and English for the listed fields of every row (seed 004, decision 1)."""

    name = "bilingual"
    params_allowed = frozenset({"source", "fields"})

    def check(self, params):
        super().check(params)
        _need_fields(params, translated=True)

    def prepare(self, rule, ctx):
        ctx.store.want(rule.params["source"], ["untr:" + ",".join(rule.params["fields"])])

    def evaluate(self, rule, ctx, office_ids):
        key = rule.params["source"]
        metric = "untr:" + ",".join(rule.params["fields"])
        none = Result("not_applicable", "bilingual.none", {"source": key}, 0.0)
        ok = Result("ok", "bilingual.ok", {"source": key}, 0.0)
        for oid in office_ids:
            m = ctx.store.get(key, oid)
            n, k = m["n"], m.get(metric) or 0
            if n == 0:
                yield oid, none
            elif k == 0:
                yield oid, ok
            else:
                yield (
                    oid,
                    Result("untranslated", "bilingual.untranslated", {"source": key, "n": n, "k": k}, k / n),
                )


class LinksKind(Kind):
    """Every service-box link works, as last seen by the shared link checker (``batayon checklinks``,
    ``batayon audit``)."""

    name = "links"
    params_allowed = frozenset({"source"})

    def check(self, params):
        super().check(params)
        if _need_source(params) != "service_box":
            raise ParamError("params.source", "link rules read the service_box source")

    def evaluate(self, rule, ctx, office_ids):
        # The shared link checker's results (batayon.audit), for hosted and audited offices alike.
        from batayon.audit.metrics import link_stats

        stats = link_stats(ctx)
        ctx.extra_queries += 1
        none = Result("not_applicable", "links.none", {}, 0.0)
        for oid in office_ids:
            r = stats.get(oid)
            if not r or not r["n"]:
                yield oid, none
            elif r["broken"]:
                n, k, unchecked = r["n"], r["broken"], r["unchecked"]
                params = {"n": n, "k": k, "unchecked": unchecked} if unchecked else {"n": n, "k": k}
                # An unchecked link is not known to work: it costs its share like a broken one.
                yield oid, Result("broken", "links.broken", params, (k + unchecked) / n)
            elif r["unchecked"]:
                # A link nobody has checked yet is its own state, never ok.
                n, unchecked = r["n"], r["unchecked"]
                yield oid, Result("unchecked", "links.unchecked", {"n": n, "k": unchecked}, unchecked / n)
            else:
                yield oid, Result("ok", "links.ok", {"blocked": r["blocked"]} if r["blocked"] else {}, 0.0)


class MenuKind(Kind):
    """Every item of the tier's standard menu opens a page with content (R-2.12).

    The menu is ``content/data/menus.yaml`` (``MenuItem`` rows): an item opens a portal
    section (its source must have a row) or a static page (``page:<slug>``: the office must
    have that page published, with a Bangla body). Missing and empty items are reported by
    their menu key; ``reasons`` words them with the menu's own titles.
    """

    name = "menu"
    params_allowed: ClassVar[frozenset[str]] = frozenset()

    @staticmethod
    def menu_items(ctx: Context | None = None) -> dict[str, list[tuple[str, str]]]:
        """(key, section) of every menu item that opens a page, per tier (cached)."""
        from django.core.cache import cache

        from batayon.content.menus import MENU_ITEMS_CACHE_KEY
        from batayon.content.models import MenuItem

        items = cache.get(MENU_ITEMS_CACHE_KEY)
        if items is None:
            items = defaultdict(list)
            rows = MenuItem.objects.exclude(section="").order_by("tier", "parent__sort_order", "sort_order", "id")
            for tier, key, section in rows.values_list("tier", "key", "section"):
                items[tier].append((key, section))
            items = dict(items)
            cache.set(MENU_ITEMS_CACHE_KEY, items, 300)
            if ctx is not None:
                ctx.extra_queries += 1
        return items

    def prepare(self, rule, ctx):
        for tier_items in self.menu_items(ctx).values():
            for _key, section in tier_items:
                if section in SECTION_SOURCE:
                    ctx.store.want(SECTION_SOURCE[section], ["n"])

    def evaluate(self, rule, ctx, office_ids):
        from batayon.content.models import Page, PublishState

        menu = self.menu_items(ctx)
        slugs = sorted({s.removeprefix("page:") for items in menu.values() for _k, s in items if s.startswith("page:")})
        pages: set[tuple[int, str]] = set()
        if slugs:

            def build(qs):
                return (
                    qs.filter(state=PublishState.PUBLISHED, slug__in=slugs)
                    .exclude(body_bn="")
                    .exclude(body_bn__isnull=True)
                    .values_list("office_id", "slug")
                    .order_by()
                )

            names, rows = fetch(("menu-pages", tuple(slugs)), build, Page, ctx.office_ids)
            # Columns by name: the SQL compiled once per process need not keep values_list's order.
            at_office, at_slug = names.index("office_id"), names.index("slug")
            pages = {(r[at_office], r[at_slug]) for r in rows}
            ctx.extra_queries += 1
        tiers = ctx.office_tiers
        # Offices hosted elsewhere are observed by the auditor, which reads the mandated
        # sections but not an office's static pages: those items are not judged from outside.
        observed: set[int] = getattr(ctx.store, "observed", set())
        no_menu = Result("missing", "menu.missing", {}, 1.0)
        ok = Result("ok", "menu.ok", {}, 0.0)
        for oid in office_ids:
            items = menu.get(tiers[oid], [])
            if not items:
                yield oid, no_menu
                continue
            empty = []
            for key, section in items:
                if section.startswith("page:"):
                    filled = oid in observed or (oid, section.removeprefix("page:")) in pages
                else:
                    source = SECTION_SOURCE.get(section)
                    filled = source is None or ctx.store.get(source, oid)["n"] > 0
                if not filled:
                    empty.append(key)
            if not empty:
                yield oid, ok
            else:
                yield oid, Result("missing", "menu.empty", {"items": empty}, len(empty) / len(items))


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
