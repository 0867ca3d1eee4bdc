"""Search as pages: the public results page of every portal (and of the national root), and
the 333 call centre's search page.

Both read the same index and ranking as the API (``api.search``); they differ in what they
show. The public page is in the portal's look and the visitor's language; on an office's
portal it searches that office first, with a link to search every portal.

The call-centre page is keyboard-first: the box has the focus when the page opens, the
results are links in reading order (Tab / Shift-Tab; ``/`` returns to the box when the
small script is allowed to run), a plain GET form, so no JavaScript is needed to search.

Who may open the agent page: everyone. It shows only what every portal already publishes
(names, designations, office phones, services, live notices) — the same data as the public
``/api/v1/search`` — and 333 agents work for a contractor without accounts on the platform.
A sign-in would add a password to share and nothing to protect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from batayon.accounts.permissions import public_view
from batayon.api.models import SearchDocument
from batayon.api.search import search
from batayon.content.models import DesignatedOfficer
from batayon.core.http import OfficeRequest
from batayon.offices.models import Area, Office, Tier

from .views import _render, portal_view

PUBLIC_RESULTS = 20
AGENT_RESULTS = 30
MAX_QUERY = 200


def _pick(value: dict | None, lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or value.get("en" if lang == "bn" else "bn") or ""


@dataclass
class Role:
    """One role and every office that designated the officer for it (the UNO is the appeal
    authority of each of the upazila's unions: one line, not eleven)."""

    label: str
    offices: list[str] = field(default_factory=list)


@dataclass
class Result:
    """One hit as a page shows it, in one language (dates and phones formatted by filters)."""

    kind: str
    kind_label: str
    title: str
    subtitle: str
    office: str
    domain: str
    url: str
    phones: list[str] = field(default_factory=list)
    email: str = ""
    date: dt.date | None = None
    required_documents: str = ""
    fee: str = ""
    time_limit: str = ""
    link: str = ""
    roles: list[Role] = field(default_factory=list)

    @classmethod
    def of(cls, hit, lang: str) -> Result:
        data = hit.data
        office = data.get("office") or {}
        url = data.get("url") or ""
        if lang != "bn":
            url = url.replace("/bn/", f"/{lang}/", 1)
        published = data.get("publish_date")
        roles: dict[str, Role] = {}
        for role in data.get("roles", []):
            scheme, _, kind = role["code"].partition(":")
            label = f"{DesignatedOfficer.Scheme(scheme).label}: {DesignatedOfficer.Role(kind).label}"
            roles.setdefault(label, Role(label)).offices.append(_pick(role["office"]["name"], lang))
        return cls(
            kind=hit.kind, kind_label=str(SearchDocument.Kind(hit.kind).label),
            title=_pick(data.get("title"), lang), subtitle=_pick(data.get("subtitle"), lang),
            office=_pick(office.get("name"), lang), domain=office.get("domain", ""), url=url,
            phones=list(data.get("phones", [])), email=data.get("email") or "",
            date=dt.date.fromisoformat(published) if published else None,
            required_documents=_pick(data.get("required_documents"), lang), fee=_pick(data.get("fee"), lang),
            time_limit=_pick(data.get("time_limit"), lang), link=data.get("link") or "", roles=list(roles.values()),
        )


def _query(request: HttpRequest) -> str:
    return (request.GET.get("q") or "").strip()[:MAX_QUERY]


def _area(level: int, code: str | None, parent: Area | None = None) -> Area | None:
    if not code:
        return None
    qs = Area.objects.filter(level=level, code=code)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs.first()


@public_view
@portal_view(office_required=False)
def results(request: OfficeRequest) -> HttpResponse:
    """``/<lang>/search/?q=…``: on an office's portal its own content (``scope=all``: every
    portal); on the national root every portal."""
    portal = request.portal
    q = _query(request)
    everywhere = portal.office is None or request.GET.get("scope") == "all"
    found: list[Result] = []
    plan = None
    if q:
        plan, hits = search(q, office_id=None if everywhere or portal.office is None else portal.office.pk)
        found = [Result.of(h, portal.lang) for h in hits[:PUBLIC_RESULTS]]
    context = {
        "q": q, "results": found, "plan": plan, "everywhere": everywhere,
        "title": translation.gettext("খুঁজুন"),
    }
    return _render(request, "portal/search.html", context)


@public_view
@require_safe
@cache_control(private=True, max_age=0)
def agent(request: HttpRequest, lang: str) -> HttpResponse:
    """``/<lang>/call-centre/``: the 333 agent's search, with filters by district, upazila
    and union (each list shown once its parent is chosen: no JavaScript)."""
    translation.activate(lang)
    request.LANGUAGE_CODE = lang
    q = _query(request)
    district = _area(Area.Level.DISTRICT, request.GET.get("district"))
    upazila = _area(Area.Level.UPAZILA, request.GET.get("upazila"), district) if district else None
    union = _area(Area.Level.UNION, request.GET.get("union"), upazila) if upazila else None
    kind = request.GET.get("type") if request.GET.get("type") in SearchDocument.Kind.values else None
    union_office = Office.objects.filter(tier=Tier.UNION, area=union).first() if union else None
    found: list[Result] = []
    plan = None
    if q:
        plan, hits = search(q, kind=kind, district_id=district.pk if district else None,
                            upazila_id=upazila.pk if upazila else None,
                            office_id=union_office.pk if union_office else None)
        found = [Result.of(h, lang) for h in hits[:AGENT_RESULTS]]
    context = {
        "lang": lang, "other_lang": "en" if lang == "bn" else "bn", "q": q, "results": found, "plan": plan,
        "kind": kind, "kinds": SearchDocument.Kind.choices,
        "district": district, "upazila": upazila, "union": union,
        "districts": Area.objects.filter(level=Area.Level.DISTRICT).order_by("name_bn"),
        "upazilas": district.children.order_by("name_bn") if district else [],
        "unions": upazila.children.order_by("name_bn") if upazila else [],
    }
    return render(request, "portal/agent_search.html", context)
