"""The one way to link to an office's portal.

A portal is served on the office's own host (``https://kushtia.gov.bd/bn/notices/``) and, on
the platform's host, under ``/o/<domain>/`` (``/o/kushtia.gov.bd/bn/notices/``). The portal's
URL patterns are mounted both ways with the same names (``portal/urls.py``); this is the only
place that chooses between them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from batayon.offices.models import normalise_domain


def on_own_host(office: Any, request: HttpRequest | None) -> bool:
    """Whether ``request`` came in on ``office``'s own host (``OfficeHostMiddleware`` found an
    office there). ``office`` is anything with a ``domain`` (an ``Office``, a union's ``Area``)."""
    if request is None or not getattr(request, "office_id", None):
        return False
    return normalise_domain(request.get_host()) == office.domain


def portal_url(
    office: Any,
    name: str = "home",
    lang: str = "bn",
    *args: Any,
    request: HttpRequest | None = None,
    absolute: bool = False,
    **kwargs: Any,
) -> str:
    """The URL of the portal page ``name`` (``home``, ``section``, ``notice``, ``page``,
    ``notices-rss``…) of ``office`` in ``lang``; ``args``/``kwargs`` are the route's own.

    - On the office's own host (``request`` served there): ``/bn/notices/``.
    - Elsewhere: ``/o/kushtia.gov.bd/bn/notices/``.
    - ``absolute=True``: the public address on the office's own domain,
      ``https://kushtia.gov.bd/bn/notices/`` (feeds, the API), or the request's own host
      when the request is already on it.
    """
    if absolute or on_own_host(office, request):
        if args:
            path = reverse(name, args=[lang, *args])
        else:
            path = reverse(name, kwargs={"lang": lang, **kwargs})
        if not absolute:
            return path
        if on_own_host(office, request):
            return request.build_absolute_uri(path)  # type: ignore[union-attr]
        return f"https://{office.domain}{path}"
    if args:
        return reverse(name, args=[office.domain, lang, *args])
    return reverse(name, kwargs={"domain": office.domain, "lang": lang, **kwargs})
