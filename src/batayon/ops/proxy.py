"""Behind our own proxy (BATAYON_BEHIND_PROXY=1) every request comes from the proxy's address;
the client's is in the header the proxy sets (nginx: ``X-Real-IP $remote_addr``)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    header = settings.API_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    return value.split(",")[0].strip() or request.META.get("REMOTE_ADDR")
