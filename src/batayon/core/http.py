"""The request as our middleware and view decorators leave it, for type annotations only.

At run time every request is Django's ``HttpRequest``; the attributes below are set on it by
``OfficeHostMiddleware`` (``office_id``), ``office_permission_required`` (``office``),
``portal_view`` (``portal``) and ``batayon.api.http`` (``api_key``, ``api_validators``).
Views annotate ``request: OfficeRequest`` so mypy knows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from batayon.api.models import ApiKey
    from batayon.offices.models import Office
    from batayon.portal.views import PortalContext


class OfficeRequest(HttpRequest):
    office_id: int | None
    office: Office
    portal: PortalContext
    api_key: ApiKey | None
    api_validators: tuple[str, int | None]
