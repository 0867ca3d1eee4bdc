"""Background work of the compliance engine (django-tasks: immediate by default, or the DB queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def reevaluate_office(office_id: int) -> None:
    """Re-evaluate one office after its content changed."""
    from .rulebook import ensure_rules
    from .services import evaluate_office

    ensure_rules()
    evaluate_office(office_id)
