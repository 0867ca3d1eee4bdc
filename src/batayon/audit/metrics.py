"""The auditor's observations as the compliance engine's metrics.

For an office hosted elsewhere with an audit, the metric store's rows come from the latest
audit's observations instead of the content tables: per source the count (``n``), the last
change (``last:…``), rows without a field (``blank:…``/``blankany:…``) and rows in one
language only (``untr:…``). The same rule kinds then give the same statuses. Rules whose
metrics the auditor cannot see from outside are "not applicable" for such offices.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from .crawl import OBSERVED_SOURCES

if TYPE_CHECKING:
    from batayon.compliance.sources import MetricStore

# Fields whose blanks the auditor counts, per source (officer lists: mobile, e-mail, photo).
OBSERVED_FIELDS: dict[str, set[str]] = {
    "officers": {"mobile", "email", "photo"},
    "staff": {"mobile", "email", "photo"},
}
# Sources that add up observed ones (the whole RTI section, every document…).
AGGREGATE_SOURCES = {"rti", "grs", "apa_all", "nis_all", "documents"}
# Kinds the auditor's observations can answer (fiscal-year and quarterly rules need the
# period of each document, which a portal's list does not reliably say).
OBSERVABLE_KINDS = {"count", "fields", "freshness", "confirmed", "bilingual", "links", "menu"}


def observed_offices(office_ids: list[int] | None) -> dict[int, list[dict]]:
    """Offices hosted elsewhere that have an audit → their latest observations (one query)."""
    from .models import Observation

    qs = Observation.objects.filter(run__is_latest=True, office__is_hosted=False)
    if office_ids is not None:
        if not office_ids:
            return {}
        qs = qs.filter(office_id__in=office_ids)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in qs.values("office_id", "source", "n", "last_change", "blanks", "untranslated"):
        out[row["office_id"]].append(dict(row))
    # An audit that reached nothing still counts (everything missing), so include offices
    # whose latest run has no observations.
    from .models import AuditRun

    runs = AuditRun.objects.filter(is_latest=True, office__is_hosted=False, observations__isnull=True)
    if office_ids is not None:
        runs = runs.filter(office_id__in=office_ids)
    for oid in runs.values_list("office_id", flat=True):
        out.setdefault(oid, [])
    return dict(out)


def _value(metric: str, obs: dict):
    kind, _, arg = metric.partition(":")
    if kind == "n":
        return obs["n"]
    if kind == "last":
        return obs["last_change"]
    blanks = obs["blanks"] or {}
    if kind == "blank":
        return blanks.get(arg.removesuffix("_bn").removesuffix("_en"), 0)
    if kind == "blankany":
        names = [a.removesuffix("_bn").removesuffix("_en") for a in arg.split(",") if a]
        return max((blanks.get(n, 0) for n in names), default=0)
    if kind == "untr":
        return obs["untranslated"]
    return 0


def overlay(store: MetricStore) -> None:
    """Replace the rows of offices hosted elsewhere by their observations (after ``store.run``)."""
    from batayon.compliance.sources import FAMILIES, SOURCES

    observed = observed_offices(store.office_ids)
    store.observed = set(observed)
    if not observed:
        return
    for family_key, per_office in store.rows.items():
        family = FAMILIES[family_key]
        metrics = sorted(store.wanted.get(family_key, {"n"}))
        for oid, observations in observed.items():
            rows = []
            for obs in observations:
                source = SOURCES.get(obs["source"])
                if source is None or source.family != family_key:
                    continue
                key = source.groups[0] if source.groups else tuple("" for _ in family.group)
                detail = tuple(None for _ in family.detail)
                rows.append((key, detail, {m: _value(m, obs) for m in metrics}))
            per_office[oid] = rows
    store.combined.clear()


def observable(rule) -> bool:
    """Can the auditor's observations answer this rule for an office hosted elsewhere?"""
    if rule.kind not in OBSERVABLE_KINDS:
        return False
    params = rule.params or {}
    source = params.get("source")
    if source is not None and source not in OBSERVED_SOURCES | AGGREGATE_SOURCES:
        return False
    if rule.kind == "fields":
        return set(params.get("fields", [])) <= OBSERVED_FIELDS.get(str(source), set())
    return True


def link_stats(ctx) -> dict[int, dict[str, int]]:
    """Per office: its service-box links (n) and how many the shared link checker found broken,
    blocked, or has not checked yet — hosted offices from their services, offices hosted
    elsewhere from the links the auditor saw in their service box. Two queries (three with
    audited offices), for all offices at once."""
    from django.db.models import Count, OuterRef, Q, Subquery

    from batayon.compliance.sources import FAMILIES, fetch
    from batayon.content.models import Service

    from .models import Link, Observation

    status = Link.objects.filter(url=OuterRef("link")).values("status")[:1]
    base = FAMILIES["service_box"].base(ctx.today)

    def build(qs):
        return (
            qs.filter(base)
            .annotate(link_status=Subquery(status))
            .values("office_id")
            .annotate(
                n=Count("pk"),
                broken=Count("pk", filter=Q(link_status=Link.Status.BROKEN)),
                blocked=Count("pk", filter=Q(link_status=Link.Status.BLOCKED)),
                unchecked=Count("pk", filter=Q(link_status__isnull=True) | Q(link_status="")),
            )
            .order_by()
        )

    names, raw = fetch(("audit-links", ctx.today), build, Service, ctx.office_ids)
    stats = {r[0]: dict(zip(names[1:], r[1:], strict=True)) for r in raw}
    observed: set[int] = getattr(ctx.store, "observed", set())
    if observed:
        boxes = {
            oid: [e["url"] for e in evidence if e.get("url")]
            for oid, evidence in Observation.objects.filter(
                run__is_latest=True, source="service_box", office_id__in=observed
            ).values_list("office_id", "evidence")
        }
        urls = {u for us in boxes.values() for u in us}
        known = dict(Link.objects.filter(url__in=urls).values_list("url", "status")) if urls else {}
        for oid in observed:
            us = boxes.get(oid, [])
            st = [known.get(u, "") for u in us]
            stats[oid] = {
                "n": len(us),
                "broken": st.count(Link.Status.BROKEN),
                "blocked": st.count(Link.Status.BLOCKED),
                "unchecked": st.count(""),
            }
    return stats
