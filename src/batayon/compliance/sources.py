"""What the rules read: named slices of the content tables, and set-based metrics over them.

A *family* is one content table with the filter that makes a row count (published, a
current officer…) and the columns it is grouped by (officer kind, document category…). A
*source* is a slice of a family (``officers`` = the officer family's ``kind='officer'``
rows). Rules name sources and metrics (``n``, ``last:updated_at``, ``blank:mobile``…); the
engine gathers every metric asked of a family into ONE aggregate query grouped by office,
across all offices at once, and sources read their slices from the result.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, models
from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import npgettext_lazy, pgettext_lazy

from batayon.bangla.digits import to_bangla_digits
from batayon.content.models import (
    CharterExpectation,
    CharterGrievanceStep,
    CitizenCharter,
    DesignatedOfficer,
    Document,
    FocalPoint,
    Notice,
    Officer,
    Project,
    PublishState,
    Service,
)


def _published(today: dt.date) -> Q:
    return Q(state=PublishState.PUBLISHED)


def _current_officers(today: dt.date) -> Q:
    return Officer.current_q(today)


def _live_notices(today: dt.date) -> Q:
    return Notice.live_q(today)


def _service_box(today: dt.date) -> Q:
    return Q(state=PublishState.PUBLISHED, in_service_box=True) & ~Q(link="")


@dataclass(frozen=True)
class Family:
    key: str
    model: type[models.Model]
    base: Callable[[dt.date], Q]
    group: tuple[str, ...] = ()
    # Further grouping columns that sources do not select on but kinds may read
    # (a document's fiscal year and quarter, for the per-year and per-quarter rules).
    detail: tuple[str, ...] = ()


FAMILIES: dict[str, Family] = {
    f.key: f
    for f in [
        Family("officer", Officer, _current_officers, ("kind",)),
        Family("notice", Notice, _live_notices),
        Family("charter", CitizenCharter, _published),
        Family("grievance_step", CharterGrievanceStep, _published),
        Family("expectation", CharterExpectation, _published),
        Family("service", Service, _published, ("eservice_status",)),
        Family("service_box", Service, _service_box),
        Family("designated", DesignatedOfficer, _published, ("scheme", "role")),
        Family("document", Document, _published, ("category",), ("fiscal_year", "quarter")),
        Family("focal_point", FocalPoint, _published),
        Family("project", Project, _published),
    ]
}


@dataclass(frozen=True)
class Source:
    """A slice of a family, with the words a reason uses for its rows."""

    key: str
    family: str
    groups: tuple[tuple[str, ...], ...] | None  # None: every row of the family
    section: str
    # "নোটিশ" / "notice", "notices": a gettext label with English plural forms (reasons.py).
    noun: str
    counter_bn: str = "টি"  # "৩টি নোটিশ", "৩ জন কর্মকর্তা"
    possessive_bn: str = ""  # "৩ জন কর্মকর্তার মোবাইল নম্বর নেই"

    def count_bn(self, n: int) -> str:
        sep = " " if self.counter_bn.startswith("জন") else ""
        return f"{bn_number(n)}{sep}{self.counter_bn}"

    def noun_for(self, n: int) -> str:
        """The noun in the active language, in the form for ``n`` ("officer" / "officers")."""
        return self.noun % n


_PLANNED = (("planned",), ("in_progress",), ("live",))

SOURCES: dict[str, Source] = {
    s.key: s
    for s in [
        Source(
            "officers",
            "officer",
            (("officer",),),
            "officers",
            npgettext_lazy("reason", "কর্মকর্তা", "কর্মকর্তা"),
            "জন",
            "কর্মকর্তার",
        ),
        Source(
            "staff",
            "officer",
            (("staff",),),
            "staff",
            npgettext_lazy("reason", "কর্মচারী", "কর্মচারী"),
            "জন",
            "কর্মচারীর",
        ),
        Source(
            "notices", "notice", None, "notices", npgettext_lazy("reason", "নোটিশ", "নোটিশ"), "টি", "নোটিশের"
        ),
        Source(
            "charter",
            "charter",
            None,
            "charter",
            npgettext_lazy("reason", "সিটিজেন চার্টার", "সিটিজেন চার্টার"),
            "টি",
            "সিটিজেন চার্টারের",
        ),
        Source(
            "grievance_steps",
            "grievance_step",
            None,
            "charter",
            npgettext_lazy("reason", "অভিযোগ প্রতিকারের ধাপ", "অভিযোগ প্রতিকারের ধাপ"),
            "টি",
            "ধাপের",
        ),
        Source(
            "expectations",
            "expectation",
            None,
            "charter",
            npgettext_lazy("reason", "প্রত্যাশা", "প্রত্যাশা"),
            "টি",
            "প্রত্যাশার",
        ),
        Source("services", "service", None, "services", npgettext_lazy("reason", "সেবা", "সেবা"), "টি", "সেবার"),
        Source(
            "eservices_planned",
            "service",
            _PLANNED,
            "services",
            npgettext_lazy("reason", "পরিকল্পিত ই-সেবা", "পরিকল্পিত ই-সেবা"),
            "টি",
            "ই-সেবার",
        ),
        Source(
            "service_box",
            "service_box",
            None,
            "services",
            npgettext_lazy("reason", "সেবা বক্সের লিংক", "সেবা বক্সের লিংক"),
            "টি",
            "লিংকের",
        ),
        Source(
            "rti_primary",
            "designated",
            (("rti", "primary"),),
            "rti",
            npgettext_lazy("reason", "তথ্য প্রদানকারী কর্মকর্তা", "তথ্য প্রদানকারী কর্মকর্তা"),
            "জন",
            "কর্মকর্তার",
        ),
        Source(
            "rti_alternative",
            "designated",
            (("rti", "alternative"),),
            "rti",
            npgettext_lazy("reason", "বিকল্প তথ্য প্রদানকারী কর্মকর্তা", "বিকল্প তথ্য প্রদানকারী কর্মকর্তা"),
            "জন",
            "কর্মকর্তার",
        ),
        Source(
            "rti_appeal",
            "designated",
            (("rti", "appeal"),),
            "rti",
            npgettext_lazy("reason", "আপিল কর্তৃপক্ষ", "আপিল কর্তৃপক্ষ"),
            "জন",
            "কর্তৃপক্ষের",
        ),
        Source(
            "rti",
            "designated",
            (("rti", "primary"), ("rti", "alternative"), ("rti", "appeal")),
            "rti",
            npgettext_lazy("reason", "তথ্য অধিকার তথ্য", "তথ্য অধিকার তথ্য"),
            "টি",
            "তথ্যের",
        ),
        Source(
            "grs_primary",
            "designated",
            (("grs", "primary"),),
            "grs",
            npgettext_lazy("reason", "অনিক", "অনিক"),
            "জন",
            "অনিকের",
        ),
        Source(
            "grs_appeal",
            "designated",
            (("grs", "appeal"),),
            "grs",
            npgettext_lazy("reason", "আপিল কর্মকর্তা", "আপিল কর্মকর্তা"),
            "জন",
            "আপিল কর্মকর্তার",
        ),
        Source(
            "grs",
            "designated",
            (("grs", "primary"), ("grs", "alternative"), ("grs", "appeal")),
            "grs",
            npgettext_lazy("reason", "অভিযোগ প্রতিকার তথ্য", "অভিযোগ প্রতিকার তথ্য"),
            "টি",
            "তথ্যের",
        ),
        Source(
            "apa",
            "document",
            (("apa",),),
            "apa",
            npgettext_lazy("reason", "বার্ষিক কর্মসম্পাদন চুক্তি", "বার্ষিক কর্মসম্পাদন চুক্তি"),
            "টি",
            "চুক্তির",
        ),
        Source(
            "apa_reports",
            "document",
            (("apa_report",),),
            "apa",
            npgettext_lazy("reason", "এপিএ অগ্রগতি প্রতিবেদন", "এপিএ অগ্রগতি প্রতিবেদন"),
            "টি",
            "প্রতিবেদনের",
        ),
        Source(
            "apa_all",
            "document",
            (("apa",), ("apa_report",)),
            "apa",
            npgettext_lazy("reason", "এপিএ দলিল", "এপিএ দলিল"),
            "টি",
            "দলিলের",
        ),
        Source(
            "nis_plan",
            "document",
            (("nis_plan",),),
            "nis",
            npgettext_lazy("reason", "শুদ্ধাচার কর্মপরিকল্পনা", "শুদ্ধাচার কর্মপরিকল্পনা"),
            "টি",
            "কর্মপরিকল্পনার",
        ),
        Source(
            "nis_reports",
            "document",
            (("nis_report",),),
            "nis",
            npgettext_lazy("reason", "শুদ্ধাচার অগ্রগতি প্রতিবেদন", "শুদ্ধাচার অগ্রগতি প্রতিবেদন"),
            "টি",
            "প্রতিবেদনের",
        ),
        Source(
            "nis_all",
            "document",
            (("nis_plan",), ("nis_report",)),
            "nis",
            npgettext_lazy("reason", "শুদ্ধাচার দলিল", "শুদ্ধাচার দলিল"),
            "টি",
            "দলিলের",
        ),
        Source(
            "innovation",
            "document",
            (("innovation",),),
            "innovation",
            npgettext_lazy("reason", "উদ্ভাবন কার্যক্রম", "উদ্ভাবন কার্যক্রম"),
            "টি",
            "কার্যক্রমের",
        ),
        Source(
            "reports",
            "document",
            (("progress",), ("training",), ("development",)),
            "reports",
            npgettext_lazy("reason", "প্রতিবেদন", "প্রতিবেদন"),
            "টি",
            "প্রতিবেদনের",
        ),
        Source(
            "law_documents",
            "document",
            (("law",), ("circular",), ("other",)),
            "documents",
            npgettext_lazy("reason", "আইন/পরিপত্র", "আইন/পরিপত্র"),
            "টি",
            "দলিলের",
        ),
        Source(
            "documents",
            "document",
            None,
            "documents",
            npgettext_lazy("reason", "দলিল", "দলিল"),
            "টি",
            "দলিলের",
        ),
        Source(
            "focal_points",
            "focal_point",
            None,
            "focal-points",
            npgettext_lazy("reason", "ফোকাল পয়েন্ট কর্মকর্তা", "ফোকাল পয়েন্ট কর্মকর্তা"),
            "জন",
            "ফোকাল পয়েন্টের",
        ),
        Source(
            "projects",
            "project",
            None,
            "projects",
            npgettext_lazy("reason", "প্রকল্প", "প্রকল্প"),
            "টি",
            "প্রকল্পের",
        ),
    ]
}

# Which source stands for each portal section (the standard-menu rule: no empty pages).
SECTION_SOURCE: dict[str, str] = {
    "officers": "officers",
    "staff": "staff",
    "notices": "notices",
    "charter": "charter",
    "services": "services",
    "rti": "rti",
    "grs": "grs",
    "apa": "apa_all",
    "nis": "nis_all",
    "innovation": "innovation",
    "focal-points": "focal_points",
    "projects": "projects",
    "reports": "reports",
    "documents": "law_documents",
}

# Words for fields in reasons ("৩ জন কর্মকর্তার মোবাইল নম্বর নেই" / "3 officers have no mobile number").
FIELD_LABELS: dict[str, str] = {
    "mobile": pgettext_lazy("field", "মোবাইল নম্বর"),
    "email": pgettext_lazy("field", "ই-মেইল"),
    "photo": pgettext_lazy("field", "ছবি"),
    "phone": pgettext_lazy("field", "ফোন নম্বর"),
    "name": pgettext_lazy("field", "নাম"),
    "designation": pgettext_lazy("field", "পদবি"),
    "delivery_method": pgettext_lazy("field", "সেবা প্রদান পদ্ধতি"),
    "required_documents": pgettext_lazy("field", "প্রয়োজনীয় কাগজপত্র"),
    "fee": pgettext_lazy("field", "সেবার মূল্য"),
    "time_limit": pgettext_lazy("field", "সময়সীমা"),
    "responsible_officer": pgettext_lazy("field", "দায়িত্বপ্রাপ্ত কর্মকর্তা"),
    "vision": pgettext_lazy("field", "রূপকল্প"),
    "mission": pgettext_lazy("field", "অভিলক্ষ্য"),
    "title": pgettext_lazy("field", "শিরোনাম"),
    "body": pgettext_lazy("field", "বিস্তারিত"),
    "description": pgettext_lazy("field", "বিবরণ"),
    "progress": pgettext_lazy("field", "অগ্রগতি"),
    "subject": pgettext_lazy("field", "বিষয়"),
    "when": pgettext_lazy("field", "কখন যোগাযোগ"),
    "text": pgettext_lazy("field", "করণীয়"),
    "link": pgettext_lazy("field", "লিংক"),
}


def model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def is_translated(model: type[models.Model], name: str) -> bool:
    return model_field(model, f"{name}_bn") is not None and model_field(model, f"{name}_en") is not None


def _blank(model: type[models.Model], name: str) -> Q:
    f = model_field(model, name)
    if f is None:
        raise ValueError(f"{model.__name__} has no field {name!r}")
    if f.is_relation:
        return Q(**{f"{name}__isnull": True})
    if f.null:
        return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})
    return Q(**{name: ""})


def metric_expression(model: type[models.Model], metric: str):
    """``n`` | ``last:<date field>`` | ``blank:<field>`` | ``blankany:<f>,<f>`` | ``untr:<f>,<f>``."""
    kind, _, arg = metric.partition(":")
    if kind == "n":
        return Count("pk")
    if kind == "last":
        if model_field(model, arg) is None:
            raise ValueError(f"{model.__name__} has no field {arg!r}")
        return Max(arg)
    names = [a for a in arg.split(",") if a]
    if kind == "blank":
        return Count("pk", filter=_blank(model, names[0]))
    if kind == "blankany":
        cond = Q()
        for name in names:
            cond |= _blank(model, name)
        return Count("pk", filter=cond)
    if kind == "untr":
        # A row counts as untranslated when one language has text and the other has none
        # (both empty is a completeness problem, reported by the fields rules).
        cond = Q()
        for name in names:
            bn, en = _blank(model, f"{name}_bn"), _blank(model, f"{name}_en")
            cond |= (bn & ~en) | (en & ~bn)
        return Count("pk", filter=cond)
    raise ValueError(f"unknown metric {metric!r}")


Metrics = dict[str, object]
EMPTY: Metrics = {"n": 0}


@lru_cache(maxsize=8192)
def bn_number(n: int | str) -> str:
    return to_bangla_digits(n)


# Compiled SQL of the queries re-run for one office after every save: building a queryset
# through the ORM costs more than running it, so the SQL is compiled once per process (per
# day, for queries that depend on today's date) with a sentinel office id, then re-executed.
_SQL_CACHE: dict[tuple, tuple[str, tuple]] = {}
SENTINEL = -918273645


def fetch(
    key: tuple,
    build: Callable[[QuerySet], QuerySet] | Callable,
    model: type[models.Model],
    office_ids: list[int] | None,
) -> tuple[list[str], list[tuple]]:
    """Run ``build(model queryset scoped to the offices)``; returns (column names, rows)."""
    if office_ids is not None and len(office_ids) == 1:
        cache_key = (*key, connection.vendor)
        if cache_key not in _SQL_CACHE:
            if len(_SQL_CACHE) > 500:
                _SQL_CACHE.clear()
            qs = build(model.objects.filter(office_id=SENTINEL))
            _SQL_CACHE[cache_key] = qs.query.sql_with_params()
        sql, params = _SQL_CACHE[cache_key]
        params = tuple(office_ids[0] if p == SENTINEL else p for p in params)
    else:
        qs = model.objects.all()
        if office_ids is not None:
            qs = qs.filter(office_id__in=office_ids)
        sql, params = build(qs).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return names, cursor.fetchall()


@dataclass
class MetricStore:
    """Runs the family queries once and answers ``get(source, office_id)``."""

    today: dt.date
    office_ids: list[int] | None
    wanted: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    rows: dict[str, dict[int, list[tuple[tuple, tuple, dict]]]] = field(default_factory=dict)
    combined: dict[str, dict[int, Metrics]] = field(default_factory=dict)
    queries: int = 0
    # Run the family queries on parallel connections (a full run on PostgreSQL, outside any
    # caller's transaction, so every connection sees the same committed content).
    parallel: int = 1

    def want(self, source_key: str, metrics: Iterable[str]) -> None:
        self.wanted[SOURCES[source_key].family].update(metrics)
        self.wanted[SOURCES[source_key].family].add("n")

    def run(self) -> None:
        jobs = []
        for family_key, metrics in self.wanted.items():
            if family_key in self.rows:
                continue
            family = FAMILIES[family_key]
            ordered = sorted(metrics)
            aliases = {f"m{i}": m for i, m in enumerate(ordered)}
            columns = (*family.group, *family.detail)

            def build(qs, family=family, aliases=aliases, columns=columns):
                return (
                    qs.filter(family.base(self.today))
                    .values("office_id", *columns)
                    .annotate(**{alias: metric_expression(family.model, m) for alias, m in aliases.items()})
                    .order_by()
                )

            jobs.append(
                (
                    family_key,
                    family,
                    aliases,
                    columns,
                    ("family", family_key, tuple(ordered), self.today),
                    build,
                )
            )

        def execute(job):
            _fk, family, _aliases, _columns, key, build = job
            try:
                return fetch(key, build, family.model, self.office_ids)
            finally:
                if self.parallel > 1:
                    connection.close()  # this thread's own connection

        if self.parallel > 1 and len(jobs) > 1:
            from concurrent.futures import ThreadPoolExecutor

            # Biggest tables first, so the long queries start at once.
            jobs.sort(key=lambda j: j[0] not in ("notice", "officer", "document"))
            with ThreadPoolExecutor(max_workers=self.parallel) as pool:
                results = list(pool.map(execute, jobs))
        else:
            results = [fetch(j[4], j[5], j[1].model, self.office_ids) for j in jobs]
        for (family_key, family, aliases, columns, _key, _build), (names, rows) in zip(
            jobs, results, strict=True
        ):
            idx = {n: i for i, n in enumerate(names)}
            g_idx = [idx[c] for c in family.group]
            d_idx = [idx[c] for c in family.detail]
            m_idx = [(m, idx[a]) for a, m in aliases.items()]
            o_idx = idx["office_id"]
            per_office: dict[int, list[tuple[tuple, tuple, dict]]] = defaultdict(list)
            for row in rows:
                per_office[row[o_idx]].append(
                    (
                        tuple(row[i] for i in g_idx),
                        tuple(row[i] for i in d_idx),
                        {m: row[i] for m, i in m_idx},
                    )
                )
            self.rows[family_key] = per_office
            self.queries += 1

    def _combine(self, source_key: str) -> dict[int, Metrics]:
        """Every office's metrics for one source, combining its group slices (sum, or max)."""
        source = SOURCES[source_key]
        groups = set(source.groups) if source.groups is not None else None
        out: dict[int, Metrics] = {}
        for oid, rows in self.rows[source.family].items():
            m: dict[str, object] = {}
            for key, _detail, values in rows:
                if groups is not None and key not in groups:
                    continue
                for name, v in values.items():
                    if name.startswith("last:"):
                        if v is not None and (m.get(name) is None or v > m[name]):
                            m[name] = v
                    else:
                        m[name] = (m.get(name) or 0) + (v or 0)
            if m:
                m.setdefault("n", 0)
                out[oid] = m
        self.combined[source_key] = out
        return out

    def get(self, source_key: str, office_id: int) -> Metrics:
        combined = self.combined.get(source_key)
        if combined is None:
            combined = self._combine(source_key)
        return combined.get(office_id, EMPTY)

    def details(self, source_key: str, office_id: int) -> set[tuple]:
        """The detail values (e.g. (fiscal year, quarter)) of the office's rows in this source."""
        source = SOURCES[source_key]
        groups = set(source.groups) if source.groups is not None else None
        return {
            d for key, d, _v in self.rows[source.family].get(office_id, ()) if groups is None or key in groups
        }
