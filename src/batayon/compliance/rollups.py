"""Roll-ups over both hierarchies (R-3.3, R-5.2): every figure is one GROUP BY query.

A scope is a queryset of offices (a subtree of the geography or of the organisation,
intersected with what the user supervises). Scores live in ``OfficeScore`` (one row per
office), so a district or the nation is an aggregate over an indexed join; trends read the
per-unit daily rows in ``RollupSnapshot``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Avg, Count, Q, QuerySet

from batayon.content.models import PublishState, Service
from batayon.offices.models import Area, Office

from .models import FAILING, CheckStatus, OfficeScore, RollupSnapshot, Rule, RuleCount, ScoreSnapshot

# league name → (Office column to group by, where the names come from)
LEAGUES = {
    "division": ("division_id", "area"),
    "district": ("district_id", "area"),
    "upazila": ("upazila_id", "area"),
    "ministry": ("ministry_id", "office"),
    "agency": ("agency_id", "office"),
    # Offices themselves (an upazila's union parishads): one row per office, its own score.
    "union": ("id", "office"),
}


@dataclass
class Summary:
    offices: int
    evaluated: int
    avg_score: float | None
    good: int
    fair: int
    poor: int


def summarise(offices: QuerySet[Office]) -> Summary:
    """Offices, average score and the count per band of a scope (one query)."""
    row = offices.aggregate(
        n=Count("pk"),
        evaluated=Count("score"),
        avg=Avg("score__score"),
        good=Count("pk", filter=Q(score__band="good")),
        fair=Count("pk", filter=Q(score__band="fair")),
        poor=Count("pk", filter=Q(score__band="poor")),
    )
    avg = round(row["avg"], 1) if row["avg"] is not None else None
    return Summary(row["n"], row["evaluated"], avg, row["good"], row["fair"], row["poor"])


@dataclass
class LeagueRow:
    key: int
    name_bn: str
    name_en: str
    offices: int
    avg_score: float
    rank: int = 0


def league(offices: QuerySet[Office], by: str, limit: int | None = None) -> list[LeagueRow]:
    """Units ranked by the average score of their offices (one GROUP BY, one query for names)."""
    column, names_from = LEAGUES[by]
    rows = list(
        offices.exclude(**{f"{column}__isnull": True})
        .filter(score__isnull=False)
        .values(column)
        .annotate(n=Count("pk"), avg=Avg("score__score"))
        .order_by("-avg", column)
    )
    if limit:
        rows = rows[:limit]
    ids = [r[column] for r in rows]
    model = Area if names_from == "area" else Office
    names = {
        pk: (bn, en)
        for pk, bn, en in model.objects.filter(pk__in=ids).values_list("pk", "name_bn", "name_en")
    }
    out = []
    for rank, r in enumerate(rows, start=1):
        bn, en = names.get(r[column], ("", ""))
        out.append(LeagueRow(r[column], bn or en, en or bn, r["n"], round(r["avg"], 1), rank))
    return out


def rule_breakdown(offices: QuerySet[Office], national: bool = False) -> list[dict]:
    """Per rule: how many offices of the scope are in each status (one GROUP BY).

    For the whole country the counts kept by the engine (``RuleCount``) are read instead of
    grouping a million status rows.
    """
    counts: dict[int, dict[str, int]] = {}
    if national:
        rows = RuleCount.objects.filter(offices__gt=0).values_list("rule_id", "status", "offices")
    else:
        qs = CheckStatus.objects.filter(office__in=offices.values("pk")).values("rule_id", "status")
        rows = qs.annotate(n=Count("pk")).order_by().values_list("rule_id", "status", "n")
    for rule_id, status, n in rows:
        counts.setdefault(rule_id, {})[status] = n
    rules = Rule.objects.filter(active=True, pk__in=list(counts)).order_by("sort_order")
    out = []
    for rule in rules:
        c = counts.get(rule.pk, {})
        applicable = sum(v for k, v in c.items() if k != "not_applicable")
        out.append(
            {
                "rule": rule,
                "counts": c,
                "applicable": applicable,
                "failing": sum(v for k, v in c.items() if k in FAILING),
                "ok_share": round(100 * c.get("ok", 0) / applicable) if applicable else None,
            }
        )
    return out


def rollup(offices: QuerySet[Office], child: str | None) -> dict:
    """What a supervisor's page shows for a scope: summary and the league of its units."""
    return {
        "summary": summarise(offices),
        "league": league(offices, child) if child else [],
    }


def eservices(offices: QuerySet[Office], by: str) -> list[dict]:
    """R-5.2: services analysed, e-services planned and live, per ministry / agency / district."""
    column, names_from = LEAGUES[by]
    qs = Service.objects.filter(state=PublishState.PUBLISHED, office__in=offices.values("pk"))
    key = f"office__{column}"
    rows = list(
        qs.exclude(**{f"{key}__isnull": True})
        .values(key)
        .annotate(
            services=Count("pk"),
            planned=Count("pk", filter=~Q(eservice_status=Service.EServiceStatus.NOT_PLANNED)),
            live=Count("pk", filter=Q(eservice_status=Service.EServiceStatus.LIVE)),
            online=Count("pk", filter=Q(delivery_mode=Service.DeliveryMode.ESERVICE)),
        )
        .order_by("-services")
    )
    model = Area if names_from == "area" else Office
    names = dict(model.objects.filter(pk__in=[r[key] for r in rows]).values_list("pk", "name_bn"))
    return [
        {
            "key": r[key],
            "name": names.get(r[key], ""),
            "services": r["services"],
            "planned": r["planned"],
            "live": r["live"],
            "online": r["online"],
        }
        for r in rows
    ]


def trend(
    level: str, key: int = 0, days: int = 90, today: dt.date | None = None
) -> list[tuple[dt.date, float]]:
    """A unit's average score per day (from the per-unit snapshot rows)."""
    qs = RollupSnapshot.objects.filter(level=level, key=key)
    if today:
        qs = qs.filter(day__gt=today - dt.timedelta(days=days))
    rows = list(qs.order_by("-day").values_list("day", "avg_score")[:days])
    return sorted(rows)


def office_trend(office: Office, days: int = 90) -> list[tuple[dt.date, float]]:
    return sorted(
        ScoreSnapshot.objects.filter(office=office).order_by("-day").values_list("day", "score")[:days]
    )


_UNIT_SQL = {
    "national": ("0", None),
    "division": ("o.division_id", "o.division_id IS NOT NULL"),
    "district": ("o.district_id", "o.district_id IS NOT NULL"),
    "upazila": ("o.upazila_id", "o.upazila_id IS NOT NULL"),
    "ministry": ("o.ministry_id", "o.ministry_id IS NOT NULL"),
    "agency": ("o.agency_id", "o.agency_id IS NOT NULL"),
}


def write_rollup_snapshots(day: dt.date) -> int:
    """Replace the day's per-unit rows: one INSERT … SELECT … GROUP BY per level."""
    table = RollupSnapshot._meta.db_table
    scores = OfficeScore._meta.db_table
    offices = Office._meta.db_table
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE day = %s", [day])
        for level, (key, where) in _UNIT_SQL.items():
            group = f" GROUP BY {key}" if key != "0" else ""
            cond = f" WHERE {where}" if where else ""
            cursor.execute(
                f"INSERT INTO {table} (day, level, key, offices, avg_score)"
                f" SELECT %s, %s, {key}, COUNT(*), AVG(s.score) FROM {scores} s"
                f" JOIN {offices} o ON o.id = s.office_id{cond}{group}",
                [day, level],
            )
            written += cursor.rowcount
    return written


def write_snapshots(day: dt.date) -> tuple[int, int]:
    """Office rows for the day from the current scores, then the per-unit rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ScoreSnapshot._meta.db_table} (office_id, day, score)"
            f" SELECT office_id, %s, score FROM {OfficeScore._meta.db_table} WHERE true"
            " ON CONFLICT (office_id, day) DO UPDATE SET score = excluded.score",
            [day],
        )
        offices = cursor.rowcount
    return offices, write_rollup_snapshots(day)
