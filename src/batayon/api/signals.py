"""Keep the search index and the registry's ETags current.

Content changes reach the index through ``content.changes.office_changed`` (sent after
commit, once per office per transaction): the office's documents are rebuilt. Indexing is
"robust": a failure is logged and never undoes the editor's change; ``batayon reindex``
repairs anything missed. Office rows themselves also bump the registry version, so list
responses' ETags change with them.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from batayon.content.changes import office_changed, office_content_changed
from batayon.offices.models import Office

from . import index

REGISTRY_VERSION_KEY = "api:registry-version"


def bump_registry_version() -> None:
    """Office rows changed: list responses' ETags must change with them."""
    try:
        cache.incr(REGISTRY_VERSION_KEY)
    except ValueError:
        cache.set(REGISTRY_VERSION_KEY, 1, None)


def reindex(sender, office_ids: list[int], **kwargs) -> None:
    """Rebuild the changed offices' documents (after commit, once per office)."""
    if len(office_ids) == 1:
        index.reindex_office(office_ids[0])
    else:  # a bulk load: one batched pass
        index.reindex(Office.objects.filter(pk__in=office_ids))


def _office_saved(sender, instance, raw: bool = False, using: str = "default", **kwargs) -> None:
    bump_registry_version()
    if not raw:
        office_content_changed(instance.pk, using=using)


def _office_deleted(sender, instance, **kwargs) -> None:
    bump_registry_version()


def connect() -> None:
    office_changed.connect(reindex, dispatch_uid="api-reindex")
    post_save.connect(_office_saved, sender=Office, dispatch_uid="api-index-office-save")
    post_delete.connect(_office_deleted, sender=Office, dispatch_uid="api-index-office-delete")
