"""The public, multi-tenant portal: the national root and every office's portal.

An office's portal is reached on its own domain (``kushtia.gov.bd/bn/notices/``, the office
resolved by ``OfficeHostMiddleware``) or, locally, at ``/o/<domain>/bn/notices/``. Every view
reads published content only and tells the reader when it last changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from batayon.content.menus import menu_for_tier
from batayon.content.models import Notice, Officer, Page, Service
from batayon.core.http import OfficeRequest
from batayon.offices.models import Area, Office, Tier, office_id_for_host

from .links import portal_url
from .sections import SECTIONS

PortalView = Callable[..., HttpResponse]


class PortalContext:
    """Where a portal page is: which office, which language, and how to link within it."""

    def __init__(self, request: HttpRequest, office: Office | None, lang: str):
        self.request = request
        self.office = office
        self.lang = lang
        self.other_lang = "en" if lang == "bn" else "bn"

    def url(self, name: str = "home", *args: Any, lang: str | None = None) -> str:
        """A link inside the same portal, e.g. ``url("section", "notices")`` →
        ``/o/kushtia.gov.bd/bn/notices/`` (``/bn/notices/`` on the office's own host)."""
        return portal_url(self.office, name, lang or self.lang, *args, request=self.request)

    def switch_url(self) -> str:
        """The same page in the other language."""
        match = self.request.resolver_match
        if match is None or "lang" not in match.kwargs:
            if self.office is not None:
                return self.url(lang=self.other_lang)
            return reverse("home", kwargs={"lang": self.other_lang})
        try:
            url = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, "lang": self.other_lang})
        except NoReverseMatch:  # a page outside the portal's routes (an error page): its home
            return self.url(lang=self.other_lang) if self.office is not None else reverse(
                "home", kwargs={"lang": self.other_lang}
            )
        query = self.request.GET.urlencode()
        return f"{url}?{query}" if query else url

    def name_order(self) -> str:
        """Order areas and offices by their name in the page's language (not by English on
        a Bangla page)."""
        return f"name_{self.lang}"


def portal_view(office_required: bool = True) -> Callable[[PortalView], PortalView]:
    """Resolve the office (host or path) and the language, then call the view."""

    def decorator(view: PortalView) -> PortalView:
        @wraps(view)
        @require_safe
        @cache_control(public=True, max_age=300)
        def wrapper(request: OfficeRequest, lang: str, *args: Any, domain: str | None = None, **kwargs: Any):
            office_id = office_id_for_host(domain) if domain else request.office_id
            if domain and office_id is None:
                raise Http404("No such portal")
            office = None
            if office_id:
                office = Office.objects.select_related("area", "district", "upazila").get(pk=office_id)
            if office_required and office is None:
                raise Http404("No office")
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
            request.portal = PortalContext(request, office, lang)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _render(request: OfficeRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    portal: PortalContext = request.portal
    context.setdefault("portal", portal)
    context.setdefault("office", portal.office)
    context.setdefault("lang", portal.lang)
    if portal.office is not None:
        context.setdefault("menu", menu_for_tier(portal.office.tier))
    return render(request, template, context)


def root(request: OfficeRequest) -> HttpResponse:
    """``/``: an office's domain opens its Bangla home page; the platform host, the national root."""
    if request.office_id:
        return HttpResponseRedirect(reverse("home", kwargs={"lang": "bn"}))
    return home(request, lang="bn")


@portal_view(office_required=False)
def home(request: OfficeRequest) -> HttpResponse:
    office = request.portal.office
    if office is None:
        return national_root(request)
    notices = Notice.objects.of(office).live()
    services = Service.objects.published().of(office)
    context = {
        "notices": list(notices[:5]),
        "service_box": list(services.filter(in_service_box=True)[:12]),
        "head": Officer.objects.of(office).head(),
        "updated": office.content_updated_at,
        "sections": list(SECTIONS.values()),
    }
    return _render(request, "portal/home.html", context)


def national_root(request: OfficeRequest) -> HttpResponse:
    """The offices of Bangladesh by division → district, and by ministry."""
    divisions = list(Area.objects.filter(level=Area.Level.DIVISION).order_by("code"))
    districts = list(Area.objects.filter(level=Area.Level.DISTRICT).order_by(request.portal.name_order()))
    by_division: dict[int | None, list[Area]] = {}
    for district in districts:
        by_division.setdefault(district.parent_id, []).append(district)
    for division in divisions:
        division.district_list = by_division.get(division.pk, [])  # type: ignore[attr-defined]  # for the template
    ministries = (
        Office.objects.filter(tier=Tier.MINISTRY)
        .annotate(agencies=Count("org_children", filter=Q(org_children__tier=Tier.AGENCY)))
        .order_by(request.portal.name_order())
    )
    return _render(request, "portal/national_root.html", {"divisions": divisions, "ministries": ministries})


@portal_view(office_required=False)
def area_directory(request: OfficeRequest, code: str, level: int) -> HttpResponse:
    """A division, district or upazila: its own offices, and the areas below it."""
    area = get_object_or_404(Area.objects.select_related("parent__parent"), level=level, code=code)
    order = request.portal.name_order()
    offices = Office.objects.filter(area=area).order_by("tier", order)
    children = list(area.children.order_by(order))
    return _render(request, "portal/area_directory.html", {"area": area, "offices": offices, "children": children})


# Above this many offices an organisational page lists districts to choose from instead of
# every office (LGD has 4,540 union parishads: no phone should download that list).
ORG_DIRECTORY_LIMIT = 120


@portal_view(office_required=False)
def org_directory(request: OfficeRequest, pk: int) -> HttpResponse:
    """A ministry or agency: its agencies, and its field offices (by district when many)."""
    parent = get_object_or_404(Office, pk=pk, tier__in=[Tier.MINISTRY, Tier.AGENCY])
    below = Office.objects.filter(org_parent=parent).select_related("district")
    order = request.portal.name_order()
    agencies = below.filter(tier=Tier.AGENCY).order_by(order)
    offices = below.exclude(tier=Tier.AGENCY)
    district = None
    if request.GET.get("district"):
        district = get_object_or_404(Area, level=Area.Level.DISTRICT, code=request.GET["district"])
        offices = offices.filter(Q(district=district) | Q(area=district.parent, tier=Tier.DIVISION_FIELD))
    districts = None
    if district is None and offices.count() > ORG_DIRECTORY_LIMIT:
        districts = (
            Area.objects.filter(level=Area.Level.DISTRICT)
            .annotate(n=Count("id", filter=Q(pk__in=offices.values("district"))))
            .order_by(order)
        )
        offices = offices.none()
    context = {
        "parent": parent,
        "agencies": agencies,
        "children": offices.order_by("tier", f"district__{order}", order),
        "districts": districts,
        "district": district,
    }
    return _render(request, "portal/org_directory.html", context)


@portal_view()
def section(request: OfficeRequest, key: str) -> HttpResponse:
    spec = SECTIONS.get(key)
    if spec is None:
        raise Http404("No such section")
    office = request.portal.office
    assert office is not None  # portal_view() requires one
    context = spec.loader(office)
    context["section"] = spec
    context["title"] = spec.title
    return _render(request, spec.template, context)


@portal_view()
def notice_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    office = request.portal.office
    assert office is not None  # portal_view() requires one
    notice = get_object_or_404(Notice.objects.of(office).live(), pk=pk)
    return _render(
        request, "portal/notice_detail.html",
        {"notice": notice, "updated": notice.updated_at, "section": SECTIONS["notices"]},
    )


@portal_view()
def page_detail(request: OfficeRequest, slug: str) -> HttpResponse:
    office = request.portal.office
    assert office is not None  # portal_view() requires one
    page = get_object_or_404(Page.objects.published().of(office), slug=slug)
    return _render(request, "portal/page.html", {"page": page, "updated": page.updated_at})

