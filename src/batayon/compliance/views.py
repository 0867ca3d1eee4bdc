"""Supervision pages (server-rendered, no JavaScript) and the public transparency page.

Every view is decorated from ``accounts.permissions``. A supervisor sees the offices of a
subtree (an area of the geography or an organisational branch) intersected with what they
supervise; asking for a subtree they do not supervise is refused (403), not shown empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from batayon.accounts.models import Membership, Role
from batayon.accounts.permissions import (
    is_admin,
    office_permission_required,
    permission_required,
    public_view,
    supervised_offices,
)
from batayon.core.http import OfficeRequest
from batayon.offices.models import Area, Office, Tier

from . import rollups
from .charts import trend_chart
from .geo import DistrictMap
from .geo import district_map as district_map_data
from .models import CheckStatus, Rule, Status
from .services import checklist, confirm_current, confirmable_sections, office_score

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

GEO_TIERS = {Tier.DIVISION, Tier.DISTRICT, Tier.UPAZILA}
CHILD_LEAGUE: dict[int | None, str | None] = {
    None: "district",
    Area.Level.DIVISION: "district",
    Area.Level.DISTRICT: "upazila",
    Area.Level.UPAZILA: "union",
    Area.Level.UNION: None,
}
AREA_LEVEL_NAME: dict[int, str] = {
    Area.Level.DIVISION: "division",
    Area.Level.DISTRICT: "district",
    Area.Level.UPAZILA: "upazila",
}
SORTS = {
    "score": "score__score",
    "-score": "-score__score",
    "name": "name_bn",
    "updated": "content_updated_at",
    "-updated": "-content_updated_at",
}


def _lang(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", "bn")[:2]


@dataclass
class Scope:
    """Which offices a supervision page is about."""

    offices: QuerySet[Office]
    title_bn: StrOrPromise | None  # the area's or office's name (the nation's is a translated label)
    title_en: StrOrPromise | None
    area: Area | None = None
    org: Office | None = None
    child_league: str | None = None
    trend_level: str | None = None
    trend_key: int = 0
    query: str = ""
    national: bool = False  # the whole country, unfiltered (an administrator)

    def title(self, lang: str) -> str:
        return str(self.title_bn if lang == "bn" else self.title_en)


def _default_root(user) -> tuple[Area | None, Office | None]:
    if is_admin(user):
        return None, None
    for m in Membership.objects.filter(user=user, role=Role.SUPERVISOR).select_related(
        "office", "office__area"
    ):
        office = m.office
        if office.tier in GEO_TIERS and office.area_id:
            return office.area, None
        if office.tier in {Tier.MINISTRY, Tier.AGENCY}:
            return None, office
        return None, office
    raise PermissionDenied


def resolve_scope(request: HttpRequest) -> Scope:
    """The subtree asked for (``?area=``, ``?org=``) or the user's own, within what they supervise."""
    user = request.user
    area = org = None
    try:
        if request.GET.get("area"):
            area = get_object_or_404(Area, pk=int(request.GET["area"]))
        elif request.GET.get("org"):
            org = get_object_or_404(Office, pk=int(request.GET["org"]))
        else:
            area, org = _default_root(user)
    except ValueError as exc:
        raise Http404 from exc
    if area is not None:
        subtree = Office.objects.filter(geo_path__startswith=area.path)
        scope = Scope(
            subtree,
            area.name_bn,
            area.name_en,
            area=area,
            child_league=CHILD_LEAGUE.get(area.level),
            trend_level=AREA_LEVEL_NAME.get(area.level),
            trend_key=area.pk,
            query=f"area={area.pk}",
        )
    elif org is not None:
        if org.tier in {Tier.MINISTRY, Tier.AGENCY}:
            subtree = Office.objects.filter(org_path__startswith=org.org_path)
            child = "agency" if org.tier == Tier.MINISTRY else "district"
            level = "ministry" if org.tier == Tier.MINISTRY else "agency"
            scope = Scope(
                subtree,
                org.name_bn,
                org.name_en,
                org=org,
                child_league=child,
                trend_level=level,
                trend_key=org.pk,
                query=f"org={org.pk}",
            )
        else:
            subtree = Office.objects.filter(pk=org.pk)
            scope = Scope(subtree, org.name_bn, org.name_en, org=org, query=f"org={org.pk}")
    else:
        if not is_admin(user):
            raise PermissionDenied
        scope = Scope(
            Office.objects.all(),
            gettext_lazy("সমগ্র বাংলাদেশ"),
            gettext_lazy("সমগ্র বাংলাদেশ"),
            child_league="division",
            trend_level="national",
            national=True,
        )
    if not is_admin(user):
        scope.offices = scope.offices.filter(pk__in=supervised_offices(user).values("pk"))
        if not scope.offices.exists():
            raise PermissionDenied
    return scope


def _league_offices(scope: Scope, by: str | None) -> QuerySet[Office]:
    """The offices a league ranks: the union league ranks the union parishads themselves."""
    return scope.offices.filter(tier=Tier.UNION) if by == "union" else scope.offices


def _show_map(scope: Scope) -> bool:
    """The national district map helps above a district only; an upazila gets its union league."""
    return scope.area is None or scope.area.level == Area.Level.DIVISION


def _common(request: HttpRequest, scope: Scope, **extra) -> dict:
    lang = _lang(request)
    return {"lang": lang, "scope": scope, "scope_title": scope.title(lang), "now": timezone.now(), **extra}


def _district_map(scope: Scope) -> DistrictMap:
    rows = {r.key: r.avg_score for r in rollups.league(scope.offices, "district")}
    districts = [
        {"id": a.pk, "name_en": a.name_en, "name_bn": a.name_bn, "score": rows.get(a.pk)}
        for a in Area.objects.filter(level=Area.Level.DISTRICT)
    ]
    return district_map_data(districts, link=reverse("compliance:dashboard") + "?area={id}")


@require_safe
@permission_required("view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    """A subtree at a glance: summary, trend, league of its units, rules, the offices table."""
    scope = resolve_scope(request)
    offices = scope.offices.select_related("score")
    rule_code, status, tier = (
        request.GET.get("rule", ""),
        request.GET.get("status", ""),
        request.GET.get("tier", ""),
    )
    if rule_code and status:
        offices = offices.filter(
            pk__in=CheckStatus.objects.filter(rule__code=rule_code, status=status).values("office_id")
        )
    elif rule_code:
        offices = offices.filter(
            pk__in=CheckStatus.objects.filter(rule__code=rule_code).failing().values("office_id")
        )
    elif status:
        offices = offices.filter(pk__in=CheckStatus.objects.filter(status=status).values("office_id"))
    if tier in Tier.values:
        offices = offices.filter(tier=tier)
    sort = request.GET.get("sort", "score")
    offices = offices.order_by(SORTS.get(sort, "score__score"), "pk")
    page = Paginator(offices, 50).get_page(request.GET.get("page"))
    summary = rollups.summarise(scope.offices)
    league = rollups.league(_league_offices(scope, scope.child_league), scope.child_league) if scope.child_league else []
    points = rollups.trend(scope.trend_level, scope.trend_key, days=90) if scope.trend_level else []
    show_map = _show_map(scope)
    base_query = scope.query
    context = _common(
        request,
        scope,
        summary=summary,
        league=league[:15],
        league_size=len(league),
        page=page,
        trend=trend_chart(points),
        breakdown=rollups.rule_breakdown(scope.offices, national=scope.national),
        rules=Rule.objects.filter(active=True),
        statuses=Status.choices,
        tiers=Tier.choices,
        filters={"rule": rule_code, "status": status, "tier": tier, "sort": sort},
        base_query=base_query,
        district_map=_district_map(scope) if show_map else None,
        league_link="org" if scope.child_league in ("ministry", "agency", "union") else "area",
        active="dashboard",
    )
    return render(request, "compliance/dashboard.html", context)


@require_safe
@permission_required("view_dashboard")
def leagues(request: HttpRequest) -> HttpResponse:
    """League tables: districts, upazilas, ministries, agencies ranked by average score."""
    scope = resolve_scope(request)
    kinds = ["division", "district", "upazila", "ministry", "agency"]
    if scope.area is not None and scope.area.level == Area.Level.UPAZILA:
        kinds.insert(0, "union")
    tables = [(by, rollups.league(_league_offices(scope, by), by)) for by in kinds]
    return render(
        request,
        "compliance/leagues.html",
        _common(request, scope, tables=[t for t in tables if t[1]], active="leagues"),
    )


@require_safe
@permission_required("view_dashboard")
def district_map(request: HttpRequest) -> HttpResponse:
    scope = resolve_scope(request)
    extra: dict[str, object]
    if _show_map(scope):
        extra = {"district_map": _district_map(scope)}
    else:  # a district or an upazila: its own units ranked, not the country's 64 districts
        by = scope.child_league or "union"
        extra = {"league": rollups.league(_league_offices(scope, by), by), "league_link": "org" if by == "union" else "area"}
    return render(request, "compliance/map.html", _common(request, scope, active="map", **extra))


@require_safe
@permission_required("view_dashboard")
def eservices(request: HttpRequest) -> HttpResponse:
    """R-5.2: services analysed, e-services planned and live, per ministry, agency and district."""
    scope = resolve_scope(request)
    tables = []
    for by in ("ministry", "agency", "district"):
        rows = rollups.eservices(scope.offices, by)
        totals = {k: sum(r[k] for r in rows) for k in ("services", "planned", "live", "online")}
        tables.append((by, rows, totals))
    return render(
        request, "compliance/eservices.html", _common(request, scope, tables=tables, active="eservices")
    )


@require_safe
@office_permission_required("view")
def office_checklist(request: OfficeRequest) -> HttpResponse:
    """An office's checklist for its editors (and its supervisors): what to fix first.

    "ঠিক করুন" links only where the viewer can edit that section (``permissions.can``); a
    supervisor sees instead who to ask: the head of office and the portal's editors.
    """
    from batayon.accounts.permissions import can
    from batayon.content.models import Officer

    office = request.office
    user = request.user
    items = checklist(office)
    editable = {i.section for i in items if can(user, "edit", office, section=i.section)}
    members = (
        Membership.objects.filter(office=office, role__in=[Role.HEAD, Role.EDITOR], user__is_active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
    back_area = office.upazila_id or office.district_id
    return render(
        request,
        "compliance/office.html",
        {
            "lang": _lang(request),
            "office": office,
            "items": items,
            "info": office_score(office),
            "trend": trend_chart(rollups.office_trend(office)),
            "can_confirm": request.user.is_authenticated and _can_confirm(request.user, office),
            "confirmable": confirmable_sections(),
            "editable": editable,
            "head": Officer.objects.filter(office=office).head(),
            "members": members,
            "back_area": back_area if can(user, "view_dashboard") else None,
            "back_workspace": can(user, "edit", office),
        },
    )


def _can_confirm(user, office: Office) -> bool:
    from batayon.accounts.permissions import can

    return can(user, "confirm", office)


@require_POST
@office_permission_required("confirm")
def confirm(request: OfficeRequest) -> HttpResponse:
    office = request.office
    section = request.POST.get("section", "")
    try:
        confirm_current(office, section, request.user, request)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("নিশ্চিতকরণ সংরক্ষিত হয়েছে"))
    return HttpResponseRedirect(reverse("compliance:office", args=[office.domain]))


@public_view
@require_safe
@cache_control(public=True, max_age=600)
def public_index(request: HttpRequest) -> HttpResponse:
    """The public transparency page's entry: every district with its average score."""
    lang = _lang(request)
    rows = rollups.league(Office.objects.all(), "district")
    codes = dict(Area.objects.filter(level=Area.Level.DISTRICT).values_list("pk", "code"))
    for r in rows:
        r.code = codes.get(r.key)  # type: ignore[attr-defined]  # for the map's template
    by_area = {r.key: r.avg_score for r in rows}
    districts = [
        {"id": a.pk, "name_en": a.name_en, "name_bn": a.name_bn, "score": by_area.get(a.pk)}
        for a in Area.objects.filter(level=Area.Level.DISTRICT)
    ]
    return render(
        request,
        "compliance/public_index.html",
        {
            "lang": lang,
            "rows": rows,
            "summary": rollups.summarise(Office.objects.all()),
            "district_map": district_map_data(districts, link=None),
        },
    )


@public_view
@require_safe
@cache_control(public=True, max_age=600)
def public_district(request: HttpRequest, code: str) -> HttpResponse:
    """Every office of a district with its score and when its portal last changed (public)."""
    district = get_object_or_404(Area, level=Area.Level.DISTRICT, code=code)
    offices = (
        Office.objects.filter(district=district)
        .select_related("score", "upazila")
        .order_by("-score__score", "name_bn")
    )
    tier = request.GET.get("tier", "")
    if tier in Tier.values:
        offices = offices.filter(tier=tier)
    return render(
        request,
        "compliance/public_district.html",
        {
            "lang": _lang(request),
            "district": district,
            "offices": offices,
            "summary": rollups.summarise(Office.objects.filter(district=district)),
            "tiers": Tier.choices,
            "tier": tier,
            "today": dt.date.today(),
        },
    )
