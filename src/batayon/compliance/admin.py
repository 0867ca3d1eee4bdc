"""The national administrator edits the rulebook here (R-3.1): rules are data, not code.

A change goes through three steps: the form (validated by ``rulebook.RuleSpec``, the schema
the rulebook file is validated by), a preview (how many offices the change would flip,
computed by the engine without writing anything) and the confirmed save, which records a
``RuleRevision`` and an audit entry in the same transaction and, once committed, re-evaluates
every office as a task. A change dated later waits in its revision until that date.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from batayon.core.templatetags.bn import day, num

from .models import CheckStatus, Confirmation, Flip, OfficeScore, Rule, RuleRevision, Status
from .rulebook import RulebookError, RuleSpec

# POST keys that are buttons or the token, not the rule: not carried into the preview's form.
_NOT_CARRIED = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_confirmed"}


class RuleForm(forms.ModelForm):
    """Validated by ``rulebook.RuleSpec``, the schema the rulebook file is validated by."""

    effective_from = forms.DateField(
        label=gettext_lazy("কার্যকর হওয়ার তারিখ"),
        initial=timezone.localdate,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("এই তারিখ থেকে পরিবর্তনটি কার্যকর হবে; আজ হলে সংরক্ষণের সঙ্গে সঙ্গে।"),
    )
    note = forms.CharField(
        label=gettext_lazy("টীকা"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("কেন পরিবর্তন করা হলো (ইতিহাসে থাকবে)"),
    )

    class Meta:
        model = Rule
        fields = "__all__"

    def clean_effective_from(self):
        day = self.cleaned_data.get("effective_from") or timezone.localdate()
        if day < timezone.localdate():
            raise forms.ValidationError(_("কার্যকর হওয়ার তারিখ আজকের আগে হতে পারে না।"))
        return day

    def clean(self):
        data = super().clean()
        if self.errors:  # a field's own error (e.g. bad JSON) is already shown there
            return data
        spec = {name: data.get(name) for name in RuleSpec.model_fields if name in data}
        try:
            RuleSpec.of(spec, data.get("code") or "?")
        except RulebookError as exc:
            field = (exc.field or "").split(".")[0]
            raise forms.ValidationError({field: str(exc)} if field in self.fields else str(exc)) from exc
        return data


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return num(value)
    return str(value)


def field_label(name: str) -> str:
    field = Rule._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def status_label(status: str) -> str:
    return str(Status(status).label) if status else _("হিসাবের বাইরে")


class RuleRevisionInline(admin.TabularInline):
    """The rule's history, read-only: who, when, what changed from what, from which date."""

    model = RuleRevision
    fk_name = "rule"
    fields = ("when", "username", "effective", "applied", "changes_shown", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-created_at", "-id")
    verbose_name = gettext_lazy("পরিবর্তন")
    verbose_name_plural = gettext_lazy("পরিবর্তনের ইতিহাস")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("কখন"))
    def when(self, obj: RuleRevision) -> str:
        return f"{day(obj.created_at)}, {num(timezone.localtime(obj.created_at).strftime('%H:%M'))}"

    @admin.display(description=gettext_lazy("কার্যকর হওয়ার তারিখ"))
    def effective(self, obj: RuleRevision) -> str:
        return day(obj.effective_from)

    @admin.display(description=gettext_lazy("কার্যকর হয়েছে"))
    def applied(self, obj: RuleRevision) -> str:
        return day(obj.applied_at) if obj.applied_at else _("অপেক্ষমাণ")

    @admin.display(description=gettext_lazy("কী বদলেছে (আগে → পরে)"))
    def changes_shown(self, obj: RuleRevision) -> str:
        return "; ".join(f"{field_label(name)}: {_shown(old)} → {_shown(new)}" for name, old, new in obj.changes())


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ("code", "title_bn", "kind", "section", "weight", "active", "source", "updated_at")
    list_filter = ("kind", "section", "active")
    search_fields = ("code", "title_bn", "title_en", "source")
    inlines = (RuleRevisionInline,)
    # Every change goes through the form, its preview and its revision: no editing in the
    # list, and no deleting (a rule is deactivated; its flips and history stay readable).
    preview_template = "admin/compliance/rule/preview.html"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_confirmed" not in request.POST:
            response = self._preview(request, object_id)
            if response is not None:
                return response
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview(self, request: HttpRequest, object_id: str | None) -> HttpResponse | None:
        """The valid change, not saved: how many offices it would flip. ``None`` when the
        form has errors (Django's own view shows them)."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and obj is None:
            return None  # Django's view answers for a missing object
        allowed = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if not allowed:
            raise PermissionDenied
        old = obj.revised_values() if obj else {}
        form = self.get_form(request, obj, change=obj is not None)(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return None
        rule = form.save(commit=False)  # in memory only
        new = rule.revised_values()
        flips = [(status_label(a), status_label(b), n) for a, b, n in rule.flips_if_saved()]
        changes = [
            (field_label(name), _shown(old.get(name)), _shown(value))
            for name, value in new.items()
            if not old or old.get(name) != value
        ]
        effective = form.cleaned_data["effective_from"]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("পরিবর্তনের পূর্বাভাস: %(code)s") % {"code": rule.code},
            "rule": rule,
            "adding": obj is None,
            "changes": changes,
            "flips": flips,
            "total": sum(n for _a, _b, n in flips),
            "effective_from": effective,
            "later": effective > timezone.localdate(),
            "carried": [(k, v) for k, values in request.POST.lists() if k not in _NOT_CARRIED for v in values],
            "back_url": request.get_full_path(),
        }
        return TemplateResponse(request, self.preview_template, context)

    def save_model(self, request: HttpRequest, obj: Rule, form: RuleForm, change: bool) -> None:
        today = timezone.localdate()
        effective = form.cleaned_data.get("effective_from") or today
        note = form.cleaned_data.get("note") or ""
        old = Rule.objects.get(pk=obj.pk).revised_values() if change else {}
        new = obj.revised_values()
        later = effective > today
        obj._scheduled = later  # type: ignore[attr-defined]
        if change and old == new:
            return  # nothing changed: no revision, no re-evaluation
        from batayon.history.models import AuditEntry
        from batayon.history.services import record

        from .tasks import reevaluate_rulebook

        with transaction.atomic():
            if not later:
                obj.save()
            elif not change:
                obj.active = False  # a new rule exists from now, and counts from its date
                obj.save()
            # (a change dated later leaves the rule as it is today; the revision waits)
            revision = RuleRevision.record(obj, old, new, request.user, effective, note, applied=not later)
            record(
                AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
                request.user,
                request,
                obj=obj,
                changes={
                    **{name: [old.get(name), value] for name, value in revision.new_values.items()},
                    "effective_from": effective.isoformat(),
                    "note": note,
                },
            )
            if not later:
                transaction.on_commit(lambda: reevaluate_rulebook.enqueue())

    def response_change(self, request: HttpRequest, obj: Rule) -> HttpResponse:
        return self._scheduled_response(request, obj) or super().response_change(request, obj)

    def response_add(self, request: HttpRequest, obj: Rule, post_url_continue=None) -> HttpResponse:
        return self._scheduled_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def _scheduled_response(self, request: HttpRequest, obj: Rule) -> HttpResponse | None:
        if not getattr(obj, "_scheduled", False):
            return None
        revision = obj.revisions.pending().order_by("-id").first()
        when = day(revision.effective_from) if revision else ""
        self.message_user(
            request,
            _("“%(code)s” নিয়মের পরিবর্তনটি সংরক্ষিত হয়েছে; %(day)s থেকে কার্যকর হবে।")
            % {"code": obj.code, "day": when},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:compliance_rule_change", args=[obj.pk]))


@admin.register(RuleRevision)
class RuleRevisionAdmin(admin.ModelAdmin):
    """Every change of the rulebook, nationally (also those waiting for their date)."""

    list_display = ("created_at", "rule", "username", "effective_from", "applied_at", "note")
    list_filter = ("effective_from",)
    search_fields = ("rule__code", "username", "note")
    readonly_fields = ("rule", "user", "username", "created_at", "effective_from", "applied_at",
                       "old_values", "new_values", "note")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Flip)
class FlipAdmin(admin.ModelAdmin):
    list_display = ("created", "office", "rule", "old_status", "new_status", "reason_shown", "processed")
    list_filter = ("new_status", "rule")
    raw_id_fields = ("office",)
    date_hierarchy = "created"

    @admin.display(description=gettext_lazy("কারণ"))
    def reason_shown(self, obj: Flip) -> str:
        return obj.reason_text()


@admin.register(CheckStatus)
class CheckStatusAdmin(admin.ModelAdmin):
    list_display = ("office", "rule", "status", "reason_shown", "points_lost", "since", "next_change_at")
    list_filter = ("status", "rule")

    @admin.display(description=gettext_lazy("কারণ"))
    def reason_shown(self, obj: CheckStatus) -> str:
        return obj.reason_text()

    raw_id_fields = ("office",)


@admin.register(OfficeScore)
class OfficeScoreAdmin(admin.ModelAdmin):
    list_display = ("office", "score", "band", "failing", "evaluated_at")
    list_filter = ("band",)
    raw_id_fields = ("office",)


@admin.register(Confirmation)
class ConfirmationAdmin(admin.ModelAdmin):
    list_display = ("office", "section", "user", "created")
    raw_id_fields = ("office", "user")
