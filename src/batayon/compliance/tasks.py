"""Background work of the compliance app (django-tasks: immediate by default, or the DB queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def reevaluate_rulebook() -> None:
    """The rulebook changed (a rule saved in the admin, after commit): every office is
    evaluated again, set-based, and its flips written."""
    from .services import evaluate

    evaluate(full=True)
