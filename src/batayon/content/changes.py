"""The one way apps learn that an office's content changed: ``office_content_changed``.

Whoever changes an office's content — a save in the workspace (the post_save/post_delete
receivers below), an import, the registry loader, the demo loader, the synthetic generator —
calls ``office_content_changed(office_id)`` or, for many offices at once,
``offices_content_changed(ids)``. Nothing happens inside the transaction: after it commits,
ONE ``content.tasks.react_to_change`` task is enqueued per office per transaction (an import
of 300 officers is one task, not 300; a bulk call is one task for all its offices), and that
task sends the ``office_changed`` signal.

How apps react: they connect a receiver to ``office_changed`` (a ``django.dispatch.Signal``
with the argument ``office_ids``, a sorted list of ids) in their ``AppConfig.ready()``. Content sits below
compliance and api and may not import them; the signal is how it calls up. Today:

- compliance re-evaluates the office (``compliance.apps``),
- api re-indexes the office for search (``api.apps``).

Receivers run with ``send_robust``: one app's failure is logged and never stops another's,
and never undoes the editor's change (``batayon reindex`` / ``batayon evaluate`` repair).

Transactions: every call registers one on-commit callback (cheap: a partial); the
callbacks of one transaction share a batch, and when they run after the commit each enqueues
the offices no earlier callback of the batch has enqueued (the first to run also detaches the batch, so
the next transaction starts a new one). A rolled-back transaction or savepoint drops its callbacks, so a change that never
happened enqueues nothing. Outside a transaction (autocommit) the task is enqueued at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent by the task, after commit, once per changed office; argument: office_ids (a list).
office_changed = Signal()

_local = threading.local()


class _Batch:
    """The offices of one transaction whose task has been enqueued."""

    def __init__(self) -> None:
        self.done: set[int] = set()


def _batch(using: str) -> _Batch:
    batches = getattr(_local, "batches", None)
    if batches is None:
        batches = _local.batches = {}
    if using not in batches:
        batches[using] = _Batch()
    return batches[using]


def _enqueue(batch: _Batch, office_ids: frozenset[int], using: str) -> None:
    batches = getattr(_local, "batches", {})
    if batches.get(using) is batch:  # the transaction is over: later changes start a new batch
        del batches[using]
    new = sorted(office_ids - batch.done)
    if not new:
        return
    batch.done.update(new)
    from .tasks import react_to_change

    try:
        react_to_change.enqueue(new)
    except Exception:  # never let bookkeeping break the editor's save
        logger.exception("could not enqueue the reaction to the change of offices %s", new[:10])


def offices_content_changed(office_ids: Iterable[int], using: str = "default") -> None:
    """The content of these offices changed: each is reacted to once, after commit.

    A bulk load calls this once with every office it wrote: ONE task, and the receivers do
    set-based work (one evaluation run, one re-index) for all of them.
    """
    ids = frozenset(int(i) for i in office_ids if i)
    if ids:
        transaction.on_commit(partial(_enqueue, _batch(using), ids, using), using=using)


def office_content_changed(office_id: int, using: str = "default") -> None:
    """The content of one office changed (see the module docstring)."""
    offices_content_changed([office_id], using=using)


def _content_saved_or_deleted(sender, instance, using: str = "default", raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: fixtures are followed by ``batayon reindex``/``evaluate``
        return
    office_id = getattr(instance, "office_id", None)
    if office_id:
        office_content_changed(office_id, using=using)


def connect() -> None:
    from .models import CONTENT_MODELS

    for model in CONTENT_MODELS:
        uid = f"content-changed-{model._meta.label_lower}"
        post_save.connect(_content_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_content_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-delete")
