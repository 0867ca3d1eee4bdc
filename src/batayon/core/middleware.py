"""Bangla first: the language of a request comes from the URL or the user's own choice."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}


def language_from_path(path: str) -> str | None:
    """``/en/…`` and ``/o/<domain>/en/…`` name their language; other paths do not."""
    parts = [p for p in path.split("/") if p]
    if parts and parts[0] == "o" and len(parts) >= 3:
        parts = parts[2:]
    if parts and parts[0] in LANGUAGE_CODES:
        return parts[0]
    return None


def request_language(request: HttpRequest) -> str:
    """The URL's language, else the cookie's, else Bangla."""
    lang = language_from_path(request.path_info)
    if lang is None:
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        lang = cookie if cookie in LANGUAGE_CODES else settings.LANGUAGE_CODE
    return lang


class LanguageMiddleware:
    """Activate the language named in the path, else the cookie, else Bangla.

    The browser's Accept-Language is deliberately ignored: the platform is Bangla first,
    and a civil servant's English-language browser must not switch the workspace.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = request_language(request)
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        translation.deactivate()
        return response
