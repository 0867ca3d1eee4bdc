"""Edits made in the Django admin go to the change history like the workspace's do.

``AuditedAdmin`` is a mixin for a ``ModelAdmin``: every add, change and delete writes one
``AuditEntry`` (``services.record``) inside the admin's own transaction — the changed fields as
``{field: [old, new]}``, the many-to-many fields of the form, and the rows its inlines added,
changed or deleted under ``_inlines``. A save that changes nothing writes nothing. The entry
belongs to the office ``audit_office(obj)`` names, so it shows in that office's change log.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import HttpRequest

from .models import AuditEntry
from .services import diff_snapshots, record, snapshot


def plain(value: Any) -> Any:
    """A form value as JSON: records by their id, lists of records as sorted ids."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if all(not isinstance(v, dict | list) for v in items) else items
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _m2m_names(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.many_to_many}


def _form_changes(form: Any, names: set[str] | None = None) -> dict[str, list[Any]]:
    """``{field: [initial, cleaned]}`` for the form's changed fields (or only ``names``)."""
    out: dict[str, list[Any]] = {}
    for name in form.changed_data:
        if names is not None and name not in names:
            continue
        old, new = plain(form.initial.get(name)), plain(form.cleaned_data.get(name))
        if old != new and not (old in (None, "", []) and new in (None, "", [])):
            out[name] = [old, new]
    return out


def inline_changes(formsets: list[Any]) -> list[dict[str, Any]]:
    """What the inlines did: one line per row added, changed or deleted."""
    lines: list[dict[str, Any]] = []
    for formset in formsets:
        label = formset.model._meta.model_name
        created = {o.pk for o in getattr(formset, "new_objects", [])}
        deleted = getattr(formset, "_audit_deleted", [])
        deleted_forms = {id(f) for f in getattr(formset, "deleted_forms", [])}
        for form in formset.forms:
            obj = form.instance
            if not hasattr(form, "cleaned_data") or obj.pk is None or id(form) in deleted_forms:
                continue
            if obj.pk in created:
                lines.append({"model": label, "action": AuditEntry.Action.CREATE, "id": obj.pk,
                              "object": str(obj)[:200], "fields": snapshot(obj)})
            elif form.has_changed():
                fields = _form_changes(form)
                if fields:
                    lines.append({"model": label, "action": AuditEntry.Action.UPDATE, "id": obj.pk,
                                  "object": str(obj)[:200], "fields": fields})
        for pk, text, fields in deleted:
            lines.append({"model": label, "action": AuditEntry.Action.DELETE, "id": pk, "object": text,
                          "fields": fields})
    return lines


class AuditedAdmin(admin.ModelAdmin):
    """A ``ModelAdmin`` whose adds, changes and deletes are written to the change history."""

    def audit_office(self, obj: Any) -> Any:
        """The office whose change log the entry belongs to."""
        return getattr(obj, "office", None)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        old = type(obj)._default_manager.filter(pk=obj.pk).first() if change and obj.pk else None
        obj._audit_before = snapshot(old) if old is not None else None
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The rows about to be deleted, while they still have their id.
        formset._audit_deleted = [
            (f.instance.pk, str(f.instance)[:200], snapshot(f.instance))
            for f in formset.deleted_forms if f.instance.pk is not None
        ]
        super().save_formset(request, form, formset, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(obj, "_audit_before", None)
        changes: dict[str, Any] = diff_snapshots(before, snapshot(obj))
        changes.update(_form_changes(form, _m2m_names(type(obj))))
        inlines = inline_changes(list(formsets))
        if inlines:
            changes["_inlines"] = inlines
        if change and not changes:
            return  # saved as it was: nothing to record
        changes["_via"] = "admin"
        record(AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE, request.user, request,
               office=self.audit_office(obj), obj=obj, changes=changes)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record(AuditEntry.Action.DELETE, request.user, request, office=self.audit_office(obj), obj=obj,
                   changes={"_deleted": snapshot(obj), "_via": "admin"})
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                record(AuditEntry.Action.DELETE, request.user, request, office=self.audit_office(obj), obj=obj,
                       changes={"_deleted": snapshot(obj), "_via": "admin"})
            super().delete_queryset(request, queryset)
