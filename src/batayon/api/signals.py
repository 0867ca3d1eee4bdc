"""Keep the search index current: every committed change to content re-indexes what it touches.

Indexing runs after the transaction commits (never inside an editor's save) and is "robust":
a failure to index is logged and never undoes the editor's change; ``batayon reindex``
repairs anything missed. Bulk loads (the registry, imports) bypass signals and are followed
by ``batayon reindex``.
"""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from batayon.content.models import DesignatedOfficer, Notice, Officer, Service
from batayon.offices.models import Office

from . import index
from .models import SearchDocument

REGISTRY_VERSION_KEY = "api:registry-version"


def bump_registry_version() -> None:
    """Office rows changed: list responses' ETags must change with them."""
    try:
        cache.incr(REGISTRY_VERSION_KEY)
    except ValueError:
        cache.set(REGISTRY_VERSION_KEY, 1, None)


_scheduled = threading.local()


def _later(func, *args) -> None:
    """Run ``func(*args)`` after commit, once however many saves in the transaction ask.

    An import of 1,000 officers asks 1,000 times for the same office to be re-indexed.
    Every save queues a callback, but only the most recently queued one for a key does the
    work (it runs last, after every row is written); the others return at once.
    """
    key = (func, *args)
    latest = getattr(_scheduled, "latest", None)
    if latest is None:
        latest = _scheduled.latest = {}

    def callback() -> None:
        if latest.get(key) is callback:
            del latest[key]
            func(*args)

    latest[key] = callback
    transaction.on_commit(callback, robust=True)


def _officers_changed(sender, instance, **kwargs) -> None:
    _later(index.reindex_officers, instance.office_id)


def _designation_changed(sender, instance, **kwargs) -> None:
    # The designated officer's document lists the role with the designating office's name;
    # the officer may belong to another office (a DC is many offices' appeal authority).
    _later(index.reindex_officers, instance.office_id)
    officer_office = (Officer.objects.filter(pk=instance.officer_id).values_list("office_id", flat=True).first()
                      if instance.officer_id else None)
    if officer_office and officer_office != instance.office_id:
        _later(index.reindex_officers, officer_office)


def _object_changed(sender, instance, **kwargs) -> None:
    kind = SearchDocument.Kind.SERVICE if sender is Service else SearchDocument.Kind.NOTICE
    _later(index.index_object, kind, instance.pk)


def _office_saved(sender, instance, **kwargs) -> None:
    bump_registry_version()
    _later(index.reindex_office, instance.pk)


def _office_deleted(sender, instance, **kwargs) -> None:
    bump_registry_version()


def connect() -> None:
    post_save.connect(_officers_changed, sender=Officer, dispatch_uid="api-index-Officer-save")
    post_delete.connect(_officers_changed, sender=Officer, dispatch_uid="api-index-Officer-delete")
    post_save.connect(_designation_changed, sender=DesignatedOfficer, dispatch_uid="api-index-DesignatedOfficer-save")
    post_delete.connect(_designation_changed, sender=DesignatedOfficer,
                        dispatch_uid="api-index-DesignatedOfficer-delete")
    for model in (Service, Notice):
        post_save.connect(_object_changed, sender=model, dispatch_uid=f"api-index-{model.__name__}-save")
        post_delete.connect(_object_changed, sender=model, dispatch_uid=f"api-index-{model.__name__}-delete")
    post_save.connect(_office_saved, sender=Office, dispatch_uid="api-index-office-save")
    post_delete.connect(_office_deleted, sender=Office, dispatch_uid="api-index-office-delete")
