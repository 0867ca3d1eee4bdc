"""Background work of the content app (django-tasks: immediate by default, or the DB queue)."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def react_to_change(office_id: int) -> None:
    """An office's content changed (and was committed): let every app react (``changes``)."""
    from .changes import office_changed

    for receiver, result in office_changed.send_robust(sender=react_to_change, office_id=office_id):
        if isinstance(result, Exception):
            logger.error("reacting to office %s's change failed in %r", office_id, receiver,
                         exc_info=(type(result), result, result.__traceback__))
