"""Which office's portal a request is for, from the Host header (production)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from batayon.core.http import OfficeRequest

from .models import normalise_domain, office_id_for_host


class OfficeHostMiddleware:
    """Set ``request.office_id`` from the host: ``kushtia.gov.bd`` → the Kushtia DC office.

    Platform hosts (localhost, the national root) carry no office; local development reaches
    an office's portal through ``/o/<domain>/…`` instead. The lookup is cached per host.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.platform_hosts = {normalise_domain(h) for h in settings.PLATFORM_HOSTS}

    def __call__(self, request: OfficeRequest) -> HttpResponse:
        host = normalise_domain(request.get_host())
        request.office_id = None
        if host not in self.platform_hosts:
            request.office_id = office_id_for_host(host)
            if request.office_id is None:
                raise Http404("No portal is served at this address.")
        return self.get_response(request)
