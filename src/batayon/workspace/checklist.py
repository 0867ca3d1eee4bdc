"""The compliance engine as the workspace sees it (``batayon.compliance.services``)."""

from __future__ import annotations

from typing import Any

from batayon.offices.models import Office

STATUS_CLASS = {
    "ok": "ok", "due_soon": "warn", "stale": "bad", "missing": "bad", "untranslated": "warn",
    "broken": "bad", "not_applicable": "na",
}


def _services() -> Any:
    try:
        from batayon.compliance import services
    except ImportError:  # the engine is optional in a partial checkout
        return None
    return services


def office_checklist(office: Office) -> list[Any] | None:
    services = _services()
    return services.checklist(office) if services is not None and hasattr(services, "checklist") else None


def office_score(office: Office) -> Any:
    services = _services()
    return services.office_score(office) if services is not None and hasattr(services, "office_score") else None


def confirm_current(office: Office, section: str, user: Any, request: Any = None) -> Any:
    services = _services()
    if services is None or not hasattr(services, "confirm_current"):
        raise RuntimeError("compliance engine not installed")
    return services.confirm_current(office, section, user, request)


def confirmable_sections() -> set[str]:
    services = _services()
    if services is None or not hasattr(services, "confirmable_sections"):
        return set()
    sections = services.confirmable_sections()
    if not sections:
        from batayon.compliance.rulebook import ensure_rules  # a fresh database: load the rulebook

        ensure_rules()
        sections = services.confirmable_sections()
    return sections
