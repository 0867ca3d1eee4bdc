"""Background work of the content app (django-tasks: immediate by default, or the DB queue)."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def react_to_change(office_ids: list[int]) -> None:
    """Offices' content changed (and was committed): let every app react (``changes``)."""
    from .changes import office_changed

    for receiver, result in office_changed.send_robust(sender=react_to_change, office_ids=office_ids):
        if isinstance(result, Exception):
            logger.error("reacting to the change of offices %s failed in %r", office_ids[:10], receiver,
                         exc_info=(type(result), result, result.__traceback__))
