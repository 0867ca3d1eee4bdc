from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from batayon.compliance.models import Rule
from batayon.offices.models import Tier

from .models import ReminderPreference
from .presets import PRESETS


class DirectiveForm(forms.Form):
    subject = forms.CharField(label=_("বিষয়"), max_length=300)
    body = forms.CharField(label=_("পত্রের মূল অংশ"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    memo_number = forms.CharField(label=_("স্মারক নম্বর"), max_length=100, required=False)
    issued_on = forms.DateField(label=_("জারির তারিখ"), widget=forms.DateInput(attrs={"type": "date"}))
    working_days = forms.IntegerField(
        label=_("কত কর্মদিবসের মধ্যে"), min_value=1, max_value=200, required=False
    )
    deadline = forms.DateField(
        label=_("অথবা নির্দিষ্ট তারিখ"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    under = forms.CharField(label=_("যে দপ্তরের অধীনে (ডোমেইন; খালি: সব)"), required=False)
    offices = forms.CharField(
        label=_("অথবা বাছাই করা দপ্তর (প্রতি লাইনে একটি ডোমেইন)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    tiers = forms.MultipleChoiceField(
        label=_("স্তর"), choices=Tier.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    preset = forms.ChoiceField(
        label=_("প্রস্তুত তালিকা"), required=False, choices=[("", "—"), *[(k, k) for k in PRESETS]]
    )
    rules = forms.ModelMultipleChoiceField(
        label=_("নিয়মাবলির বিষয়"),
        queryset=Rule.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    free_items = forms.CharField(
        label=_("অন্যান্য করণীয় (প্রতি লাইনে একটি; তত্ত্বাবধায়ক নিশ্চিত করবেন)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    distribution = forms.CharField(label=_("বিতরণ"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    copies = forms.CharField(label=_("অনুলিপি"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    signatory_name = forms.CharField(label=_("স্বাক্ষরকারীর নাম"), max_length=200, required=False)
    signatory_designation = forms.CharField(label=_("স্বাক্ষরকারীর পদবি"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("working_days")) == bool(data.get("deadline")):
            raise forms.ValidationError(_("সময়সীমা দিন: একটি তারিখ অথবা কত কর্মদিবস।"))
        return data


class WaiverForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    item = forms.IntegerField(widget=forms.HiddenInput)
    justification = forms.CharField(label=_("কারণ"), widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = forms.DateField(label=_("মেয়াদ"), widget=forms.DateInput(attrs={"type": "date"}))


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ("frequency", "language")
        labels: ClassVar[dict[str, Any]] = {"frequency": _("সারসংক্ষেপ ই-মেইল কতবার"), "language": _("ই-মেইলের ভাষা")}
