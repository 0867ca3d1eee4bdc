"""Forms an office's editors use to enter a meeting, its decisions and its attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from batayon.bangla.dates import parse_date
from batayon.bangla.text import nfc
from batayon.compliance.models import Rule
from batayon.offices.models import Office
from batayon.oversight.models import Directive

from .models import Attendance, Committee, Meeting


class BanglaDateField(forms.CharField):
    """Accepts ১৯/১১/২০২৩, 19.11.2023 or 2023-11-19; the error says how to write it, in Bangla."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class MeetingForm(forms.ModelForm):
    date = BanglaDateField(label=_("সভার তারিখ"))
    issued_on = BanglaDateField(label=_("কার্যবিবরণীর তারিখ"), required=False)
    distribution = forms.CharField(label=_("বিতরণ"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                   help_text=_("প্রতি লাইনে একটি প্রাপক"))

    class Meta:
        model = Meeting
        fields = ("number", "date", "time", "place", "chair_name", "chair_designation", "opening", "closing",
                  "memo_number", "issued_on", "signatory_name", "signatory_designation", "distribution",)
        labels: ClassVar[dict[str, Any]] = {"number": _("সভার ক্রম"), "time": _("সভার সময়"), "place": _("স্থান"),
                  "chair_name": _("সভাপতি"), "chair_designation": _("সভাপতির পদবি"), "opening": _("সূচনা"),
                  "closing": _("সমাপ্তি"), "memo_number": _("স্মারক নম্বর"), "signatory_name": _("স্বাক্ষরকারী"),
                  "signatory_designation": _("স্বাক্ষরকারীর পদবি")}
        widgets: ClassVar[dict[str, Any]] = {"time": forms.TimeInput(attrs={"type": "time"}), "opening": forms.Textarea(attrs={"rows": 4}),
                   "closing": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        for key, value in list(data.items()):
            if isinstance(value, str):
                data[key] = nfc(value.strip())
        return data


class DecisionForm(forms.Form):
    discussion_title = forms.CharField(label=_("আলোচ্য বিষয়"), max_length=300, required=False)
    discussion = forms.CharField(label=_("আলোচনা"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    text = forms.CharField(label=_("সিদ্ধান্ত"), widget=forms.Textarea(attrs={"rows": 3}))
    implementers = forms.CharField(label=_("বাস্তবায়নকারী"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                   help_text=_("প্রতি লাইনে একজন (দপ্তর, কর্মকর্তা বা পদবি)"))
    deadline = BanglaDateField(label=_("সময়সীমা"), required=False)
    rules = forms.ModelMultipleChoiceField(label=_("যে নিয়ম দিয়ে অগ্রগতি মাপা হবে"), required=False,
                                           queryset=Rule.objects.filter(active=True),
                                           widget=forms.SelectMultiple(attrs={"size": 6}))
    directive = forms.ModelChoiceField(label=_("যে নির্দেশনা দিয়ে অগ্রগতি মাপা হবে"), required=False,
                                       queryset=Directive.objects.none(),
                                       help_text=_("কমিটির এলাকার দপ্তরের জারি করা বা এলাকার দপ্তরকে দেওয়া নির্দেশনা"),
                                       error_messages={"invalid_choice": _("এই নির্দেশনা এই কমিটির এলাকার নয়।")})

    def __init__(self, *args: Any, committee: Committee | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["directive"]
        assert isinstance(field, forms.ModelChoiceField)
        if committee is not None:
            field.queryset = directives_for(committee)

    def clean_implementers(self) -> list[str]:
        lines = [nfc(line.strip()) for line in self.cleaned_data["implementers"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("অন্তত একজন বাস্তবায়নকারী লিখুন।"))
        return lines

    def clean_deadline(self) -> dt.date | None:
        return self.cleaned_data.get("deadline")


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ("kind", "name", "designation")
        labels: ClassVar[dict[str, Any]] = {"kind": _("উপস্থিতি"), "name": _("নাম"), "designation": _("পদবি ও দপ্তর")}


def directives_for(committee: Committee):
    """The directives a committee's decision can be measured by: issued by its office or an
    office of its area, or addressed to an office of its area."""
    offices = Office.objects.filter(Q(pk=committee.office_id) | Q(geo_path__startswith=committee.area.path))
    return Directive.objects.concerning(offices).select_related("issuer").order_by("-issued_on", "-pk")
