"""Load the Kushtia demo: a realistic district whose portals have something true to show.

What is loaded (data in ``demo/data/*.yaml``, people drawn from ``names.yaml``):

- the Deputy Commissioner's Office, Kushtia (kushtia.gov.bd): officers and staff, notices, a
  full citizen charter, services and the service box, RTI and GRS officers, APA/NIS/innovation
  documents with quarterly reports, focal points, projects and static pages;
- the six UNO offices, with officers, notices, services, a charter, RTI/GRS and APA/NIS;
- every union parishad of Kushtia Sadar and Kumarkhali (chairman, secretary, staff, the five
  union services, a notice or two, a charter, RTI/GRS);
- five district field offices (ICT, agriculture extension, livestock, civil surgeon, primary
  education).

Every date is relative to the day of loading, so the demo is as fresh (and exactly as stale)
whenever it is loaded. ``updated_at`` values are spread over past months and
``Office.content_updated_at`` is the newest of them, so freshness rules see real ages.

The demo is deliberately incomplete in the places listed in ``DEMO_GAPS``; tests read that
list, and the compliance engine should find exactly these gaps.

Loading is idempotent and atomic: the demo offices' content is wiped and written again in one
transaction. Files (portraits, PDFs) are written to Django's default storage under ``demo/``
with fixed names before the transaction; files no longer referenced are removed after commit.
Rows are written with ``bulk_create`` and the old ones deleted in plain SQL, so no per-row
signals fire; instead the load tells ``content.changes.offices_content_changed`` once about
every demo office, and after the commit one task re-evaluates and re-indexes them all.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from modeltranslation.translator import NotRegistered, translator

from batayon.bangla.digits import to_bangla_digits
from batayon.bangla.fiscal import FiscalYear, quarter_bounds, quarter_label_bn, quarter_of
from batayon.bangla.phone import normalise_phone
from batayon.bangla.text import nfc
from batayon.content.changes import offices_content_changed
from batayon.content.models import (
    CharterExpectation,
    CharterGrievanceStep,
    CitizenCharter,
    DesignatedOfficer,
    Document,
    FocalPoint,
    Notice,
    OfficeContent,
    Officer,
    Page,
    Project,
    PublishState,
    Service,
)
from batayon.content.sanitize import sanitize_html
from batayon.core.templatetags.bn import num
from batayon.offices.models import Area, Office, Tier

from .media import PdfPage, page_digest, portrait_jpeg, render_pdfs

DATA_DIR = Path(__file__).parent / "data"
MEDIA_PREFIX = "demo/"

DC_DOMAIN = "kushtia.gov.bd"
NO_ENGLISH_DOMAIN = "1nohatashharipurup.kushtia.gov.bd"
STALE_NOTICES_DOMAIN = "khoksa.kushtia.gov.bd"
NO_CHARTER_DOMAIN = "bheramara.kushtia.gov.bd"
MISSING_NIS_REPORT_DOMAIN = "dls.kushtia.gov.bd"
DEAD_LINK = "http://old-service.kushtia.gov.bd/"


@dataclass(frozen=True)
class Gap:
    """A deliberate hole in the demo, which compliance should report and nothing else."""

    key: str
    domain: str
    description: str


DEMO_GAPS: tuple[Gap, ...] = (
    Gap("no_english", NO_ENGLISH_DOMAIN,
        "Hatash Haripur union parishad has no English at all: every _en field of its content "
        "(and its office address) is empty."),
    Gap("stale_notices", STALE_NOTICES_DOMAIN,
        "The UNO office of Khoksa has not published a notice for about four months: its newest "
        "notice is 118 to 121 days old."),
    Gap("officer_without_photo", DC_DOMAIN,
        "One DC-office officer, the Assistant Commissioner (Record Room), joined 12 days ago and "
        "has no photo."),
    Gap("officer_without_mobile", DC_DOMAIN,
        "One DC-office officer, the Revenue Deputy Collector (RDC), has no official mobile number."),
    Gap("dead_service_link", DC_DOMAIN,
        f"The service-box link of the hotel and restaurant licence service points at {DEAD_LINK}, "
        "a host that does not resolve (found by `batayon checklinks`)."),
    Gap("no_charter", NO_CHARTER_DOMAIN,
        "The UNO office of Bheramara has services but no citizen charter (no vision/mission, GRS "
        "table or expectations), so its standard menu also has an empty page."),
    Gap("no_union_page", NO_ENGLISH_DOMAIN,
        "Hatash Haripur union parishad never wrote its \"about the union parishad\" page: that menu "
        "item is empty there (the standard-menu rule names it); every other filled union has it."),
    Gap("missing_nis_report", MISSING_NIS_REPORT_DOMAIN,
        "The District Livestock Office has not uploaded the NIS quarterly progress report of the "
        "last finished quarter."),
)

# Everything else is complete as of the day of loading: every demo office has a fresh notice
# board, officers and staff confirmed within the limits, a service box, RTI and GRS officers,
# a project and a recent report; the DC, UNO and field offices have APA/NIS documents for both
# fiscal years with every finished quarter's report, an innovation plan and focal points.
# Not gaps: staff carry no email unless their office gives them one (the DC's ICT section
# does), and union parishads have no landline.

QUARTER_EN = {1: "Q1 (July–September)", 2: "Q2 (October–December)", 3: "Q3 (January–March)",
              4: "Q4 (April–June)"}

# Demo mobile numbers: a real operator prefix, then a run of zeros that marks them as demo.
_MOBILE_PREFIXES = ("01711", "01712", "01713", "01715", "01716", "01718", "01730", "01740", "01750",
                    "01760", "01790", "01811", "01819", "01911", "01912", "01915", "01321", "01401",
                    "01550", "01611", "01612")

_M = TypeVar("_M", bound=models.Model)

# Models in the order rows are written (parents first); wiped in reverse.
WRITE_ORDER: tuple[type[OfficeContent], ...] = (
    Officer, Notice, CitizenCharter, CharterGrievanceStep, CharterExpectation, Service,
    DesignatedOfficer, Document, Project, FocalPoint, Page,
)


@functools.cache
def load_yaml(name: str) -> Any:
    """A data file, NFC-normalised. Cached: callers must not modify what they get."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return _nfc_tree(yaml.load(fh, Loader=loader))


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_tree(v) for k, v in value.items()}
    return value


def pair(value: Any) -> tuple[str, str]:
    """``"বাংলা | English"`` or ``{bn:, en:}`` → (bn, en); a bare string has no English."""
    if value is None:
        return "", ""
    if isinstance(value, dict):
        return str(value.get("bn", "")).strip(), str(value.get("en", "")).strip()
    text = str(value)
    if " | " in text:
        bn, en = text.split(" | ", 1)
        return bn.strip(), en.strip()
    return text.strip(), ""


def tr(field: str, value: Any) -> dict[str, str]:
    """Constructor kwargs for a translated field (the base column holds the Bangla)."""
    bn, en = pair(value)
    return {field: bn, f"{field}_bn": bn, f"{field}_en": en}


def render(value: Any, ctx: dict[str, Any]) -> Any:
    """Fill ``{placeholders}`` in every string of a template tree."""
    if isinstance(value, str):
        return value.format_map(ctx) if "{" in value else value
    if isinstance(value, list):
        return [render(v, ctx) for v in value]
    if isinstance(value, dict):
        return {k: render(v, ctx) for k, v in value.items()}
    return value


class NamePool:
    """Hands out invented names without repeating one until the pool runs dry."""

    WEIGHTS: ClassVar[dict[str, tuple[tuple[str, int], ...]]] = {
        "any": (("male", 60), ("female", 28), ("hindu_male", 8), ("hindu_female", 4)),
        "male": (("male", 88), ("hindu_male", 12)),
        "female": (("female", 85), ("hindu_female", 15)),
    }

    def __init__(self, spec: dict[str, list[str]], exclude: set[str]):
        self.rng = random.Random("batayon-demo-names")
        self.lists = {k: [pair(v) for v in spec[k]] for k in ("male", "female", "hindu_male", "hindu_female")}
        self.queues = {}
        for key, items in self.lists.items():
            items = [i for i in items if i[0] not in exclude]
            self.rng.shuffle(items)
            self.queues[key] = deque(items)
        given = [pair(v) for v in spec["chairman_given"]]
        family = [pair(v) for v in spec["chairman_family"]]
        combos = [(f"মোঃ {g[0]} {f[0]}", f"Md. {g[1]} {f[1]}") for g in given for f in family]
        self.rng.shuffle(combos)
        self.chairmen = deque(nfc_pair(c) for c in combos)

    def draw(self, pool: str) -> tuple[str, str]:
        if pool == "chairman":
            return self.chairmen.popleft()
        choices, weights = zip(*self.WEIGHTS[pool], strict=True)
        key = self.rng.choices(choices, weights)[0]
        queue = self.queues[key]
        if not queue:
            if key in ("male", "hindu_male"):
                # Out of curated men's names: use the local "given + family" form instead.
                return self.chairmen.pop()
            items = list(self.lists[key])
            self.rng.shuffle(items)
            queue.extend(items)
        return queue.popleft()


def nfc_pair(p: tuple[str, str]) -> tuple[str, str]:
    return nfc(p[0]), nfc(p[1])


def _days(value: Any, rng: random.Random, default: tuple[int, int]) -> int:
    if value is None:
        value = list(default)
    if isinstance(value, (list, tuple)):
        return rng.randint(int(value[0]), int(value[1]))
    return int(value)


class Builder:
    """Turns the data files into unsaved model instances and the files they point at."""

    def __init__(self, today: dt.date):
        self.today = today
        self.now = timezone.now()
        self.fy = FiscalYear.of(today)
        cur_fy, cur_q = quarter_of(today)
        prev = self.fy.previous()
        self.finished_quarters = [(prev, q) for q in (1, 2, 3, 4)] + [(cur_fy, q) for q in range(1, cur_q)]
        self.rows: dict[type[models.Model], list[Any]] = defaultdict(list)
        self.officers: dict[tuple[str, str], Officer] = {}
        self.office_values: dict[int, dict[str, Any]] = {}
        self.offices: dict[str, Office] = {}
        self.photos: dict[str, tuple[str, str]] = {}  # storage name → (English name, key)
        self.pdf_pages: dict[tuple[str, str, int, str], PdfPage] = {}
        self.doc_files: list[tuple[str, tuple[str, str, int, str]]] = []  # storage name → PDF key
        self.mobile_serial = 10200
        dc_spec = load_yaml("dc_kushtia.yaml")
        exclude = {pair(o["name"])[0] for o in dc_spec["officers"]}
        self.dc_spec = dc_spec
        self.names = NamePool(load_yaml("names.yaml"), exclude)

    # -- small helpers ---------------------------------------------------------------------

    def at(self, days_ago: int, rng: random.Random) -> dt.datetime:
        """A moment during office hours ``days_ago`` days before today (never in the future)."""
        day = self.today - dt.timedelta(days=max(days_ago, 0))
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)) + dt.timedelta(
            minutes=rng.randint(0, 390)))
        return min(moment, self.now - dt.timedelta(minutes=1))

    def ago(self, date: dt.date) -> int:
        return (self.today - date).days

    def next_mobile(self, rng: random.Random) -> str:
        self.mobile_serial += rng.randint(1, 37)
        return f"{rng.choice(_MOBILE_PREFIXES)}0{self.mobile_serial:05d}"

    def add(self, obj: _M) -> _M:
        self.rows[type(obj)].append(obj)
        return obj

    def officer_ref(self, domain: str, ref: str | None) -> Officer | None:
        if not ref:
            return None
        if ":" in ref:
            other, key = ref.rsplit(":", 1)
            return self.officers[(other, key)]
        return self.officers[(domain, ref)]

    # -- one office ------------------------------------------------------------------------

    def office_content(self, office: Office, spec: dict[str, Any], rng: random.Random, *,
                       english: bool = True) -> None:
        """Everything one office publishes, from a (rendered) spec."""
        domain = office.domain
        self.offices[domain] = office
        start = {model: len(rows) for model, rows in self.rows.items()}
        info = spec.get("office", {})
        address_bn, address_en = pair(info.get("address"))
        self.office_values[office.pk] = {
            "address_bn": address_bn,
            "address_en": address_en if english else "",
            "phone": normalise_phone(info["phone"]) if info.get("phone") else "",
            "email": info.get("email", ""),
            "notice_emails": "\n".join(info.get("notice_emails", [])),
        }
        self._officers(office, spec.get("officers", []), rng, info)
        self._notices(office, spec.get("notices", []), rng)
        if spec.get("charter"):
            self._charter(office, spec["charter"], rng)
        self._services(office, spec.get("services", []), rng)
        for scheme in ("rti", "grs"):
            self._designations(office, scheme, spec.get(scheme) or {}, rng)
        for order, item in enumerate(spec.get("focal_points", []), start=1):
            self.add(FocalPoint(
                office=office, officer=self.officer_ref(domain, item["officer"]), sort_order=order * 10,
                updated_at=self.at(_days(item.get("updated"), rng, (20, 120)), rng), **tr("subject", item["subject"]),
            ))
        for item in spec.get("projects", []):
            self._project(office, item, rng)
        for item in spec.get("pages", []):
            self.add(Page(office=office, slug=item["slug"],
                          updated_at=self.at(_days(item.get("updated"), rng, (90, 300)), rng),
                          **tr("title", item["title"]), **tr("body", item["body"])))
        if spec.get("documents"):
            self._documents(office, spec["documents"], rng)
        if not english:
            for model, rows in self.rows.items():
                for obj in rows[start.get(model, 0):]:
                    blank_english(obj)

    def _officers(self, office: Office, specs: list[dict[str, Any]], rng: random.Random,
                  info: dict[str, Any]) -> None:
        for order, item in enumerate(specs, start=1):
            if "name" in item:
                name = pair(item["name"])
            else:
                name = self.names.draw(item.get("pool", "any"))
            joined = _days(item.get("joined"), rng, (100, 1500))
            # Unless the data says otherwise the head of office was confirmed recently: an
            # officers list nobody has looked at for months is a gap, and gaps are deliberate.
            fresh = (5, 60) if order == 1 else (20, 150)
            updated = min(_days(item.get("updated"), rng, fresh), joined)
            if "mobile" in item:
                mobile = normalise_phone(item["mobile"]) if item["mobile"] else ""
            else:
                mobile = normalise_phone(self.next_mobile(rng))
            phone = item.get("phone") or (info.get("phone") if item.get("office_phone") else "")
            officer = Officer(
                office=office, kind=item.get("kind", Officer.Kind.OFFICER), sort_order=order * 10,
                mobile=mobile, phone=normalise_phone(phone) if phone else "",
                email=item.get("email") or self._default_email(office, item, info),
                joined_on=self.today - dt.timedelta(days=joined),
                updated_at=self.at(updated, rng),
                name=name[0], name_bn=name[0], name_en=name[1],
                **tr("designation", item["designation"]), **tr("section_name", item.get("section")),
            )
            if item.get("photo", True):
                path = f"{MEDIA_PREFIX}{office.domain}/officers/{item['key']}.jpg"
                officer.photo.name = path
                self.photos[path] = (name[1] or name[0], f"{office.domain}:{item['key']}")
            self.officers[(office.domain, item["key"])] = self.add(officer)

    def _default_email(self, office: Office, item: dict[str, Any], info: dict[str, Any]) -> str:
        """Officers get an official address; staff only when their office gives them one."""
        if item.get("kind", "officer") != "officer":
            return ""
        head = info.get("email", "")
        domain = head.split("@", 1)[1] if "@" in head else "mopa.gov.bd"
        return f"{item['key'].replace('_', '')}.kushtia@{domain}"

    def _notices(self, office: Office, specs: list[dict[str, Any]], rng: random.Random) -> None:
        for item in specs:
            days = int(item["days_ago"])
            published = self.today - dt.timedelta(days=days)
            memo = item.get("memo", "")
            if memo:
                memo = f"{memo}.{to_bangla_digits(f'{published.year % 100:02d}')}-{to_bangla_digits(rng.randint(101, 999))}"
            archive = item.get("archive_days_ago")
            self.add(Notice(
                office=office, memo_number=memo, publish_date=published,
                archive_date=self.today - dt.timedelta(days=int(archive)) if archive is not None else None,
                state=item.get("state", PublishState.PUBLISHED), updated_at=self.at(days, rng),
                **tr("title", item["title"]), **tr("body", item.get("body")),
            ))

    def _charter(self, office: Office, spec: dict[str, Any], rng: random.Random) -> None:
        updated = _days(spec.get("updated"), rng, (60, 200))
        approved = max(_days(spec.get("approved"), rng, (120, 400)), updated)
        stamp = self.at(updated, rng)
        self.add(CitizenCharter(
            office=office, approved_on=self.today - dt.timedelta(days=approved), updated_at=stamp,
            **tr("vision", spec["vision"]), **tr("mission", spec["mission"]),
        ))
        for step, item in enumerate(spec.get("grievance", []), start=1):
            self.add(CharterGrievanceStep(
                office=office, step=step, contact_officer=self.officer_ref(office.domain, item.get("officer")),
                updated_at=stamp, **tr("when", item["when"]), **tr("contact", item.get("contact")),
                **tr("time_limit", item["time"]),
            ))
        for step, item in enumerate(spec.get("expectations", []), start=1):
            self.add(CharterExpectation(office=office, step=step, updated_at=stamp, **tr("text", item)))

    def _services(self, office: Office, specs: list[dict[str, Any]], rng: random.Random) -> None:
        for order, item in enumerate(specs, start=1):
            eservice = item.get("eservice") or {}
            target = eservice.get("target")
            self.add(Service(
                office=office, audience=item.get("audience", Service.Audience.CITIZEN), sort_order=order * 10,
                responsible_officer=self.officer_ref(office.domain, item.get("officer")),
                link=item.get("link", ""), in_service_box=bool(item.get("box")),
                delivery_mode=item.get("mode", Service.DeliveryMode.MANUAL),
                eservice_status=eservice.get("status", Service.EServiceStatus.NOT_PLANNED),
                eservice_priority=eservice.get("priority"),
                eservice_target_date=self.today + dt.timedelta(days=int(target)) if target else None,
                updated_at=self.at(_days(item.get("updated"), rng, (20, 150)), rng),
                **tr("name", item["name"]), **tr("delivery_method", item.get("method")),
                **tr("required_documents", item.get("documents")), **tr("fee", item.get("fee")),
                **tr("time_limit", item.get("time")),
            ))

    def _designations(self, office: Office, scheme: str, spec: dict[str, Any], rng: random.Random) -> None:
        for role in ("primary", "alternative", "appeal"):
            item = spec.get(role)
            if not item:
                continue
            fields: dict[str, Any] = {}
            if item.get("officer"):
                fields["officer"] = self.officer_ref(office.domain, item["officer"])
            else:
                fields.update(tr("external_name", item["external"]))
                fields.update(tr("external_designation", item.get("external_designation")))
                fields["external_phone"] = normalise_phone(item["phone"]) if item.get("phone") else ""
                fields["external_email"] = item.get("email", "")
            self.add(DesignatedOfficer(
                office=office, scheme=scheme, role=role,
                updated_at=self.at(_days(item.get("updated"), rng, (20, 150)), rng), **fields,
            ))

    def _project(self, office: Office, item: dict[str, Any], rng: random.Random) -> None:
        self.add(Project(
            office=office, status=item.get("status", Project.Status.ONGOING),
            budget_taka=Decimal(_days(item["budget"], rng, (0, 0))) if item.get("budget") else None,
            start_date=self.today - dt.timedelta(days=_days(item["start"], rng, (0, 0))) if "start" in item else None,
            end_date=self.today - dt.timedelta(days=_days(item["end"], rng, (0, 0))) if "end" in item else None,
            updated_at=self.at(_days(item.get("updated"), rng, (20, 120)), rng),
            **tr("title", item["title"]), **tr("description", item.get("description")),
            **tr("progress", item.get("progress")),
        ))

    # -- documents -------------------------------------------------------------------------

    def _documents(self, office: Office, spec: dict[str, Any], rng: random.Random) -> None:
        prev, cur = self.fy.previous(), self.fy
        last = self.finished_quarters[-1]
        if spec.get("apa"):
            party_bn, party_en = pair(spec["apa"]["party"])
            for fy in (prev, cur):
                self._document(office, "apa", fy, None, dt.date(fy.start_year, 6, 20 + rng.randint(0, 8)), (
                    f"বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ) {fy.label_bn}", f"Annual Performance Agreement (APA) {fy}"),
                    (f"{office.name_bn} এবং {party_bn} এর মধ্যে স্বাক্ষরিত চুক্তি।",
                     f"Agreement between {office.name_en} and {party_en}."), rng)
        if spec.get("apa_reports"):
            for fy, q in self.finished_quarters:
                self._report(office, "apa_report", fy, q, ("এপিএ ত্রৈমাসিক অগ্রগতি প্রতিবেদন", "APA quarterly progress report"), rng)
            evaluated = dt.date(prev.end.year, 8, 10 + rng.randint(0, 10))
            if evaluated < self.today:
                self._document(office, "apa_report", prev, None, evaluated, (
                    f"এপিএ বার্ষিক মূল্যায়ন প্রতিবেদন {prev.label_bn}", f"APA annual evaluation report {prev}"),
                    ("", ""), rng)
        if spec.get("nis"):
            for fy in (prev, cur):
                self._document(office, "nis_plan", fy, None, dt.date(fy.start_year, 6, 15 + rng.randint(0, 10)), (
                    f"জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা {fy.label_bn}", f"National Integrity Strategy action plan {fy}"),
                    ("", ""), rng)
        reports = spec.get("nis_reports")
        if reports:
            quarters = [last] if reports == "last" else list(self.finished_quarters)
            if spec.get("skip_last_nis_report"):
                quarters = [fq for fq in quarters if fq != last]
            for fy, q in quarters:
                self._report(office, "nis_report", fy, q,
                             ("শুদ্ধাচার কৌশল কর্মপরিকল্পনার ত্রৈমাসিক অগ্রগতি প্রতিবেদন", "NIS action plan quarterly progress report"), rng)
        for item in spec.get("innovation", []):
            bn, en = pair(item["title"])
            issued = self.today - dt.timedelta(days=rng.randint(15, 90))
            fy = FiscalYear.of(issued)
            self._document(office, "innovation", fy, None, issued,
                           (f"{bn} {fy.label_bn}", f"{en} {fy}" if en else ""), ("", ""), rng)
        for item in spec.get("extra", []):
            if "issued" in item:
                issued = item["issued"] if isinstance(item["issued"], dt.date) else dt.date.fromisoformat(item["issued"])
            else:
                issued = self.today - dt.timedelta(days=_days(item["days_ago"], rng, (0, 0)))
            self._document(office, item["category"], FiscalYear.of(issued), None, issued, pair(item["title"]),
                           pair(item.get("description")), rng)

    def _report(self, office: Office, category: str, fy: FiscalYear, q: int, title: tuple[str, str],
                rng: random.Random) -> None:
        _, quarter_end = quarter_bounds(fy, q)
        issued = min(quarter_end + dt.timedelta(days=rng.randint(7, 14)), self.today - dt.timedelta(days=1))
        self._document(office, category, fy, q, issued, (
            f"{title[0]} {fy.label_bn}, {quarter_label_bn(q)}", f"{title[1]} {fy}, {QUARTER_EN[q]}"), ("", ""), rng)

    def _document(self, office: Office, category: str, fy: FiscalYear | None, quarter: int | None,
                  issued: dt.date, title: tuple[str, str], description: tuple[str, str],
                  rng: random.Random) -> None:
        number = sum(1 for d in self.rows[Document] if d.office is office and d.category == category) + 1
        if category in ("apa", "apa_report", "nis_plan", "nis_report"):
            slug = f"{category}-{fy}" + (f"-q{quarter}" if quarter else "")
        else:
            slug = f"{category}-{number}"
        path = f"{MEDIA_PREFIX}{office.domain}/documents/{slug}.pdf"
        doc = Document(
            office=office, category=category, fiscal_year=str(fy) if fy else "", quarter=quarter,
            issued_on=issued, updated_at=self.at(self.ago(issued), rng),
            title=title[0], title_bn=title[0], title_en=title[1],
            description=description[0], description_bn=description[0], description_en=description[1],
        )
        doc.file.name = path
        self.add(doc)
        # One PDF per distinct title, copied to each document that carries it: laying out a
        # page costs WeasyPrint ~40 ms, and 120 near-identical pages would dominate the load.
        key = (category, str(fy or ""), quarter or 0, title[0])
        if key not in self.pdf_pages:
            # No date on the page: documents of several offices share it.
            meta = [f"অর্থবছর {fy.label_bn}"] if fy else []
            if quarter:
                meta.append(quarter_label_bn(quarter))
            self.pdf_pages[key] = PdfPage(
                office_bn="কুষ্টিয়া জেলা", title_bn=title[0], title_en=title[1], meta_bn=" · ".join(meta),
                rows=_pdf_rows(category, random.Random(str(key))),
            )
        self.doc_files.append((path, key))

    # -- the district ----------------------------------------------------------------------

    def build(self) -> None:
        kushtia = Area.objects.get(level=Area.Level.DISTRICT, domain=DC_DOMAIN)
        local = {
            o.domain: o
            for o in Office.objects.filter(district=kushtia, tier__in=[Tier.UPAZILA, Tier.UNION])
            .select_related("area", "upazila")
        }
        unions = sorted((o for o in local.values() if o.tier == Tier.UNION), key=lambda o: o.domain)
        upazila_spec = load_yaml("upazila.yaml")
        counts = {
            "upazila_count": len(upazila_spec["upazilas"]),
            "union_count": len(unions),
        }
        ctx = {**counts, **{f"{k}_bn": to_bangla_digits(v) for k, v in counts.items()}}

        dc = _office(DC_DOMAIN)
        self.office_content(dc, render(self.dc_spec, ctx), random.Random(DC_DOMAIN))

        uno_by_upazila: dict[int | None, Office] = {}
        for domain, extra in upazila_spec["upazilas"].items():
            uno = local.get(domain) or _office(domain)
            uno_by_upazila[uno.upazila_id] = uno
            rng = random.Random(domain)
            post_bn, post_en = pair(extra["post"])
            blurb_bn, blurb_en = pair(extra["blurb"])
            upazila = uno.upazila
            assert upazila is not None  # an upazila office sits in its upazila
            octx = {
                "upazila_bn": upazila.name_bn, "upazila_en": upazila.name_en, "slug": extra["slug"],
                "code": extra["code"], "post_bn": post_bn, "post_en": post_en, "blurb_bn": blurb_bn,
                "blurb_en": blurb_en,
                "union_count": sum(1 for u in unions if u.upazila_id == uno.upazila_id),
            }
            octx["union_count_bn"] = to_bangla_digits(octx["union_count"])
            spec = render({k: v for k, v in upazila_spec.items() if k != "upazilas"}, octx)
            spec["office"]["phone"] = extra["phone"]
            # Notices go to the DC office and, where they have portals here, the upazila's unions.
            filled = uno.domain in load_yaml("union.yaml")["upazilas"]
            spec["office"]["notice_emails"] = [spec["office"]["email"], self.dc_spec["office"]["email"]] + [
                f"secretary@{u.domain}" for u in unions if filled and u.upazila_id == uno.upazila_id
            ]
            offset = int(extra.get("notice_offset", 0))
            for notice in spec["notices"]:
                notice["days_ago"] = int(notice["days_ago"]) + offset + rng.randint(0, 3)
            if extra.get("charter") is False:
                spec.pop("charter")
            self.office_content(uno, spec, rng)

        union_spec = load_yaml("union.yaml")
        templates = union_spec["notices"]
        wanted = {local[d].upazila_id for d in union_spec["upazilas"]}
        for index, union in enumerate(u for u in unions if u.upazila_id in wanted):
            uno = uno_by_upazila[union.upazila_id]
            rng = random.Random(union.domain)
            uctx = {
                "union_bn": union.area.name_bn, "union_en": union.area.name_en, "domain": union.domain,
                "upazila_bn": union.upazila.name_bn, "upazila_en": union.upazila.name_en, "uno": uno.domain,
            }
            skip = ("notices", "upazilas", "no_english", "no_pages")
            spec = render({k: v for k, v in union_spec.items() if k not in skip}, uctx)
            if union.domain in union_spec.get("no_pages", []):
                spec.pop("pages", None)
            spec["office"]["notice_emails"] = [spec["office"]["email"], self.office_values[uno.pk]["email"]]
            chosen = [templates[(index + i) % len(templates)] for i in range(1 + index % 2)]
            # The first notice is recent (the notice board must move monthly); a second is older.
            spec["notices"] = [
                {**render(t, uctx), "days_ago": rng.randint(2, 21) if i == 0 else _days(t["days_ago"], rng, (5, 40))}
                for i, t in enumerate(chosen)
            ]
            self.office_content(union, spec, rng, english=union.domain not in union_spec["no_english"])

        field_spec = load_yaml("field_offices.yaml")
        common = field_spec["common"]
        for domain, item in field_spec["offices"].items():
            office = _office(domain)
            rng = random.Random(domain)
            officers = [o for o in item["officers"] if o.get("kind", "officer") == "officer"]
            appeal_bn, appeal_en = pair(item["appeal"])
            fctx = {"domain": domain, "anik": officers[1]["key"], "appeal_bn": appeal_bn, "appeal_en": appeal_en}
            spec = {
                "office": {"address": item["address"], "phone": item["phone"], "email": item["email"],
                           "notice_emails": [item["email"], self.dc_spec["office"]["email"]]},
                "officers": [{**o, "office_phone": o.get("office_phone", False)} for o in item["officers"]],
                "notices": item["notices"],
                "charter": {"vision": _as_pair(item["vision"]),
                            "mission": _as_pair(item["mission"]),
                            "grievance": render(common["grievance"], fctx), "expectations": common["expectations"]},
                "services": item["services"],
                "rti": {"primary": {"officer": officers[2]["key"] if len(officers) > 2 else officers[1]["key"]},
                        "alternative": {"officer": officers[1]["key"]},
                        "appeal": {"external": item["appeal"]}},
                "grs": {"primary": {"officer": officers[1]["key"]},
                        "alternative": {"officer": officers[2]["key"] if len(officers) > 2 else officers[0]["key"]},
                        "appeal": {"external": item["appeal"]}},
                "focal_points": [
                    {"subject": "তথ্য অধিকার | Right to information",
                     "officer": officers[2]["key"] if len(officers) > 2 else officers[1]["key"]},
                    {"subject": "জাতীয় শুদ্ধাচার কৌশল | National integrity strategy", "officer": officers[1]["key"]},
                ],
                "projects": [{**item["project"], "start": [200, 700], "end": [-500, -90], "updated": [10, 90]}],
                "documents": {
                    "apa": {"party": item["appeal"]}, "apa_reports": True, "nis": True, "nis_reports": True,
                    "skip_last_nis_report": item.get("skip_last_nis_report", False),
                    "innovation": [{"title": "উদ্ভাবনী কর্মপরিকল্পনা | Innovation action plan"}],
                    "extra": [{"category": "progress", "title": "মাসিক অগ্রগতি প্রতিবেদন | Monthly progress report",
                               "days_ago": [8, 40]}],
                },
            }
            self.office_content(office, _nfc_tree(spec), rng)

    # -- files -----------------------------------------------------------------------------

    def render_files(self) -> tuple[dict[str, bytes], set[str]]:
        """The files to write, and the names of cached PDFs that are still in use.

        PDFs are cached in storage by a digest of their content, so a reload (the same day, or
        the same quarter) does not start WeasyPrint at all.
        """
        files = {path: portrait_jpeg(name_en, key) for path, (name_en, key) in self.photos.items()}
        cache_names = {key: f"{MEDIA_PREFIX}pdf-cache/{page_digest(page)}.pdf" for key, page in self.pdf_pages.items()}
        pdfs: dict[Any, bytes] = {}
        missing = []
        for key, name in cache_names.items():
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as fh:
                    pdfs[key] = fh.read()
            else:
                missing.append(key)
        for key, data in zip(missing, render_pdfs([self.pdf_pages[k] for k in missing]), strict=True):
            pdfs[key] = files[cache_names[key]] = data
        for path, key in self.doc_files:
            files[path] = pdfs[key]
        return files, set(cache_names.values())

    # -- writing ---------------------------------------------------------------------------

    def save(self) -> None:
        for model in WRITE_ORDER:
            rows = self.rows.get(model, [])
            for obj in rows:
                finalise(obj)
            model.objects.bulk_create(rows, batch_size=500)
        office_ids = [o.pk for o in self.offices.values()]
        for model in WRITE_ORDER:
            # auto_now_add stamped "now"; a record is as old as its last update (or older).
            model.objects.filter(office_id__in=office_ids).update(created_at=models.F("updated_at"))
        newest: dict[int, dt.datetime] = {}
        for model in WRITE_ORDER:
            for row in (model.objects.published().filter(office_id__in=office_ids)
                        .values("office_id").annotate(m=Max("updated_at"))):
                if row["m"] and (row["office_id"] not in newest or row["m"] > newest[row["office_id"]]):
                    newest[row["office_id"]] = row["m"]
        offices = list(Office.objects.filter(pk__in=office_ids))
        for office in offices:
            values = self.office_values[office.pk]
            office.address_bn = nfc(values["address_bn"])
            office.address_en = nfc(values["address_en"])
            office.phone = values["phone"]
            office.email = values["email"]
            office.notice_emails = values["notice_emails"]
            office.content_updated_at = newest.get(office.pk)
        Office.objects.bulk_update(
            offices, ["address_bn", "address_en", "phone", "email", "notice_emails", "content_updated_at"],
        )


def _as_pair(value: Any) -> dict[str, str]:
    bn, en = pair(value)
    return {"bn": bn, "en": en}


def _office(domain: str) -> Office:
    try:
        return Office.objects.get(domain=domain)
    except Office.DoesNotExist:
        raise RuntimeError(f"ডেমোর দপ্তর {domain} দপ্তর তালিকায় নেই; আগে loadgeo চালান।") from None


_PDF_ROWS = {
    "apa": [("দাপ্তরিক সেবা নির্ধারিত সময়ে প্রদান", "লক্ষ্যমাত্রা ৯৫%"),
            ("ওয়েবপোর্টাল হাল-নাগাদকরণ", "প্রতি মাসে অন্তত একবার"),
            ("অভিযোগ প্রতিকার ব্যবস্থায় প্রাপ্ত অভিযোগ নিষ্পত্তি", "লক্ষ্যমাত্রা ১০০%"),
            ("ই-নথিতে নথি নিষ্পত্তি", "লক্ষ্যমাত্রা ৮০%")],
    "nis_plan": [("নৈতিকতা কমিটির সভা আয়োজন", "প্রতি প্রান্তিকে ১টি"),
                 ("সুশাসন প্রতিষ্ঠায় অংশীজনের অংশগ্রহণে সভা", "প্রতি প্রান্তিকে ১টি"),
                 ("শুদ্ধাচার বিষয়ক প্রশিক্ষণ আয়োজন", "বছরে ২টি"),
                 ("সেবা প্রদান প্রতিশ্রুতি হাল-নাগাদকরণ", "প্রতি প্রান্তিকে")],
    "innovation": [("উদ্ভাবনী ধারণা আহ্বান ও যাচাই", "বছরে ১ বার"),
                   ("একটি সেবা সহজিকরণ", "ডিসেম্বরের মধ্যে"),
                   ("একটি ডিজিটাল সেবা চালু", "জুনের মধ্যে")],
    "training": [("প্রশিক্ষণার্থী", "৪০ জন"), ("মেয়াদ", "২ দিন"), ("স্থান", "আইসিটি ল্যাব")],
}


def _pdf_rows(category: str, rng: random.Random) -> list[tuple[str, str]]:
    if category in ("apa_report", "nis_report"):
        base = _PDF_ROWS["apa" if category == "apa_report" else "nis_plan"]
        return [(task, f"অর্জন {to_bangla_digits(rng.randint(70, 100))}%") for task, _ in base]
    return list(_PDF_ROWS.get(category, []))


def blank_english(obj: models.Model) -> None:
    """Empty every English column of a translated model instance."""
    try:
        options = translator.get_options_for_model(type(obj))
    except NotRegistered:  # not a translated model
        return
    for name in options.local_fields:  # the registered fields (no inherited ones here)
        setattr(obj, f"{name}_en", "")


def finalise(obj: models.Model) -> None:
    """What ``save()`` would do to a row, plus NFC on every string (bulk_create skips save)."""
    for name in getattr(obj, "html_fields", ()):
        for lang in ("bn", "en"):
            attr = f"{name}_{lang}"
            setattr(obj, attr, sanitize_html(getattr(obj, attr) or ""))
    for f in obj._meta.concrete_fields:
        if isinstance(f, (models.CharField, models.TextField)):
            value = obj.__dict__.get(f.attname)
            if isinstance(value, str):
                obj.__dict__[f.attname] = nfc(value)


def demo_offices() -> models.QuerySet[Office]:
    """The offices the demo writes: the DC office, the UNO offices, the unions of Kushtia Sadar
    and Kumarkhali, and the field offices with content."""
    upazila = load_yaml("upazila.yaml")
    union = load_yaml("union.yaml")
    field = load_yaml("field_offices.yaml")
    union_upazilas = Office.objects.filter(domain__in=union["upazilas"]).values("upazila_id")
    return Office.objects.filter(
        Q(domain__in=[DC_DOMAIN, *upazila["upazilas"], *field["offices"]])
        | Q(tier=Tier.UNION, upazila_id__in=union_upazilas)
    )


def wipe(office_ids: list[int]) -> None:
    """Delete the demo offices' content in plain SQL.

    ``QuerySet.delete()`` would send a post_delete signal per row, each telling
    ``content.changes`` about a state the load is about to replace; the load tells it once. References from other offices' rows to
    demo officers are cleared first, as the ORM's SET_NULL/CASCADE would have done.
    """
    demo_officers = Officer.objects.filter(office_id__in=office_ids).values("pk")
    others = ~Q(office_id__in=office_ids)
    Officer.objects.filter(others, successor__in=demo_officers).update(successor=None)
    Service.objects.filter(others, responsible_officer__in=demo_officers).update(responsible_officer=None)
    CharterGrievanceStep.objects.filter(others, contact_officer__in=demo_officers).update(contact_officer=None)
    DesignatedOfficer.objects.filter(others, officer__in=demo_officers).update(officer=None)
    FocalPoint.objects.filter(others, officer__in=demo_officers).delete()
    if not office_ids:
        return
    placeholders = ", ".join(["%s"] * len(office_ids))
    with connection.cursor() as cursor:
        for model in reversed(WRITE_ORDER):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE office_id IN ({placeholders})", office_ids)


def store_files(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # another process raced us; keep the rows pointing at real files
            raise RuntimeError(f"demo file stored as {saved}, expected {name}")


def remove_stale_files(keep: set[str]) -> None:
    """Remove files under ``demo/`` that no row points at any more (e.g. last quarter's names)."""

    def walk(prefix: str) -> list[str]:
        try:
            dirs, names = default_storage.listdir(prefix)
        except FileNotFoundError:
            return []
        found = [f"{prefix}{n}" for n in names]
        for d in dirs:
            found += walk(f"{prefix}{d}/")
        return found

    for name in walk(MEDIA_PREFIX):
        if name not in keep:
            default_storage.delete(name)


def demo_counts(office_ids: list[int]) -> dict[str, int]:
    """What the demo holds, by kind (a Bangla msgid each, worded by ``loaddemo``)."""

    def count(model: type[OfficeContent], **filters: Any) -> int:
        return model.objects.filter(office_id__in=office_ids, **filters).count()

    return {
        gettext_noop("দপ্তর (ডেমো তথ্যসহ)"): len(office_ids),
        gettext_noop("কর্মকর্তা/কর্মচারী"): count(Officer),
        gettext_noop("নোটিশ"): count(Notice),
        gettext_noop("সিটিজেন চার্টার"): count(CitizenCharter),
        gettext_noop("সেবা"): count(Service),
        gettext_noop("সেবা বক্সের লিংক"): count(Service, in_service_box=True),
        gettext_noop("তথ্য অধিকার ও জিআরএস দায়িত্ব"): count(DesignatedOfficer),
        gettext_noop("দলিল (এপিএ, শুদ্ধাচার, উদ্ভাবন…)"): count(Document),
        gettext_noop("প্রকল্প"): count(Project),
        gettext_noop("ফোকাল পয়েন্ট"): count(FocalPoint),
        gettext_noop("পাতা"): count(Page),
        gettext_noop("ছবি"): count(Officer, photo__gt=""),
    }


def load_demo_content(stdout: Any = None, today: dt.date | None = None) -> dict[str, int]:
    """Load (or reload) the Kushtia demo; returns counts by kind. Idempotent and atomic."""
    started = time.monotonic()
    today = today or timezone.localdate()
    with translation.override("bn"):
        builder = Builder(today)
        builder.build()
        files, cached = builder.render_files()
        office_ids = list(demo_offices().values_list("pk", flat=True))
        missing = {o.pk for o in builder.offices.values()} - set(office_ids)
        if missing:
            raise RuntimeError(f"demo offices outside demo_offices(): {sorted(missing)}")
        # Files first, under fixed names: a failed transaction leaves the old rows pointing at
        # files that still exist.
        store_files(files)
        with transaction.atomic():
            wipe(office_ids)
            builder.save()
            transaction.on_commit(lambda: remove_stale_files(set(files) | cached))
            offices_content_changed(office_ids)
        counts = demo_counts(office_ids)
    if stdout is not None:
        seconds = time.monotonic() - started
        stdout.write(gettext("কুষ্টিয়া ডেমো: %(offices)sটি দপ্তরের তথ্য, %(files)sটি ফাইল, %(seconds)s সেকেন্ডে")
                     % {"offices": num(len(builder.offices)), "files": num(len(files)), "seconds": num(f"{seconds:.1f}")})
    return counts
