"""The evaluation run: rules × offices, set-based, then only the changes are written.

1. One query for the offices in scope (id, tier).
2. Each rule asks the metric store for what it needs; the store runs one GROUP BY query per
   content family for all offices in scope; a few rules run one query of their own.
3. Statuses, reason codes + params (facts, no words), deadlines (``next_change_at``) and
   scores are computed in memory (no query per office).
4. The current statuses in scope are read (one query) and compared: new rows are inserted,
   rows whose status, code, params, points or deadline changed are updated, a ``Flip`` is
   written only where the status itself changed, rows of rules that no longer apply are
   deleted. Big batches go through PostgreSQL's COPY.
5. Scores are upserted, and today's snapshot rows with them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from batayon.offices.models import Office

from .kinds import KINDS, Context, load_confirmations
from .models import FAILING, CheckStatus, Flip, OfficeScore, Rule, RuleCount, ScoreSnapshot, band_for

BIG = 2000  # rows; above this, PostgreSQL writes go through COPY


@dataclass
class EvaluationSummary:
    offices: int = 0
    rules: int = 0
    statuses: int = 0
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    flips: int = 0
    queries: int = 0
    seconds: float = 0.0
    full: bool = False  # every office was in scope (``evaluate --all`` or a rulebook change)
    scores: dict[int, float] = field(default_factory=dict, repr=False)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Computed:
    """One (office, rule) result before it is written."""

    status: str
    code: str
    params: dict
    severity: float
    next_change_at: dt.datetime | None = None
    points_lost: float = 0.0


def _chunks(seq: Sequence, size: int) -> Iterable[Sequence]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


_COPY_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPE)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _converter(sample):
    """A per-column text converter for COPY, chosen once from a sample value."""
    if isinstance(sample, bool):
        return lambda v: "\\N" if v is None else ("t" if v else "f")
    if isinstance(sample, (int, float)):
        return lambda v: "\\N" if v is None else str(v)
    cache: dict = {}

    def convert(v):
        text = cache.get(v)
        if text is None:
            text = _copy_text(v)
            if len(cache) < 100000:
                cache[v] = text
        return text

    return convert


def _status_lines(rows: Sequence[tuple]) -> Iterable[str]:
    """COPY text of status rows (office, rule, status, reason, params, points, since, next):
    one f-string per row, each distinct text escaped once — the hot path of a full run."""
    cache: dict[str, str] = {}

    def esc(text: str) -> str:
        out = cache.get(text)
        if out is None:
            out = cache[text] = _copy_text(text)
        return out

    stamps: dict = {}

    def stamp(value) -> str:
        out = stamps.get(value)
        if out is None:
            out = stamps[value] = _copy_text(value)
        return out

    for oid, rid, status, code, params, points, since, nxt in rows:
        yield f"{oid}\t{rid}\t{status}\t{code}\t{esc(params)}\t{points}\t{stamp(since)}\t{stamp(nxt)}"


def _json(params: dict) -> str:
    return json.dumps(params, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _as_utc(value) -> dt.datetime | None:
    """A stored timestamp as an aware datetime (raw SQLite cursors give naive UTC or text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _copy(
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple],
    lines: Callable[[Sequence[tuple]], Iterable[str]] | None = None,
) -> None:
    """COPY rows into a table (PostgreSQL); the fastest way to write 10^6 rows.

    The text is built here, a column converter chosen once per column and repeated strings
    (reasons, timestamps) escaped once: per-row ``write_row`` costs more than the database's
    side of the copy.
    """
    if not rows:
        return
    samples = [next((r[i] for r in rows[:1000] if r[i] is not None), "") for i in range(len(columns))]
    convs = [_converter(v) for v in samples]
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for chunk in _chunks(rows, 50000):
                if lines is not None:
                    text = list(lines(chunk))
                else:
                    text = ["\t".join([c(v) for c, v in zip(convs, row, strict=True)]) for row in chunk]
                copy.write("\n".join(text) + "\n")


def _insert(model, columns: Sequence[str], rows: Sequence[tuple], lines=None) -> None:
    if not rows:
        return
    table = model._meta.db_table
    if _is_postgres() and len(rows) > BIG:
        _copy(table, columns, rows, lines)
        return
    # JSON params go in as text; PostgreSQL wants it cast to jsonb.
    marks = ["%s::jsonb" if c == "params" and _is_postgres() else "%s" for c in columns]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(marks)})"
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, 5000):
            cursor.executemany(sql, chunk)


def _update_statuses(rows: Sequence[tuple]) -> None:
    """rows: (status, reason, params JSON, points_lost, since, next_change_at, office_id, rule_id)."""
    if not rows:
        return
    table = CheckStatus._meta.db_table
    if _is_postgres() and len(rows) > BIG:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS compliance_status_tmp (status varchar(16),"
                " reason varchar(40), params jsonb, points_lost double precision, since timestamptz,"
                " next_change_at timestamptz, office_id bigint, rule_id bigint) ON COMMIT DROP"
            )
        _copy(
            "compliance_status_tmp",
            ["status", "reason", "params", "points_lost", "since", "next_change_at", "office_id", "rule_id"],
            rows,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS s SET status = t.status, reason = t.reason, params = t.params,"
                " points_lost = t.points_lost, since = COALESCE(t.since, s.since),"
                " next_change_at = t.next_change_at FROM compliance_status_tmp t"
                " WHERE s.office_id = t.office_id AND s.rule_id = t.rule_id"
            )
            cursor.execute("DROP TABLE compliance_status_tmp")
        return
    cast = "::jsonb" if _is_postgres() else ""
    sql = (
        f"UPDATE {table} SET status = %s, reason = %s, params = %s{cast}, points_lost = %s,"
        " since = COALESCE(%s, since), next_change_at = %s"
        " WHERE office_id = %s AND rule_id = %s"
    )
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, 5000):
            cursor.executemany(sql, chunk)


def _upsert_scores(rows: Sequence[tuple], day: dt.date) -> None:
    """rows: (office_id, score, band, failing, evaluated_at); the day's snapshot as well."""
    if not rows:
        return
    scores = OfficeScore._meta.db_table
    snaps = ScoreSnapshot._meta.db_table
    score_sql = (
        f"INSERT INTO {scores} (office_id, score, band, failing, evaluated_at) VALUES (%s, %s, %s, %s, %s)"
        " ON CONFLICT (office_id) DO UPDATE SET score = excluded.score, band = excluded.band,"
        " failing = excluded.failing, evaluated_at = excluded.evaluated_at"
    )
    snap_sql = (
        f"INSERT INTO {snaps} (office_id, day, score) VALUES (%s, %s, %s)"
        " ON CONFLICT (office_id, day) DO UPDATE SET score = excluded.score"
    )
    if _is_postgres() and len(rows) > BIG:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS compliance_score_tmp (office_id bigint,"
                " score double precision,"
                " band varchar(8), failing smallint, evaluated_at timestamptz) ON COMMIT DROP"
            )
        _copy("compliance_score_tmp", ["office_id", "score", "band", "failing", "evaluated_at"], rows)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {scores} (office_id, score, band, failing, evaluated_at)"
                " SELECT office_id, score, band, failing, evaluated_at FROM compliance_score_tmp"
                " ON CONFLICT (office_id) DO UPDATE SET score = excluded.score, band = excluded.band,"
                " failing = excluded.failing, evaluated_at = excluded.evaluated_at"
            )
            cursor.execute(
                f"INSERT INTO {snaps} (office_id, day, score)"
                " SELECT office_id, %s, score FROM compliance_score_tmp"
                " ON CONFLICT (office_id, day) DO UPDATE SET score = excluded.score",
                [day],
            )
            cursor.execute("DROP TABLE compliance_score_tmp")
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, 5000):
            cursor.executemany(score_sql, chunk)
            cursor.executemany(snap_sql, [(r[0], day, r[1]) for r in chunk])


_RULES_CACHE: dict[str, object] = {}


def active_rules() -> list[Rule]:
    """The active rules, kept in the process until the rules table changes (one cheap query)."""
    from django.db.models import Count, Max

    stamp = Rule.objects.aggregate(m=Max("updated_at"), n=Count("pk"), top=Max("pk"))
    key = (connection.alias, connection.settings_dict.get("NAME"), stamp["m"], stamp["n"], stamp["top"])
    if _RULES_CACHE.get("key") != key:
        _RULES_CACHE["rules"] = list(Rule.objects.filter(active=True).order_by("sort_order", "id"))
        _RULES_CACHE["key"] = key
    return list(_RULES_CACHE["rules"])


def compute(
    rules: list[Rule],
    ctx: Context,
    offices: list[tuple[int, str]],
    progress: Callable[[int], None] | None = None,
) -> dict[int, dict[int, Computed]]:
    """Every applicable (office, rule) result, with score points, in memory."""
    ctx.office_tiers = dict(offices)
    load_confirmations(ctx)
    for rule in rules:
        KINDS[rule.kind].prepare(rule, ctx)
    import time

    t0 = time.perf_counter()
    ctx.store.run()
    ctx.timings = {"queries": time.perf_counter() - t0}
    by_tier: dict[str, list[int]] = defaultdict(list)
    for oid, tier in offices:
        by_tier[tier].append(oid)
    results: dict[int, dict[int, Computed]] = {oid: {} for oid, _tier in offices}
    for rule in rules:
        applicable = [oid for tier in rule.tiers for oid in by_tier.get(tier, ())]
        rid = rule.pk
        for oid, (status, code, params, severity, nxt) in KINDS[rule.kind].evaluate(rule, ctx, applicable):
            results[oid][rid] = Computed(status, code, params, severity, nxt)
        if progress:
            progress(1)
    weights = {r.pk: r.weight for r in rules}
    for per_rule in results.values():
        total = sum(weights[rid] for rid, c in per_rule.items() if c.status != "not_applicable")
        if not total:
            continue
        factor = 100.0 / total
        for rid, c in per_rule.items():
            if c.severity:
                c.points_lost = round(factor * weights[rid] * min(1.0, c.severity), 2)
    return results


def score_of(per_rule: dict[int, Computed]) -> tuple[float, int]:
    lost = sum(c.points_lost for c in per_rule.values())
    failing = sum(1 for c in per_rule.values() if c.status in FAILING)
    return round(max(0.0, 100.0 - lost), 1), failing


def run(
    office_ids: Iterable[int] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
    lock: bool = False,
) -> EvaluationSummary:
    """Evaluate all active rules for the offices (all of them when ``office_ids`` is None)."""
    import time

    started = time.perf_counter()
    now = now or timezone.now()
    ids = None if office_ids is None else sorted({int(i) for i in office_ids})
    summary = EvaluationSummary()
    rules = active_rules()
    summary.rules = len(rules)
    # Outside a caller's transaction, a big run on PostgreSQL reads the content tables over
    # parallel connections (they all see the same committed data).
    parallel = (
        3 if (_is_postgres() and not connection.in_atomic_block and (ids is None or len(ids) > 5000)) else 1
    )
    with transaction.atomic():
        office_qs = Office.objects.all() if ids is None else Office.objects.filter(pk__in=ids)
        if lock and ids is not None and connection.features.has_select_for_update:
            # Two re-evaluations of one office (two saves, two workers) must not interleave.
            office_qs = office_qs.select_for_update()
        offices = list(office_qs.values_list("pk", "tier").order_by("pk"))
        summary.offices = len(offices)
        if ids is not None and not offices:
            return summary
        ctx = Context(now=now, office_ids=ids)
        ctx.store.parallel = parallel
        t0 = time.perf_counter()
        results = compute(rules, ctx, offices, progress)
        summary.timings["compute"] = time.perf_counter() - t0
        summary.timings["compute_queries"] = ctx.timings["queries"]
        summary.queries = ctx.store.queries + ctx.extra_queries + 1
        _write(results, ids, offices, now, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _existing(ids: list[int] | None) -> dict[tuple[int, int], tuple]:
    """(office, rule) → (status, reason, params JSON text, points_lost, next_change_at),
    straight from the cursor (10^6 rows)."""
    sql = (
        "SELECT office_id, rule_id, status, reason, params, points_lost, next_change_at"
        f" FROM {CheckStatus._meta.db_table}"
    )
    params: list = []
    if ids is not None:
        sql += f" WHERE office_id IN ({', '.join(['%s'] * len(ids))})"
        params = list(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(r[0], r[1]): r[2:] for r in cursor.fetchall()}


def _count_rules(results, ids, inserts, flips, gone) -> None:
    """Keep ``RuleCount`` current: recount on a full run, apply the deltas otherwise."""
    from collections import Counter

    table = RuleCount._meta.db_table
    if ids is None:
        counts = Counter((rid, c.status) for per_rule in results.values() for rid, c in per_rule.items())
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
            cursor.executemany(
                f"INSERT INTO {table} (rule_id, status, offices) VALUES (%s, %s, %s)",
                [(rid, status, n) for (rid, status), n in counts.items()],
            )
        return
    delta: Counter = Counter()
    for row in inserts:
        delta[(row[1], row[2])] += 1
    for _oid, rid, old, new, *_rest in flips:
        delta[(rid, old)] -= 1
        delta[(rid, new)] += 1
    for rid, old in gone:
        delta[(rid, old)] -= 1
    rows = [(rid, status, n) for (rid, status), n in delta.items() if n]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (rule_id, status, offices) VALUES (%s, %s, %s)"
                f" ON CONFLICT (rule_id, status) DO UPDATE SET offices = {table}.offices + excluded.offices",
                rows,
            )


def _write(
    results: dict[int, dict[int, Computed]],
    ids: list[int] | None,
    offices: list[tuple[int, str]],
    now: dt.datetime,
    summary: EvaluationSummary,
) -> None:
    import time

    t0 = time.perf_counter()
    existing = _existing(ids) if ids is None or len(ids) < 5000 else _existing(None)
    summary.timings["existing"] = time.perf_counter() - t0
    inserts, updates, flips = [], [], []
    # Timestamps as the database stores them (SQLite: naive UTC text, so that they compare
    # with what the ORM writes; PostgreSQL: unchanged), each distinct one converted once.
    adapt = connection.ops.adapt_datetimefield_value
    adapted: dict = {None: None}

    def db_dt(value):
        out = adapted.get(value, adapted)
        if out is adapted:
            out = adapted[value] = adapt(value)
        return out

    stamp = db_dt(now)
    # Many results share one params dict (kinds reuse a Result for "none", "ok"…): each is
    # serialised once; stored JSON texts are normalised once per distinct text.
    dumped: dict[int, str] = {}
    normal: dict[str, str] = {}

    def dump(params: dict) -> str:
        text = dumped.get(id(params))
        if text is None:
            text = dumped[id(params)] = _json(params)
        return text

    def normalise(stored) -> str:
        if not isinstance(stored, str):
            return _json(stored or {})
        text = normal.get(stored)
        if text is None:
            text = normal[stored] = _json(json.loads(stored))
        return text

    for oid, per_rule in results.items():
        for rid, c in per_rule.items():
            old = existing.pop((oid, rid), None)
            if old is None:
                inserts.append(
                    (
                        oid,
                        rid,
                        c.status,
                        c.code,
                        dump(c.params),
                        c.points_lost,
                        stamp,
                        db_dt(c.next_change_at),
                    )
                )
                continue
            old_status, old_code, old_params, old_points, old_next = old
            params = dump(c.params)
            if old_status != c.status:
                flips.append((oid, rid, old_status, c.status, c.code, params, stamp))
                updates.append(
                    (c.status, c.code, params, c.points_lost, stamp, db_dt(c.next_change_at), oid, rid)
                )
            elif (
                old_code != c.code
                or abs(old_points - c.points_lost) > 0.005
                or _as_utc(old_next) != c.next_change_at
                or normalise(old_params) != params
            ):
                # Same status, other facts (a count, a date): keep "since". Words are not
                # stored, so time passing alone ("94 days" → "95 days") writes nothing.
                updates.append(
                    (c.status, c.code, params, c.points_lost, None, db_dt(c.next_change_at), oid, rid)
                )
    if ids is not None:
        scope = set(ids)
        gone = [k for k in existing if k[0] in scope]
    else:
        gone = list(existing)
    summary.statuses = sum(len(v) for v in results.values())
    t0 = time.perf_counter()
    _insert(
        CheckStatus,
        ["office_id", "rule_id", "status", "reason", "params", "points_lost", "since", "next_change_at"],
        inserts,
        _status_lines,
    )
    _update_statuses(updates)
    _insert(Flip, ["office_id", "rule_id", "old_status", "new_status", "reason", "params", "created"], flips)
    if gone:
        by_office: dict[int, list[int]] = defaultdict(list)
        for oid, rid in gone:
            by_office[rid].append(oid)
        for rid, oids in by_office.items():
            for chunk in _chunks(oids, 5000):
                CheckStatus.objects.filter(rule_id=rid, office_id__in=chunk).delete()
    summary.inserted, summary.updated, summary.flips, summary.deleted = (
        len(inserts),
        len(updates),
        len(flips),
        len(gone),
    )
    _count_rules(results, ids, inserts, flips, [(rid, existing[(oid, rid)][0]) for oid, rid in gone])
    summary.timings["write_statuses"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    day = timezone.localdate(now)
    score_rows = []
    for oid, _tier in offices:
        per_rule = results.get(oid, {})
        score, failing = score_of(per_rule)
        summary.scores[oid] = score
        score_rows.append((oid, score, band_for(score), failing, stamp))
    _upsert_scores(score_rows, day)
    summary.timings["write_scores"] = time.perf_counter() - t0
