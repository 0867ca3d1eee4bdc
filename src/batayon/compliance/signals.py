"""Compliance reacts to committed content changes (``content.changes.office_changed``)."""

from __future__ import annotations


def reevaluate(sender, office_ids: list[int], **kwargs) -> None:
    """Re-evaluate the offices whose content changed (after commit, once per office)."""
    from .rulebook import ensure_rules
    from .services import evaluate, evaluate_office

    ensure_rules()
    if len(office_ids) == 1:
        evaluate_office(office_ids[0])  # with a row lock: two editors' saves do not interleave
    else:
        evaluate(office_ids)  # a bulk load: one set-based run


def connect() -> None:
    from batayon.content.changes import office_changed

    office_changed.connect(reevaluate, dispatch_uid="compliance-reevaluate")
