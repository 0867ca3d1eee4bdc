"""Failed sign-ins go to the audit log (axes keeps the lockout counters itself)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .models import AuditEntry


@receiver(user_login_failed)
def audit_login_failure(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    from .services import client_ip

    username = str(credentials.get("username", ""))[:150]
    AuditEntry.objects.create(
        username=username,
        action=AuditEntry.Action.LOGIN_FAILURE,
        object_repr=username,
        ip=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )
