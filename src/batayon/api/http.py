"""The API's HTTP conventions: JSON errors in both languages, hostile-input checks, rate
limits, conditional GET, API keys.

Every error is ``{"error": {"code": ..., "message_bn": ..., "message_en": ...}}``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from .models import ApiKey

MAX_QUERY_STRING_BYTES = 2048
MAX_Q_CHARS = 200

MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("যা খুঁজছেন তা পাওয়া যায়নি।", "Not found."),
    "office_not_found": ("এই ঠিকানায় কোনো দপ্তর নেই।", "There is no office at this domain."),
    "method_not_allowed": ("এই ঠিকানায় এই পদ্ধতি (method) চলে না।", "This method is not allowed here."),
    "query_too_long": (
        "প্রশ্ন (query string) খুব লম্বা; {limit_bn} বাইটের মধ্যে রাখুন।",
        "The query string is too long; keep it under {limit} bytes.",
    ),
    "bad_percent_encoding": (
        "ঠিকানার প্রশ্ন অংশে ভুল পারসেন্ট-এনকোডিং আছে (% এর পরে দুটি হেক্স অঙ্ক লাগে)।",
        "The query string has broken percent-encoding (% must be followed by two hex digits).",
    ),
    "bad_encoding": (
        "প্রশ্নটি বৈধ UTF-8 নয়; ইউনিকোডে লিখুন।",
        "The query string is not valid UTF-8.",
    ),
    "control_characters": (
        "প্রশ্নে অদৃশ্য নিয়ন্ত্রণ-অক্ষর (যেমন NUL) থাকতে পারে না।",
        "The query string must not contain control characters such as NUL.",
    ),
    "q_too_long": (
        "খোঁজার লেখা খুব লম্বা; {limit_bn} অক্ষরের মধ্যে রাখুন।",
        "The search text is too long; keep it under {limit} characters.",
    ),
    "q_forbidden": (
        "খোঁজার লেখায় এমন চিহ্ন আছে যা খোঁজায় লাগে না ({chars}); শুধু শব্দ, অঙ্ক ও ফোন নম্বর লিখুন।",
        ("The search text contains characters that search does not use ({chars}); "
         "type words, numbers and phone numbers only."),
    ),
    "q_required": ("কী খুঁজবেন লিখুন (q)।", "Type something to search for (q)."),
    "bad_integer": (
        "'{name}' একটি পূর্ণসংখ্যা হতে হবে ({min_bn} থেকে {max_bn})।",
        "'{name}' must be a whole number from {min} to {max}.",
    ),
    "bad_choice": ("'{name}' এর মান হতে পারে: {choices}।", "'{name}' must be one of: {choices}."),
    "bad_value": ("'{name}' এর মান সঠিক নয়।", "'{name}' has an invalid value."),
    "page_out_of_range": ("এই পৃষ্ঠা নেই; মোট পৃষ্ঠা {pages_bn}টি।", "No such page; there are {pages} pages."),
    "rate_limited": (
        "খুব বেশি অনুরোধ এসেছে; {seconds_bn} সেকেন্ড পরে আবার চেষ্টা করুন।",
        "Too many requests; try again in {seconds} seconds.",
    ),
    "key_required": (
        "এই কাজের জন্য API কী লাগবে (Authorization: Bearer <key>)।",
        "This action needs an API key (Authorization: Bearer <key>).",
    ),
    "key_invalid": ("API কী সঠিক নয় বা বাতিল করা হয়েছে।", "The API key is invalid or revoked."),
    "key_wrong_office": (
        "এই API কী দিয়ে শুধু {office} দপ্তরের তথ্য বদলানো যায়।",
        "This API key may only change content of {office}.",
    ),
    "bad_json": ("অনুরোধের দেহ (body) বৈধ JSON অবজেক্ট নয়।", "The request body is not a valid JSON object."),
    "invalid": ("তথ্য সঠিক নয়: {details_bn}", "Invalid input: {details_en}"),
}

BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


class ApiError(Exception):
    def __init__(self, status: int, code: str, headers: dict[str, str] | None = None, **params: Any):
        self.status = status
        self.code = code
        self.headers = headers or {}
        bn_params = {f"{k}_bn": str(v).translate(BN_DIGITS) for k, v in params.items()}
        bn, en = MESSAGES[code]
        self.message_bn = bn.format(**params, **bn_params)
        self.message_en = en.format(**params, **bn_params)
        super().__init__(self.message_en)

    def response(self) -> JsonResponse:
        body = {"error": {"code": self.code, "message_bn": self.message_bn, "message_en": self.message_en}}
        response = json_response(body, status=self.status)
        for name, value in self.headers.items():
            response[name] = value
        return response


def json_response(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, encoder=DjangoJSONEncoder, safe=False,
                        json_dumps_params={"ensure_ascii": False})


# --- hostile input -----------------------------------------------------------------------

_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")


def check_query_string(request: HttpRequest) -> None:
    """Refuse a query string that is too long, broken, or carries control characters."""
    raw = request.META.get("QUERY_STRING", "")
    raw_bytes = raw.encode("latin-1", errors="replace") if isinstance(raw, str) else bytes(raw)
    if len(raw_bytes) > MAX_QUERY_STRING_BYTES:
        raise ApiError(400, "query_too_long", limit=MAX_QUERY_STRING_BYTES)
    if _BAD_PERCENT.search(raw_bytes):
        raise ApiError(400, "bad_percent_encoding")
    try:
        decoded = unquote_to_bytes(raw_bytes.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_encoding") from None
    if any(unicodedata.category(ch) == "Cc" for ch in decoded) or "\ufffd" in decoded:
        raise ApiError(400, "control_characters" if "\ufffd" not in decoded else "bad_encoding")


# Characters and words that a search for names, places, services and phones never needs but
# injection attempts always do.
_Q_FORBIDDEN_CHARS = set(";=<>`\\{}[]|$^*\"")
_Q_SQL = re.compile(
    r"--|/\*|\*/|\b(union\s+(all\s+)?select|select\s.+\sfrom|drop\s+(table|database)|insert\s+into|"
    r"delete\s+from|update\s+\w+\s+set|or\s+\d+\s*=\s*\d+|sleep\s*\(|pg_sleep|waitfor\s+delay|xp_cmdshell)\b",
    re.IGNORECASE,
)


def clean_q(value: str | None, required: bool = True) -> str:
    """The search text, or a 400 that says what was wrong with it."""
    value = (value or "").strip()
    if not value:
        if required:
            raise ApiError(400, "q_required")
        return ""
    if len(value) > MAX_Q_CHARS:
        raise ApiError(400, "q_too_long", limit=MAX_Q_CHARS)
    bad = sorted({ch for ch in value if ch in _Q_FORBIDDEN_CHARS})
    if bad or _Q_SQL.search(value):
        shown = " ".join(bad) if bad else "SQL"
        raise ApiError(400, "q_forbidden", chars=shown)
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in value):
        raise ApiError(400, "control_characters")
    return value


def int_param(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    raw = raw.strip().translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))
    if not raw.isascii() or not raw.isdigit() or not (low <= int(raw) <= high):
        raise ApiError(400, "bad_integer", name=name, min=low, max=high)
    return int(raw)


def choice_param(request: HttpRequest, name: str, choices: list[str]) -> str | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    if raw not in choices:
        raise ApiError(400, "bad_choice", name=name, choices=", ".join(choices))
    return raw


def str_param(request: HttpRequest, name: str, max_length: int = 253, pattern: str | None = None) -> str | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    raw = raw.strip()
    if len(raw) > max_length or (pattern and not re.fullmatch(pattern, raw)):
        raise ApiError(400, "bad_value", name=name)
    return raw


# --- API keys and rate limits ------------------------------------------------------------


def presented_key(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.META.get("HTTP_X_API_KEY") or None


def authenticate(request: HttpRequest) -> ApiKey | None:
    """The API key the request carries: None if it carries none, 401 if it is bad."""
    if hasattr(request, "api_key"):
        return request.api_key
    raw = presented_key(request)
    key = None
    if raw:
        key = ApiKey.authenticate(raw)
        if key is None:
            raise ApiError(401, "key_invalid", headers={"WWW-Authenticate": 'Bearer realm="batayon"'})
    request.api_key = key
    return key


def client_address(request: HttpRequest) -> str:
    header = getattr(settings, "API_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        # Behind our own proxy: the address it saw is the last one it appended.
        return request.META[header].split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limit(request: HttpRequest) -> dict[str, str]:
    """Count the request in its fixed window; 429 once the client's limit is used up."""
    window = max(1, int(getattr(settings, "API_RATE_WINDOW_SECONDS", 60)))
    key = authenticate(request)
    if key is not None:
        limit, who = int(getattr(settings, "API_KEY_RATE_LIMIT", 1200)), f"key:{key.pk}"
    else:
        limit, who = int(getattr(settings, "API_RATE_LIMIT", 300)), f"ip:{client_address(request)}"
    if limit <= 0:
        return {}
    now = time.time()
    bucket = int(now // window)
    cache_key = f"api:rate:{who}:{bucket}"
    cache.add(cache_key, 0, window + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window + 1)
        used = 1
    reset = int(window - (now % window)) + 1
    headers = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(max(0, limit - used)),
               "X-RateLimit-Reset": str(reset)}
    if used > limit:
        raise ApiError(429, "rate_limited", headers={**headers, "Retry-After": str(reset)}, seconds=reset)
    return headers


# --- conditional GET ---------------------------------------------------------------------


def make_etag(*parts: Any) -> str:
    digest = hashlib.sha1(json.dumps(parts, cls=DjangoJSONEncoder, default=str).encode()).hexdigest()[:32]
    return f'"{digest}"'


def conditional(request: HttpRequest, etag: str, last_modified: dt.datetime | None) -> HttpResponse | None:
    """A 304 when the client's copy is current, else None (and the validators are set later)."""
    stamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=stamp)
    if response is not None:
        if isinstance(response, HttpResponseNotModified):
            response["ETag"] = etag
            if stamp:
                response["Last-Modified"] = http_date(stamp)
        return response
    request.api_validators = (etag, stamp)
    return None


def api_view(methods: tuple[str, ...] = ("GET",), max_age: int = 60) -> Callable:
    """Wrap a view: method check, query-string check, rate limit, JSON errors, validators."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

        @csrf_exempt  # no cookies are used: writes are authorised by API key only
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            rate_headers: dict[str, str] = {}
            try:
                if request.method not in allowed:
                    raise ApiError(405, "method_not_allowed", headers={"Allow": ", ".join(sorted(allowed))})
                check_query_string(request)
                rate_headers = rate_limit(request)
                response = view(request, *args, **kwargs)
            except ApiError as exc:
                response = exc.response()
            for name, value in rate_headers.items():
                response.setdefault(name, value)
            validators = getattr(request, "api_validators", None)
            if validators and response.status_code == 200:
                etag, stamp = validators
                response["ETag"] = etag
                if stamp:
                    response["Last-Modified"] = http_date(stamp)
            if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
                response.setdefault("Cache-Control", f"public, max-age={max_age}")
                response.setdefault("Vary", "Authorization")
            response.setdefault("Access-Control-Allow-Origin", "*")
            return response

        return wrapper

    return decorator
