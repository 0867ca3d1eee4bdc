"""A content save is the "ping": re-evaluate that office once the change is committed.

Many saves in one transaction (an import of 300 officers) enqueue one task per office, not
300: the offices are collected per database connection and flushed by the first on-commit
callback. If a transaction rolls back its callbacks are dropped; the collected ids are then
flushed by the next commit, which costs at most an extra re-evaluation.
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)

# Per thread, like Django's connections: one thread's commit must not flush another's offices.
_local = threading.local()


def _pending() -> dict[str, set[int]]:
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending


def _flush(using: str) -> None:
    from .tasks import reevaluate_office

    ids = _pending().pop(using, set())
    for office_id in sorted(ids):
        try:
            reevaluate_office.enqueue(office_id)
        except Exception:  # never let bookkeeping break the editor's save
            logger.exception("could not enqueue the re-evaluation of office %s", office_id)


def content_changed(sender, instance, using: str = "default", **kwargs) -> None:
    office_id = getattr(instance, "office_id", None)
    if not office_id:
        return
    _pending().setdefault(using, set()).add(office_id)
    transaction.on_commit(lambda: _flush(using), using=using)


def connect() -> None:
    from batayon.content.models import CONTENT_MODELS

    for model in CONTENT_MODELS:
        uid = f"compliance-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
