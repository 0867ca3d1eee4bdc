"""Saving content with its revision and audit entry in one transaction.

Views never call ``instance.save()`` on content directly: they call :func:`save_content`
(or :func:`delete_content`, :func:`record`), so the change, its revision and its audit
entry are committed together or not at all. A signal would not do: it cannot see the
request (who, from where) and a failure in it could not be tied to the change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditEntry, Revision

# Bookkeeping fields: they change on every save and say nothing a reader needs in a diff.
BOOKKEEPING = {"id", "version", "updated_at", "updated_by_id", "created_at"}
# Never taken from an old revision on restore: identity, tenancy and bookkeeping.
NOT_RESTORED = BOOKKEEPING | {"office_id"}


class StaleEdit(Exception):
    """The record changed since the form was opened; the save is refused."""

    def __init__(self, current: models.Model):
        super().__init__("stale edit")
        self.current = current


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _user_agent(request: HttpRequest | None) -> str:
    return (request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300]


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Every concrete field of ``instance`` as JSON-safe values, keyed by column name."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = field.value_from_object(instance)
        if isinstance(value, FieldFile):
            value = value.name or ""
        data[field.attname] = value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def diff_snapshots(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, list[Any]]:
    """``{column: [old, new]}`` for every column that changed (bookkeeping left out)."""
    old = old or {}
    return {
        key: [old.get(key), value]
        for key, value in new.items()
        if key not in BOOKKEEPING and old.get(key) != value and not (old.get(key) in (None, "") and value in (None, ""))
    }


def record(
    action: str,
    user: Any,
    request: HttpRequest | None,
    *,
    office: Any = None,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry (the caller decides the transaction it belongs to)."""
    actor = _actor(user)
    return AuditEntry.objects.create(
        user=actor,
        username=getattr(actor, "username", "") or "",
        action=action,
        office=office if office is not None else getattr(obj, "office", None),
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=obj.pk if obj is not None else None,
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes or {},
        ip=client_ip(request),
        user_agent=_user_agent(request),
    )


def save_content(
    instance: models.Model,
    user: Any,
    request: HttpRequest | None = None,
    *,
    action: str | None = None,
    expected_version: int | None = None,
    note: dict[str, Any] | None = None,
) -> Revision:
    """Save a content record with its revision and audit entry, atomically.

    ``expected_version`` is the version the user's form was opened with: if the stored row
    has moved on since, :class:`StaleEdit` is raised and nothing is written.
    """
    model = type(instance)
    with transaction.atomic():
        old = None
        if instance.pk:
            current = model._default_manager.select_for_update().filter(pk=instance.pk).first()
            if current is None:
                raise StaleEdit(instance)
            if expected_version is not None and current.version != expected_version:
                raise StaleEdit(current)
            old = snapshot(current)
            # The form's instance was loaded before the lock: continue from the stored version.
            instance.version = current.version
        created = old is None
        instance.updated_by = _actor(user)
        instance.save()
        new = snapshot(instance)
        revision = Revision.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            object_id=instance.pk,
            office_id=instance.office_id,
            version=instance.version,
            data=new,
            user=_actor(user),
            ip=client_ip(request),
        )
        changes = diff_snapshots(old, new)
        if note:
            changes = {**changes, "_note": note}
        record(
            action or (AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE),
            user,
            request,
            obj=instance,
            changes=changes,
        )
        return revision


def delete_content(instance: models.Model, user: Any, request: HttpRequest | None = None) -> None:
    """Delete a record; the audit entry keeps its last state so nothing is lost for good."""
    with transaction.atomic():
        record(AuditEntry.Action.DELETE, user, request, obj=instance, changes={"_deleted": snapshot(instance)})
        instance.delete()


def revisions_of(instance: models.Model) -> models.QuerySet[Revision]:
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).select_related("user")


def restore(
    instance: models.Model, revision: Revision, user: Any, request: HttpRequest | None = None,
    *, expected_version: int | None = None,
) -> Revision:
    """Bring back the fields of an old revision; the result is itself a new revision."""
    if revision.object_id != instance.pk or revision.content_type.model_class() is not type(instance):
        raise ValueError("revision of another record")
    fields = {f.attname: f for f in instance._meta.concrete_fields}
    for attname, value in revision.data.items():
        if attname in NOT_RESTORED or attname not in fields:
            continue
        field = fields[attname]
        if field.is_relation and value is not None:
            # A record an old version pointed at may be gone; restore the rest without it.
            if not field.related_model._default_manager.filter(pk=value).exists():
                value = None
        setattr(instance, attname, field.to_python(value) if value is not None else None)
    return save_content(
        instance, user, request, action=AuditEntry.Action.RESTORE, expected_version=expected_version,
        note={"restored_version": revision.version},
    )


# ----- Reading history: a diff between consecutive versions, with Bangla labels -------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


LANGUAGE_SUFFIX = {"bn": gettext_lazy("বাংলা"), "en": gettext_lazy("ইংরেজি")}


def field_label(model: type[models.Model], attname: str) -> str:
    """The field's Bangla name, with the language for translated columns ("নাম (ইংরেজি)")."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    field = fields.get(attname)
    base, _sep, lang = attname.rpartition("_")
    if lang in LANGUAGE_SUFFIX and base in {f.name for f in model._meta.concrete_fields}:
        base_field = model._meta.get_field(base)
        return f"{base_field.verbose_name} ({LANGUAGE_SUFFIX[lang]})"
    if field is None:
        return attname
    return str(field.verbose_name)


def display_value(model: type[models.Model], attname: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    fields = {f.attname: f for f in model._meta.concrete_fields}
    field = fields.get(attname)
    if isinstance(value, bool):
        return _("হ্যাঁ") if value else _("না")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else f"#{value}"
    return str(value)


def field_changes(model: type[models.Model], old: dict[str, Any] | None, new: dict[str, Any]) -> list[FieldChange]:
    changes = diff_snapshots(old, new)
    # The untranslated base column mirrors the Bangla one (modeltranslation); show it once.
    shown = [k for k in changes if not (k + "_bn" in new)]
    return [
        FieldChange(field_label(model, k), display_value(model, k, changes[k][0]), display_value(model, k, changes[k][1]))
        for k in shown
    ]


def history_with_diffs(instance: models.Model) -> list[tuple[Revision, list[FieldChange]]]:
    """Each revision, newest first, with what it changed compared with the one before."""
    revisions = list(revisions_of(instance).order_by("version", "id"))
    out: list[tuple[Revision, list[FieldChange]]] = []
    previous: dict[str, Any] | None = None
    for rev in revisions:
        out.append((rev, field_changes(type(instance), previous, rev.data)))
        previous = rev.data
    out.reverse()
    return out
