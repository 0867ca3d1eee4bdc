"""The OpenAPI 3 document of API v1, written out by hand so that it says exactly what the
views return (the schemathesis test holds the two together)."""

from __future__ import annotations

from typing import Any

from batayon.content.models import Document, Officer, Service
from batayon.offices.models import Tier

from .models import SearchDocument

S = dict[str, Any]


def string(fmt: str | None = None, **extra: Any) -> S:
    return {"type": "string", **({"format": fmt} if fmt else {}), **extra}


def nullable(schema: S) -> S:
    return {**schema, "nullable": True}


def obj(properties: S, optional: tuple[str, ...] = ()) -> S:
    return {
        "type": "object",
        "required": [k for k in properties if k not in optional],
        "properties": properties,
    }


def array(items: S) -> S:
    return {"type": "array", "items": items}


INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
BILINGUAL = obj({"bn": string(), "en": string()})
PHONE = obj({"e164": string(example="+8801711618368"), "local": string(example="01711-618368"),
             "bn": string(example="০১৭১১-৬১৮৩৬৮")})
ERROR = obj({"error": obj({"code": string(), "message_bn": string(), "message_en": string()})})
OFFICE_REF = obj({"domain": string(), "name": BILINGUAL, "tier": string(enum=[t.value for t in Tier])})
TIER = obj({"code": string(enum=[t.value for t in Tier]), "name": BILINGUAL})
AREA = nullable(obj({"code": string(), "level": {"type": "integer", "minimum": 1, "maximum": 4}, "name": BILINGUAL}))
CONTACT = obj({
    "officer_id": nullable(INTEGER), "name": BILINGUAL, "designation": BILINGUAL,
    "phone": nullable(PHONE), "email": nullable(string()),
})
OFFICE_SUMMARY_PROPS: S = {
    "domain": string(example="kushtia.gov.bd"),
    "name": BILINGUAL,
    "tier": TIER,
    "district": nullable(string(description="District area code")),
    "upazila": nullable(string(description="Upazila area code")),
    "portal_url": string("uri"),
    "content_updated_at": nullable(string("date-time")),
    "url": string(),
}
OFFICE_SUMMARY = obj(OFFICE_SUMMARY_PROPS)
OFFICE_DETAIL = obj({
    **OFFICE_SUMMARY_PROPS,
    "address": BILINGUAL,
    "phone": nullable(PHONE),
    "email": nullable(string()),
    "portal_path": string(),
    "geo": obj({"division": AREA, "district": AREA, "upazila": AREA, "area": AREA}),
    "org": obj({"ministry": nullable(OFFICE_REF), "agency": nullable(OFFICE_REF), "parent": nullable(OFFICE_REF)}),
    "supervisor": nullable(OFFICE_REF),
    "head_of_office": nullable(CONTACT),
    "rti_officer": nullable(CONTACT),
    "anik": nullable(CONTACT),
    "links": obj({k: string() for k in (
        "officers", "services", "notices", "documents", "compliance", "notices_rss", "notices_atom", "sitemap")}),
})
OFFICER = obj({
    "id": INTEGER,
    "kind": string(enum=[k for k, _ in Officer.Kind.choices]),
    "name": BILINGUAL,
    "designation": BILINGUAL,
    "section": BILINGUAL,
    "mobile": nullable(PHONE),
    "phone": nullable(PHONE),
    "email": nullable(string()),
    "photo_url": nullable(string("uri")),
    "sort_order": INTEGER,
    "joined_on": nullable(string("date")),
    "is_head_of_office": BOOLEAN,
    "is_rti_officer": BOOLEAN,
    "is_anik": BOOLEAN,
    "roles": array(string(enum=["rti:primary", "rti:alternative", "rti:appeal",
                                "grs:primary", "grs:alternative", "grs:appeal"])),
    "updated_at": string("date-time"),
})
SERVICE = obj({
    "id": INTEGER,
    "audience": string(enum=[a for a, _ in Service.Audience.choices]),
    "name": BILINGUAL,
    "delivery_method": BILINGUAL,
    "required_documents": BILINGUAL,
    "fee": BILINGUAL,
    "time_limit": BILINGUAL,
    "responsible_officer": nullable(CONTACT),
    "link": nullable(string()),
    "in_service_box": BOOLEAN,
    "delivery_mode": string(enum=[m for m, _ in Service.DeliveryMode.choices]),
    "eservice": obj({
        "status": string(enum=[s for s, _ in Service.EServiceStatus.choices]),
        "priority": nullable(INTEGER),
        "target_date": nullable(string("date")),
    }),
    "updated_at": string("date-time"),
})
NOTICE = obj({
    "id": INTEGER,
    "title": BILINGUAL,
    "body": BILINGUAL,
    "memo_number": nullable(string()),
    "publish_date": string("date"),
    "archive_date": nullable(string("date")),
    "attachment_url": nullable(string("uri")),
    "url": string("uri"),
    "updated_at": string("date-time"),
})
DOCUMENT = obj({
    "id": INTEGER,
    "category": string(enum=[c for c, _ in Document.Category.choices]),
    "title": BILINGUAL,
    "description": BILINGUAL,
    "file_url": nullable(string("uri")),
    "link": nullable(string()),
    "fiscal_year": nullable(string(pattern=r"^[0-9]{4}-[0-9]{2}$")),
    "quarter": nullable({"type": "integer", "minimum": 1, "maximum": 4}),
    "issued_on": string("date"),
    "updated_at": string("date-time"),
})
SEARCH_RESULT = obj({
    "type": string(enum=[k for k, _ in SearchDocument.Kind.choices]),
    "id": INTEGER,
    "title": BILINGUAL,
    "subtitle": BILINGUAL,
    "office": obj({"domain": string(), "name": BILINGUAL}),
    "phones": array(PHONE),
    "email": nullable(string()),
    "url": string(),
    "score": {"type": "number"},
    "is_head_of_office": BOOLEAN,
    "roles": array(string()),
}, optional=("is_head_of_office", "roles"))


def page_of(item: S, extra: S | None = None) -> S:
    return obj({
        "count": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "page_size": {"type": "integer", "minimum": 1, "maximum": 100},
        "next": nullable(string("uri")),
        "previous": nullable(string("uri")),
        "results": array(item),
        **(extra or {}),
    })


SEARCH_PAGE = page_of(SEARCH_RESULT, {"query": obj({
    "q": string(), "terms": array(string()),
    "corrected": {"type": "object", "additionalProperties": array(string())},
    "ignored": array(string()),
})})
COMPLIANCE = obj({
    "office": OFFICE_REF,
    "score": {"type": "number", "minimum": 0, "maximum": 100},
    "band": obj({"code": string(), "name": BILINGUAL}),
    "evaluated_at": nullable(string("date-time")),
    "failing": {"type": "integer", "minimum": 0},
    "checklist": array(obj({
        "rule": string(), "title": BILINGUAL, "section": string(),
        "status": obj({"code": string(description="ok, due_soon, stale, missing, broken, untranslated…"),
                       "name": BILINGUAL}),
        "reason": BILINGUAL, "points_lost": {"type": "number"}, "weight": {"type": "number"},
        "since": nullable(string("date-time")),
    })),
})
NOTICE_INPUT = {
    "type": "object",
    "required": ["title"],
    "properties": {
        "title": obj({"bn": string(minLength=1, maxLength=300), "en": string(maxLength=300)}, optional=("en",)),
        "body": obj({"bn": string(), "en": string()}, optional=("bn", "en")),
        "memo_number": string(maxLength=100),
        "publish_date": string("date"),
        "archive_date": nullable(string("date")),
    },
}

VALIDATOR_HEADERS = {
    "ETag": {"description": "Entity tag; send it back in If-None-Match.", "schema": string()},
    "Last-Modified": {"description": "When the content last changed.", "schema": string()},
}
RATE_HEADERS = {
    "X-RateLimit-Limit": {"schema": string()},
    "X-RateLimit-Remaining": {"schema": string()},
}


def error(description: str, headers: S | None = None) -> S:
    response: S = {"description": description, "content": {"application/json": {"schema": ERROR}}}
    if headers:
        response["headers"] = headers
    return response


def ok(schema: S, media: str = "application/json", description: str = "OK") -> S:
    return {"description": description, "headers": {**VALIDATOR_HEADERS, **RATE_HEADERS},
            "content": {media: {"schema": schema}}}


COMMON_ERRORS: S = {
    "304": {"description": "Not modified (If-None-Match / If-Modified-Since matched)."},
    "400": error("Bad request: a parameter or the query string is invalid (message in Bangla and English)."),
    "429": error("Too many requests", {"Retry-After": {"schema": string()}}),
}


def param(name: str, where: str, schema: S, description: str, required: bool = False, example: Any = None) -> S:
    p = {"name": name, "in": where, "required": required, "description": description, "schema": schema}
    if example is not None:
        p["example"] = example
    return p


PAGE_PARAMS = [
    param("page", "query", {"type": "integer", "minimum": 1}, "Page number, from 1."),
    param("page_size", "query", {"type": "integer", "minimum": 1, "maximum": 100}, "Items per page (≤ 100)."),
]
DOMAIN = param("domain", "path", string(pattern=r"^[a-z0-9][a-z0-9.\-]{0,252}$"),
               "The office's portal domain.", required=True, example="kushtia.gov.bd")
AREA_CODE = string(pattern=r"^[0-9]{1,8}$")


def office_op(summary: str, schema: S, params: list[S] | None = None, media: str = "application/json") -> S:
    return {
        "summary": summary,
        "parameters": [DOMAIN, *(params or [])],
        "responses": {"200": ok(schema, media), **COMMON_ERRORS, "404": error("No such office, or page out of range.")},
    }


def document() -> S:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Batayon open-data API (বাতায়ন উন্মুক্ত তথ্য API)",
            "version": "1.0.0",
            "description": (
                "Published content of every government office portal: offices in both hierarchies, "
                "officers, services (citizen charter), notices, documents, compliance, and one search "
                "over all of them. Every text is given in Bangla and English ({\"bn\", \"en\"}). "
                "GET responses carry ETag and Last-Modified; requests are rate-limited per client "
                "address and per API key; writes need an office's API key."
            ),
        },
        "components": {
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer",
                                           "description": "Key from `batayon apikey create`."}},
        },
        "paths": {
            "/api/v1/offices/": {"get": {
                "summary": "List offices, filtered",
                "parameters": [
                    param("tier", "query", string(enum=[t.value for t in Tier]), "Kind of office."),
                    param("district", "query", AREA_CODE, "District area code: offices in that district."),
                    param("upazila", "query", AREA_CODE, "Upazila area code: offices in that upazila."),
                    param("under", "query", string(maxLength=253),
                          "Domain of an office: everything under it in either hierarchy.", example="kushtia.gov.bd"),
                    param("q", "query", string(maxLength=200), "Part of the office's name or domain."),
                    *PAGE_PARAMS,
                ],
                "responses": {"200": ok(page_of(OFFICE_SUMMARY)), **COMMON_ERRORS,
                              "404": error("Unknown office in `under`, or page out of range.")},
            }},
            "/api/v1/offices/{domain}": {"get": office_op("One office, with both hierarchies", OFFICE_DETAIL)},
            "/api/v1/offices/{domain}/officers": {"get": office_op(
                "Current officers and staff (head of office, RTI officer, ANIK flagged)", page_of(OFFICER),
                [param("kind", "query", string(enum=[k for k, _ in Officer.Kind.choices]), "officer or staff"),
                 *PAGE_PARAMS])},
            "/api/v1/offices/{domain}/services": {"get": office_op(
                "Services with citizen-charter fields and e-service status", page_of(SERVICE),
                [param("audience", "query", string(enum=[a for a, _ in Service.Audience.choices]), "Audience"),
                 *PAGE_PARAMS])},
            "/api/v1/offices/{domain}/notices": {
                "get": office_op("Live notices, newest first", page_of(NOTICE), [
                    param("include_archived", "query", string(enum=["0", "1", "true", "false"]),
                          "Include archived notices."), *PAGE_PARAMS]),
                "post": {
                    "summary": "Publish a notice (from another system, e.g. e-Nothi)",
                    "security": [{"apiKey": []}],
                    "parameters": [DOMAIN],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": NOTICE_INPUT}}},
                    "responses": {
                        "201": {"description": "Published", "content": {"application/json": {"schema": NOTICE}}},
                        "400": error("Invalid input (message in Bangla and English)."),
                        "401": error("No API key, or an invalid one."),
                        "403": error("The key belongs to another office."),
                        "404": error("No such office."),
                        "429": COMMON_ERRORS["429"],
                    },
                },
            },
            "/api/v1/offices/{domain}/documents": {"get": office_op(
                "Documents: APA, NIS, innovation, reports, laws…", page_of(DOCUMENT), [
                    param("category", "query", string(enum=[c for c, _ in Document.Category.choices]), "Category"),
                    param("fiscal_year", "query", string(pattern=r"^[0-9]{4}-[0-9]{2}$"), "e.g. 2024-25"),
                    param("quarter", "query", {"type": "integer", "minimum": 1, "maximum": 4}, "1–4"),
                    *PAGE_PARAMS])},
            "/api/v1/offices/{domain}/compliance": {"get": {
                **office_op("Compliance status of the office", COMPLIANCE),
                "responses": {"200": ok(COMPLIANCE), **COMMON_ERRORS, "404": error("No such office.")},
            }},
            "/api/v1/offices/{domain}/notices.rss": {"get": office_op(
                "Notices as RSS 2.0", string(), media="application/rss+xml")},
            "/api/v1/offices/{domain}/notices.atom": {"get": office_op(
                "Notices as Atom", string(), media="application/atom+xml")},
            "/api/v1/offices/{domain}/sitemap.xml": {"get": office_op(
                "Sitemap of the office's portal", string(), media="application/xml")},
            "/api/v1/search": {"get": {
                "summary": "Search officers, services, notices and offices (Bangla or English)",
                "parameters": [
                    param("q", "query", string(minLength=1, maxLength=200),
                          "What to look for, e.g. «কুষ্টিয়া ইউএনও ফোন», a name, a phone number.", required=True,
                          example="কুষ্টিয়া ইউএনও ফোন"),
                    param("type", "query", string(enum=[k for k, _ in SearchDocument.Kind.choices]), "Only this kind."),
                    param("office", "query", string(maxLength=253), "Only this office (domain)."),
                    param("district", "query", AREA_CODE, "Only this district (area code)."),
                    *PAGE_PARAMS,
                ],
                "responses": {"200": ok(SEARCH_PAGE), **COMMON_ERRORS,
                              "404": error("Unknown office, or page out of range.")},
            }},
            "/api/v1/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": ok({"type": "object"}), "304": COMMON_ERRORS["304"],
                              "400": COMMON_ERRORS["400"], "429": COMMON_ERRORS["429"]},
            }},
        },
    }
