"""The open-data API, version 1: offices, their officers, services, notices, documents and
compliance; search; a write endpoint for notices. Published content only.

Every GET carries an ETag and Last-Modified computed from a timestamp the database already
keeps (``Office.content_updated_at``, the index's newest ``updated_at``), so a conditional
request is answered with 304 before any content is read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from batayon.bangla.dates import parse_date
from batayon.bangla.text import nfc
from batayon.compliance import services as compliance
from batayon.compliance.models import Band, Status
from batayon.content.models import (
    DesignatedOfficer,
    Document,
    Notice,
    Officer,
    Service,
)
from batayon.core.http import OfficeRequest
from batayon.offices.models import Area, Office, Tier, office_id_for_host
from batayon.portal.links import portal_url

from . import search as search_engine
from .http import (
    ApiError,
    api_view,
    authenticate,
    choice_param,
    clean_q,
    conditional,
    int_param,
    json_response,
    make_etag,
    str_param,
)
from .index import bi, bi_label, tier_label
from .models import SearchDocument
from .signals import REGISTRY_VERSION_KEY

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DOMAIN_PATTERN = r"[a-z0-9][a-z0-9.\-]{0,252}"
AREA_CODE_PATTERN = r"[0-9]{1,8}"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
SEARCH_TYPES = [k for k, _ in SearchDocument.Kind.choices]


# --- helpers ---------------------------------------------------------------------------------


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _registry_version() -> int:
    return cache.get(REGISTRY_VERSION_KEY) or 0


def get_office(domain: str) -> Office:
    domain = (domain or "").strip().lower()
    if not re.fullmatch(DOMAIN_PATTERN, domain):
        raise ApiError(404, "office_not_found")
    office_id = office_id_for_host(domain)
    if office_id is None:
        raise ApiError(404, "office_not_found")
    related = ("area", "division", "district", "upazila", "ministry", "agency", "org_parent")
    return Office.objects.select_related(*related).get(pk=office_id)


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(params.items()))


def paginate(request: HttpRequest, qs: QuerySet | list, serialise, count: int | None = None) -> dict[str, Any]:
    page_number = int_param(request, "page", 1, 1, 1_000_000)
    page_size = int_param(request, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    paginator = Paginator(qs, page_size, allow_empty_first_page=True)
    if count is not None:
        paginator.count = count  # already known from the validators' query
    if page_number > paginator.num_pages:
        raise ApiError(404, "page_out_of_range", pages=paginator.num_pages)
    page = paginator.page(page_number)
    return {
        "count": paginator.count,
        "page": page_number,
        "page_size": page_size,
        "next": _page_url(request, page_number + 1) if page.has_next() else None,
        "previous": _page_url(request, page_number - 1) if page.has_previous() else None,
        "results": [serialise(item) for item in page.object_list],
    }


def _area(area: Area | None) -> dict[str, Any] | None:
    if area is None:
        return None
    return {"code": area.code, "level": area.level, "name": bi(area.name_bn, area.name_en)}


def office_ref(office: Office | None) -> dict[str, Any] | None:
    if office is None:
        return None
    return {"domain": office.domain, "name": bi(office.name_bn, office.name_en), "tier": office.tier}


def _tier(tier: str) -> dict[str, Any]:
    return {"code": tier, "name": tier_label(tier)}


def office_summary(office: Office) -> dict[str, Any]:
    return {
        **(office_ref(office) or {}),
        "tier": _tier(office.tier),
        "district": office.district.code if office.district_id and office.district else None,
        "upazila": office.upazila.code if office.upazila_id and office.upazila else None,
        "portal_url": portal_url(office, absolute=True),
        "content_updated_at": _iso(office.content_updated_at),
        "url": reverse("api-office", args=[office.domain]),
    }


def _file_url(request: HttpRequest, field) -> str | None:
    return request.build_absolute_uri(field.url) if field else None


def _designations(office: Office) -> dict[int, list[str]]:
    roles: dict[int, list[str]] = {}
    rows = DesignatedOfficer.objects.published().of(office).filter(officer__isnull=False)
    for officer_id, scheme, role in rows.values_list("officer_id", "scheme", "role"):
        roles.setdefault(officer_id, []).append(f"{scheme}:{role}")
    return roles


def _head_id(office: Office) -> int | None:
    head = Officer.objects.of(office).head()
    return head.pk if head else None


def officer_json(request: HttpRequest, o: Officer, roles: list[str], head_id: int | None) -> dict[str, Any]:
    return {
        "id": o.pk,
        "kind": o.kind,
        "name": bi(o.name_bn, o.name_en),
        "designation": bi(o.designation_bn, o.designation_en),
        "section": bi(o.section_name_bn, o.section_name_en),
        "mobile": search_engine.phone_display(o.mobile) if o.mobile else None,
        "phone": search_engine.phone_display(o.phone) if o.phone else None,
        "email": o.email or None,
        "photo_url": _file_url(request, o.photo),
        "sort_order": o.sort_order,
        "joined_on": _iso(o.joined_on),
        "is_head_of_office": o.pk == head_id,
        "is_rti_officer": "rti:primary" in roles,
        "is_anik": "grs:primary" in roles,
        "roles": sorted(roles),
        "updated_at": _iso(o.updated_at),
    }


def _contact(o: Officer | None) -> dict[str, Any] | None:
    if o is None:
        return None
    phone = o.mobile or o.phone
    return {
        "officer_id": o.pk,
        "name": bi(o.name_bn, o.name_en),
        "designation": bi(o.designation_bn, o.designation_en),
        "phone": search_engine.phone_display(phone) if phone else None,
        "email": o.email or None,
    }


def _designated(d: DesignatedOfficer | None) -> dict[str, Any] | None:
    """Who holds a designated role, whether an officer of the platform or someone outside it."""
    if d is None:
        return None
    if d.officer_id:
        return _contact(d.officer)
    return {
        "officer_id": None,
        "name": bi(d.external_name_bn, d.external_name_en),
        "designation": bi(d.external_designation_bn, d.external_designation_en),
        "phone": search_engine.phone_display(d.external_phone) if d.external_phone else None,
        "email": d.external_email or None,
    }


def _office_validators(request: OfficeRequest, office: Office, *extra: Any) -> HttpResponse | None:
    etag = make_etag(request.path, request.GET.urlencode(), office.pk, office.content_updated_at,
                     _registry_version(), *extra)
    return conditional(request, etag, office.content_updated_at or office.created_at)


# --- offices ---------------------------------------------------------------------------------


@api_view()
def office_list(request: OfficeRequest) -> HttpResponse:
    qs = Office.objects.select_related("district", "upazila")
    tier = choice_param(request, "tier", [t.value for t in Tier])
    if tier:
        qs = qs.filter(tier=tier)
    for name, level in (("district", Area.Level.DISTRICT), ("upazila", Area.Level.UPAZILA)):
        code = str_param(request, name, 8, AREA_CODE_PATTERN)
        if code:
            area = Area.objects.filter(level=level, code=code).first()
            if area is None:
                raise ApiError(400, "bad_value", name=name)
            qs = qs.in_area(area)
    under = str_param(request, "under", 253)
    if under:
        parent = get_office(under)
        # Everything under X in either hierarchy: what it supervises and its organisational subtree.
        qs = qs.filter(Q(pk__in=Office.objects.supervised_by(parent).values("pk"))
                       | Q(pk__in=Office.objects.under_org(parent).values("pk")))
    q = clean_q(request.GET.get("q"), required=False)
    if q:
        text = nfc(q)
        qs = qs.filter(Q(name_bn__icontains=text) | Q(name_en__icontains=text) | Q(domain__icontains=text.lower()))
    stats = qs.order_by().aggregate(n=Count("id"), m=Max("content_updated_at"))
    etag = make_etag(request.path, request.GET.urlencode(), stats["n"], stats["m"], _registry_version())
    if (not_modified := conditional(request, etag, stats["m"])) is not None:
        return not_modified
    return json_response(paginate(request, qs.order_by("id"), office_summary, count=stats["n"]))


@api_view()
def office_detail(request: OfficeRequest, domain: str) -> HttpResponse:
    office = get_office(domain)
    if (not_modified := _office_validators(request, office)) is not None:
        return not_modified
    designated = {
        (d.scheme, d.role): d
        for d in DesignatedOfficer.objects.published().of(office).select_related("officer")
    }
    head = Officer.objects.of(office).head()
    supervisor = office.supervisor
    data = {
        **office_summary(office),
        "address": bi(office.address_bn, office.address_en),
        "phone": search_engine.phone_display(office.phone) if office.phone else None,
        "email": office.email or None,
        "portal_path": office.get_absolute_url(),
        "geo": {
            "division": _area(office.division),
            "district": _area(office.district),
            "upazila": _area(office.upazila),
            "area": _area(office.area),
        },
        "org": {
            "ministry": office_ref(office.ministry),
            "agency": office_ref(office.agency),
            "parent": office_ref(office.org_parent),
        },
        "supervisor": office_ref(supervisor),
        "head_of_office": _contact(head),
        "rti_officer": _designated(designated.get(("rti", "primary"))),
        "anik": _designated(designated.get(("grs", "primary"))),
        "links": {
            key: reverse(f"api-office-{name}", args=[office.domain])
            for key, name in (
                ("officers", "officers"), ("services", "services"), ("notices", "notices"),
                ("documents", "documents"), ("compliance", "compliance"), ("notices_rss", "notices-rss"),
                ("notices_atom", "notices-atom"), ("sitemap", "sitemap"),
            )
        },
    }
    return json_response(data)


@api_view()
def office_officers(request: OfficeRequest, domain: str) -> HttpResponse:
    office = get_office(domain)
    kind = choice_param(request, "kind", [k for k, _ in Officer.Kind.choices])
    if (not_modified := _office_validators(request, office)) is not None:
        return not_modified
    qs = Officer.objects.of(office).current().order_by("kind", "sort_order", "id")
    if kind:
        qs = qs.filter(kind=kind)
    roles = _designations(office)
    head_id = _head_id(office)
    return json_response(paginate(request, qs, lambda o: officer_json(request, o, roles.get(o.pk, []), head_id)))


def service_json(s: Service) -> dict[str, Any]:
    officer = s.responsible_officer
    return {
        "id": s.pk,
        "audience": s.audience,
        "name": bi(s.name_bn, s.name_en),
        "delivery_method": bi(s.delivery_method_bn, s.delivery_method_en),
        "required_documents": bi(s.required_documents_bn, s.required_documents_en),
        "fee": bi(s.fee_bn, s.fee_en),
        "time_limit": bi(s.time_limit_bn, s.time_limit_en),
        "responsible_officer": _contact(officer),
        "link": s.link or None,
        "in_service_box": s.in_service_box,
        "delivery_mode": s.delivery_mode,
        "eservice": {
            "status": s.eservice_status,
            "priority": s.eservice_priority,
            "target_date": _iso(s.eservice_target_date),
        },
        "updated_at": _iso(s.updated_at),
    }


@api_view()
def office_services(request: OfficeRequest, domain: str) -> HttpResponse:
    office = get_office(domain)
    audience = choice_param(request, "audience", [a for a, _ in Service.Audience.choices])
    if (not_modified := _office_validators(request, office)) is not None:
        return not_modified
    qs = Service.objects.published().of(office).select_related("responsible_officer")
    if audience:
        qs = qs.filter(audience=audience)
    return json_response(paginate(request, qs, service_json))


def notice_json(request: HttpRequest, n: Notice) -> dict[str, Any]:
    return {
        "id": n.pk,
        "title": bi(n.title_bn, n.title_en),
        "body": bi(n.body_bn, n.body_en),
        "memo_number": n.memo_number or None,
        "publish_date": _iso(n.publish_date),
        "archive_date": _iso(n.archive_date),
        "attachment_url": _file_url(request, n.attachment),
        "url": f"https://{n.office.domain}/bn/notices/{n.pk}/",
        "updated_at": _iso(n.updated_at),
    }


@api_view(methods=("GET", "POST"))
def office_notices(request: OfficeRequest, domain: str) -> HttpResponse:
    office = get_office(domain)
    if request.method == "POST":
        return create_notice(request, office)
    archived = choice_param(request, "include_archived", ["0", "1", "true", "false"])
    if (not_modified := _office_validators(request, office)) is not None:
        return not_modified
    if archived in ("1", "true"):
        qs = Notice.objects.of(office).live(archived=True)
    else:
        qs = Notice.objects.of(office).live()
    return json_response(paginate(request, qs.select_related("office"), lambda n: notice_json(request, n)))


def _bilingual_input(body: dict, name: str) -> tuple[str, str]:
    """``{"title": {"bn": …, "en": …}}`` or ``{"title_bn": …, "title_en": …}``."""
    value = body.get(name)
    if isinstance(value, dict):
        bn, en = value.get("bn", ""), value.get("en", "")
    elif isinstance(value, str):
        bn, en = value, ""
    else:
        bn, en = body.get(f"{name}_bn", ""), body.get(f"{name}_en", "")
    if not isinstance(bn, str) or not isinstance(en, str):
        raise _invalid(name, _("লেখা (string) হতে হবে"))
    return nfc(bn.strip()), nfc(en.strip())


def _invalid(field: str, reason: StrOrPromise) -> ApiError:
    """A 400 naming the field; ``reason`` is a lazy gettext message, worded in each language."""
    return ApiError(400, "invalid", details=format_lazy("{}: {}", field, reason))


def _clean_errors(notice: Notice) -> str:
    """The model's own validation errors, worded in the active language (``full_clean`` runs
    again, so that messages made eagerly, such as a phone's, are worded in it too)."""
    try:
        notice.full_clean(exclude=["office", "updated_by"])
    except ValidationError as exc:
        details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in details.items())
    return ""


def _date_input(body: dict, name: str, required: bool = False) -> dt.date | None:
    value = body.get(name)
    if value in (None, ""):
        if required:
            return timezone.localdate()
        return None
    if not isinstance(value, str):
        raise _invalid(name, _("তারিখ লেখা হিসেবে দিন, যেমন 2025-01-31"))
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 and value[4] == "-" else parse_date(value)
    except ValueError:
        raise _invalid(name, _("তারিখটি সঠিক নয়; বছর-মাস-দিন (YYYY-MM-DD) আকারে দিন")) from None


def create_notice(request: OfficeRequest, office: Office) -> HttpResponse:
    """Publish a notice sent by another system (e.g. e-Nothi), with an office-scoped API key."""
    key = authenticate(request)
    if key is None:
        raise ApiError(401, "key_required", headers={"WWW-Authenticate": 'Bearer realm="batayon"'})
    if key.office_id != office.pk:
        raise ApiError(403, "key_wrong_office", office=key.office.domain)
    try:
        body = json.loads(request.body.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "bad_json") from None
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json")
    title_bn, title_en = _bilingual_input(body, "title")
    body_bn, body_en = _bilingual_input(body, "body")
    if not title_bn:
        raise _invalid("title.bn", _("বাংলা শিরোনাম দিতে হবে"))
    if len(title_bn) > 300 or len(title_en) > 300:
        raise _invalid("title", _("শিরোনাম ৩০০ অক্ষরের মধ্যে রাখুন"))
    memo = body.get("memo_number") or ""
    if not isinstance(memo, str) or len(memo) > 100:
        raise _invalid("memo_number", _("১০০ অক্ষরের মধ্যে লেখা দিন"))
    notice = Notice(
        office=office, title_bn=title_bn, title_en=title_en, body_bn=body_bn, body_en=body_en,
        memo_number=nfc(memo.strip()),
        publish_date=_date_input(body, "publish_date", required=True),  # type: ignore[misc]  # full_clean reports None
        archive_date=_date_input(body, "archive_date"),
    )
    try:
        notice.full_clean(exclude=["office", "updated_by"])
    except ValidationError:
        raise ApiError(400, "invalid", details=lazy(_clean_errors, str)(notice)) from None
    notice.save()
    notice.office = office
    response = json_response(notice_json(request, notice), status=201)
    response["Location"] = f"{reverse('api-office-notices', args=[office.domain])}#{notice.pk}"
    return response


def document_json(request: HttpRequest, d: Document) -> dict[str, Any]:
    return {
        "id": d.pk,
        "category": d.category,
        "title": bi(d.title_bn, d.title_en),
        "description": bi(d.description_bn, d.description_en),
        "file_url": _file_url(request, d.file),
        "link": d.link or None,
        "fiscal_year": d.fiscal_year or None,
        "quarter": d.quarter,
        "issued_on": _iso(d.issued_on),
        "updated_at": _iso(d.updated_at),
    }


@api_view()
def office_documents(request: OfficeRequest, domain: str) -> HttpResponse:
    office = get_office(domain)
    category = choice_param(request, "category", [c for c, _ in Document.Category.choices])
    fiscal_year = str_param(request, "fiscal_year", 7, r"[0-9]{4}-[0-9]{2}")
    quarter = int_param(request, "quarter", 0, 1, 4) if request.GET.get("quarter") else None
    if (not_modified := _office_validators(request, office)) is not None:
        return not_modified
    qs = Document.objects.published().of(office)
    if category:
        qs = qs.filter(category=category)
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    if quarter:
        qs = qs.filter(quarter=quarter)
    return json_response(paginate(request, qs, lambda d: document_json(request, d)))


def score_json(info: Any) -> dict[str, Any]:
    """The compliance engine's ``OfficeScoreInfo`` as the API documents it."""
    evaluated = getattr(info, "evaluated_at", None)
    band = str(getattr(info, "band", ""))
    return {
        "score": round(float(getattr(info, "score", 0) or 0), 1),
        "band": {"code": band, "name": bi_label(Band(band).label) if band in Band.values else bi("", "")},
        "evaluated_at": _iso(evaluated),
        "failing": int(getattr(info, "failing", 0) or 0),
    }


def reason_json(item: Any) -> dict[str, str]:
    """The item's reason code worded in both languages (the words are rendered, not stored)."""
    texts = {}
    for lang in ("bn", "en"):
        with translation.override(lang):
            texts[lang] = item.reason_text()
    return bi(texts["bn"], texts["en"])


def checklist_item_json(item: Any) -> dict[str, Any]:
    """One ``ChecklistItem``: a mandated item of the portal and how it stands."""
    status = str(getattr(item, "status", ""))
    return {
        "rule": str(getattr(item, "rule_code", "")),
        "title": bi(getattr(item, "title_bn", ""), getattr(item, "title_en", "")),
        "section": str(getattr(item, "section", "")),
        "status": {"code": status,
                   "name": bi_label(Status(status).label) if status in Status.values else bi("", "")},
        "reason": reason_json(item),
        "points_lost": round(float(getattr(item, "points_lost", 0) or 0), 2),
        "weight": round(float(getattr(item, "weight", 0) or 0), 2),
        "since": _iso(getattr(item, "since", None)),
    }


@api_view()
def office_compliance(request: OfficeRequest, domain: str) -> HttpResponse:
    office = get_office(domain)
    # Status depends on the clock (deadlines pass) as well as on content: validators from
    # the content stamp and today's date.
    if (not_modified := _office_validators(request, office, timezone.localdate())) is not None:
        return not_modified
    data = {
        "office": office_ref(office),
        **score_json(compliance.office_score(office)),
        "checklist": [checklist_item_json(item) for item in compliance.checklist(office)],
    }
    return json_response(data)


# --- search ----------------------------------------------------------------------------------


def hit_json(hit: search_engine.Hit) -> dict[str, Any]:
    data = hit.data
    result = {
        "type": hit.kind,
        "id": hit.object_id,
        "title": data.get("title", bi("", "")),
        "subtitle": data.get("subtitle", bi("", "")),
        "office": data.get("office"),
        "phones": [search_engine.phone_display(p) for p in data.get("phones", [])],
        "email": data.get("email") or None,
        "url": data.get("url"),
        "score": round(hit.score, 2),
    }
    if hit.kind == "officer":
        result["is_head_of_office"] = bool(data.get("is_head_of_office"))
        result["roles"] = data.get("roles", [])
    elif hit.kind == "service":
        for name in ("required_documents", "fee", "time_limit"):
            result[name] = data.get(name, bi("", ""))
    elif hit.kind == "notice":
        result["date"] = data.get("publish_date")
    return result


@api_view()
def search(request: OfficeRequest) -> HttpResponse:
    q = clean_q(request.GET.get("q"))
    kind = choice_param(request, "type", SEARCH_TYPES)
    office_domain = str_param(request, "office", 253)
    district = str_param(request, "district", 8, AREA_CODE_PATTERN)
    office_id = get_office(office_domain).pk if office_domain else None
    district_id = None
    if district:
        district_id = Area.objects.filter(level=Area.Level.DISTRICT, code=district).values_list("pk", flat=True).first()
        if district_id is None:
            raise ApiError(400, "bad_value", name="district")
    stamp = SearchDocument.objects.aggregate(m=Max("updated_at"))["m"]
    etag = make_etag(request.path, request.GET.urlencode(), stamp)
    if (not_modified := conditional(request, etag, stamp)) is not None:
        return not_modified
    plan, hits = search_engine.search(q, kind=kind, office_id=office_id, district_id=district_id)
    page = paginate(request, hits, hit_json)
    page["query"] = {
        "q": q,
        "terms": [g.typed for g in plan.groups],
        "corrected": plan.corrected,
        "ignored": plan.ignored,
    }
    return json_response(page)


@api_view(methods=("GET", "POST", "PUT", "PATCH", "DELETE"))
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise ApiError(404, "not_found")


_OPENAPI: tuple[dict, str] | None = None


@api_view(max_age=3600)
def openapi_json(request: OfficeRequest) -> HttpResponse:
    global _OPENAPI
    if _OPENAPI is None:
        from .openapi import document

        doc = document()
        _OPENAPI = (doc, make_etag(doc))
    doc, etag = _OPENAPI
    if (not_modified := conditional(request, etag, None)) is not None:
        return not_modified
    return json_response(doc)
