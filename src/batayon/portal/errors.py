"""The error pages (404, 403, 500) in the portal's look and the visitor's language: the URL's
``/bn/`` or ``/en/``, else the language cookie, else Bangla.

A 404 or 403 on an office's portal shows that office's name and a way back to its home
page. The 500 page touches no database (the database may be why it is shown) and no office.
"""

from __future__ import annotations

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.urls import reverse
from django.utils import translation

from batayon.core.middleware import request_language

from .views import PortalContext


def _office(request: HttpRequest):
    """The office whose portal the broken address is on, if it is cheap and safe to know."""
    from batayon.offices.models import Office, office_id_for_host

    parts = [p for p in request.path_info.split("/") if p]
    try:
        if len(parts) >= 2 and parts[0] == "o":
            office_id = office_id_for_host(parts[1])
        else:
            office_id = getattr(request, "office_id", None)
        return Office.objects.filter(pk=office_id).first() if office_id else None
    except Exception:  # noqa: BLE001  # an error page must render whatever else is broken
        return None


def _page(request: HttpRequest, template: str, response_class, with_office: bool = True) -> HttpResponse:
    lang = request_language(request)
    office = _office(request) if with_office else None
    with translation.override(lang):
        portal = PortalContext(request, office, lang)
        home = portal.url() if office else reverse("home", kwargs={"lang": lang})
        context = {"portal": portal, "office": office, "lang": lang, "home": home}
        body = loader.get_template(template).render(context, request if with_office else None)
    response = response_class(body)
    response.headers["Content-Language"] = lang
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "portal/404.html", HttpResponseNotFound)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "portal/403.html", HttpResponseForbidden)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, "portal/500.html", HttpResponseServerError, with_office=False)
