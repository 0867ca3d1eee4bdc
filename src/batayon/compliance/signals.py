"""Compliance reacts to committed content changes (``content.changes.office_changed``)."""

from __future__ import annotations


def reevaluate(sender, office_id: int, **kwargs) -> None:
    """Re-evaluate the office whose content changed (already after commit, once per office)."""
    from .rulebook import ensure_rules
    from .services import evaluate_office

    ensure_rules()
    evaluate_office(office_id)


def connect() -> None:
    from batayon.content.changes import office_changed

    office_changed.connect(reevaluate, dispatch_uid="compliance-reevaluate")
