"""The compliance engine as the workspace sees it (``batayon.compliance.services``)."""

from __future__ import annotations

from typing import Any

from batayon.compliance import services
from batayon.compliance.rulebook import ensure_rules
from batayon.offices.models import Office

STATUS_CLASS = {
    "ok": "ok", "due_soon": "warn", "stale": "bad", "missing": "bad", "untranslated": "warn",
    "broken": "bad", "not_applicable": "na",
}


def office_checklist(office: Office) -> list[Any]:
    return services.checklist(office)


def office_score(office: Office) -> Any:
    return services.office_score(office)


def confirm_current(office: Office, section: str, user: Any, request: Any = None) -> Any:
    return services.confirm_current(office, section, user, request)


def confirmable_sections() -> set[str]:
    sections = services.confirmable_sections()
    if not sections:
        ensure_rules()  # a fresh database: load the rulebook
        sections = services.confirmable_sections()
    return sections
