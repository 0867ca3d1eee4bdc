"""The national administrator edits the rulebook here (R-3.1): rules are data, not code."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CheckStatus, Confirmation, Flip, LinkCheck, OfficeScore, Rule
from .rulebook import RulebookError, RuleSpec


class RuleForm(forms.ModelForm):
    """Validated by ``rulebook.RuleSpec``, the schema the rulebook file is validated by."""

    class Meta:
        model = Rule
        fields = "__all__"

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


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ("code", "title_bn", "kind", "section", "weight", "active", "source")
    list_filter = ("kind", "section", "active")
    list_editable = ("weight", "active")
    search_fields = ("code", "title_bn", "title_en", "source")


@admin.register(Flip)
class FlipAdmin(admin.ModelAdmin):
    list_display = ("created", "office", "rule", "old_status", "new_status", "reason_shown", "processed")
    list_filter = ("new_status", "rule")
    raw_id_fields = ("office",)
    date_hierarchy = "created"

    @admin.display(description=_("কারণ"))
    def reason_shown(self, obj: Flip) -> str:
        return obj.reason_text()


@admin.register(CheckStatus)
class CheckStatusAdmin(admin.ModelAdmin):
    list_display = ("office", "rule", "status", "reason_shown", "points_lost", "since", "next_change_at")
    list_filter = ("status", "rule")

    @admin.display(description=_("কারণ"))
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


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ("url", "ok", "status_code", "error", "checked_at")
    list_filter = ("ok",)
    search_fields = ("url",)
