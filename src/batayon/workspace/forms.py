"""Forms for every kind of content: Bangla and English side by side.

Each form knows its layout: a list of rows, each either a pair (the Bangla and English
columns of one translated field) or a single field. Uploads go through ``uploads``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from batayon.bangla.digits import to_latin_digits
from batayon.content.models import (
    CharterExpectation,
    CharterGrievanceStep,
    CitizenCharter,
    DesignatedOfficer,
    Document,
    FocalPoint,
    Notice,
    Officer,
    Page,
    Project,
    Service,
)
from batayon.offices.models import Office

from . import uploads


def tr_fields(*names: str) -> list[str]:
    return [f"{n}_{lang}" for n in names for lang in ("bn", "en")]


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value: Any) -> str | None:
        return value.isoformat() if hasattr(value, "isoformat") else value


def _formfield(field: Any, **kwargs: Any) -> Any:
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ContentForm(forms.ModelForm):
    """Common behaviour: bilingual layout, Bangla required where the model requires the field,
    office-scoped choices of officers, safe uploads, Bangla digits accepted in numbers."""

    class Meta:
        formfield_callback = _formfield

    translated: tuple[str, ...] = ()
    file_fields: dict[str, dict[str, Any]] = {}

    def __init__(self, *args: Any, office: Office, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.office = office
        model = self._meta.model
        for name in self.translated:
            base = model._meta.get_field(name)
            bn, en = self.fields.get(f"{name}_bn"), self.fields.get(f"{name}_en")
            if bn is not None:
                bn.label = _("%(field)s (বাংলা)") % {"field": base.verbose_name}
                bn.required = not base.blank
                bn.widget.attrs["lang"] = "bn"
            if en is not None:
                en.label = f"{base.verbose_name} (English)"
                en.required = False
                en.widget.attrs["lang"] = "en"
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Officer:
                field.queryset = officer_choices(office)
                field.empty_label = _("— বেছে নিন —")
        for name, options in self.file_fields.items():
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = forms.FileField(
                    label=old.label, required=old.required, help_text=options.get("help", "")
                )
                accept = ",".join(uploads.EXTENSIONS[k] for k in sorted(options["allowed"]))
                self.fields[name].widget.attrs["accept"] = accept

    def layout(self) -> list[tuple[str, Any, Any]]:
        """Rows for the template: ("pair", bangla, english) or ("single", field, None)."""
        rows: list[tuple[str, Any, Any]] = []
        done: set[str] = set()
        for name in self.fields:
            if name in done:
                continue
            base, _sep, lang = name.rpartition("_")
            if lang in ("bn", "en") and base in self.translated:
                rows.append(("pair", self[f"{base}_bn"], self[f"{base}_en"]))
                done |= {f"{base}_bn", f"{base}_en"}
            else:
                rows.append(("single", self[name], None))
                done.add(name)
        return rows

    def _clean_upload(self, name: str) -> Any:
        value = self.cleaned_data.get(name)
        if not value or not hasattr(value, "read") or getattr(value, "_committed", False):
            return value  # unchanged or cleared
        options = self.file_fields[name]
        clean = uploads.clean_upload(value, allowed=options["allowed"], photo=options.get("photo", False))
        return clean.as_django_file()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in self.file_fields:
            if name in self.fields and name in data:
                try:
                    data[name] = self._clean_upload(name)
                except uploads.UploadRejected as exc:
                    self.add_error(name, exc.messages)
        return data

    def full_clean(self) -> None:
        # Bangla digits are ordinary in Bangla forms: accept them in number and date fields.
        if self.is_bound and hasattr(self.data, "copy"):
            data = self.data.copy()
            for name, field in self.fields.items():
                if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.DateField)):
                    key = self.add_prefix(name)
                    if key in data and isinstance(data[key], str):
                        data[key] = to_latin_digits(data[key])
            self.data = data
        super().full_clean()


def officer_choices(office: Office):
    """Officers of this office who have not left, plus those of its supervising office
    (an appeal authority is often there)."""
    offices = [office.pk]
    sup = office.supervisor
    if sup is not None:
        offices.append(sup.pk)
    return Officer.objects.current(published=False).filter(office_id__in=offices).select_related("office").order_by("sort_order", "id")


class OfficerForm(ContentForm):
    translated = ("name", "designation", "section_name")
    file_fields = {"photo": {"allowed": uploads.IMAGE_KINDS, "photo": True, "help": _("JPEG বা PNG; মেটাডেটা মুছে ফেলা হয়")}}

    class Meta(ContentForm.Meta):
        model = Officer
        fields = [*tr_fields("name", "designation", "section_name"), "mobile", "phone", "email", "photo",
                  "sort_order", "joined_on"]


class NoticeForm(ContentForm):
    translated = ("title", "body")
    file_fields = {"attachment": {"allowed": uploads.DOCUMENT_KINDS, "help": _("PDF, ছবি, DOCX বা XLSX")}}

    class Meta(ContentForm.Meta):
        model = Notice
        fields = [*tr_fields("title", "body"), "memo_number", "publish_date", "archive_date", "attachment"]
        widgets = {"body_bn": forms.Textarea(attrs={"rows": 6}), "body_en": forms.Textarea(attrs={"rows": 6})}


class CharterForm(ContentForm):
    translated = ("vision", "mission")

    class Meta(ContentForm.Meta):
        model = CitizenCharter
        fields = [*tr_fields("vision", "mission"), "approved_on"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in tr_fields("vision", "mission")}


class GrievanceStepForm(ContentForm):
    translated = ("when", "contact", "time_limit")

    class Meta(ContentForm.Meta):
        model = CharterGrievanceStep
        fields = ["step", *tr_fields("when"), "contact_officer", *tr_fields("contact", "time_limit")]


class ExpectationForm(ContentForm):
    translated = ("text",)

    class Meta(ContentForm.Meta):
        model = CharterExpectation
        fields = ["step", *tr_fields("text")]


class ServiceForm(ContentForm):
    translated = ("name", "delivery_method", "required_documents", "fee", "time_limit")

    class Meta(ContentForm.Meta):
        model = Service
        fields = [
            "audience", "sort_order",
            *tr_fields("name", "delivery_method", "required_documents", "fee", "time_limit"),
            "responsible_officer", "link", "in_service_box",
            "delivery_mode", "eservice_status", "eservice_priority", "eservice_target_date",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in tr_fields("delivery_method", "required_documents", "fee")}


class DesignatedOfficerForm(ContentForm):
    translated = ("external_name", "external_designation")

    class Meta(ContentForm.Meta):
        model = DesignatedOfficer
        fields = ["role", "officer", *tr_fields("external_name", "external_designation"), "external_phone",
                  "external_email"]
        labels = {"role": _("দায়িত্ব"), "officer": _("কর্মকর্তা (তালিকা থেকে)")}

    def __init__(self, *args: Any, scheme: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.instance.scheme = scheme
        labels = DesignatedOfficer.ROLE_LABELS
        self.fields["role"].choices = [(r, labels[(scheme, r)]) for r in DesignatedOfficer.Role.values]
        self.fields["officer"].help_text = _("তালিকায় না থাকলে নিচে নাম ও পদবি লিখুন।")

    def validate_unique(self) -> None:
        # The unique (office, scheme, role) check needs the scheme, which is not a form field.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("role", _("এই দায়িত্বে ইতিমধ্যে একজন কর্মকর্তা আছেন; তাঁর তথ্য সম্পাদনা করুন।"))


class DocumentForm(ContentForm):
    translated = ("title", "description")
    file_fields = {"file": {"allowed": uploads.DOCUMENT_KINDS, "help": _("PDF, ছবি, DOCX বা XLSX")}}

    class Meta(ContentForm.Meta):
        model = Document
        fields = ["category", *tr_fields("title", "description"), "fiscal_year", "quarter", "issued_on", "file", "link"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in tr_fields("description")}

    def __init__(self, *args: Any, categories: tuple[str, ...], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [c for c in Document.Category.choices if c[0] in categories]
        self.fields["fiscal_year"].help_text = _("যেমন ২০২৪-২৫")

    def clean_fiscal_year(self) -> str:
        return to_latin_digits(self.cleaned_data.get("fiscal_year") or "")


class ProjectForm(ContentForm):
    translated = ("title", "description", "progress")

    class Meta(ContentForm.Meta):
        model = Project
        fields = [*tr_fields("title", "description"), "status", "budget_taka", "start_date", "end_date",
                  *tr_fields("progress")]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in tr_fields("description", "progress")}


class FocalPointForm(ContentForm):
    translated = ("subject",)

    class Meta(ContentForm.Meta):
        model = FocalPoint
        fields = [*tr_fields("subject"), "officer", "sort_order"]
        labels = {"officer": _("কর্মকর্তা")}


class PageForm(ContentForm):
    translated = ("title", "body")

    class Meta(ContentForm.Meta):
        model = Page
        fields = ["slug", *tr_fields("title", "body")]
        widgets = {"body_bn": forms.Textarea(attrs={"rows": 8}), "body_en": forms.Textarea(attrs={"rows": 8})}
        labels = {"slug": _("ঠিকানার অংশ (ইংরেজিতে, যেমন about)")}


class TransferForm(forms.Form):
    """An officer leaves: the date, and who comes in their place."""

    left_on = forms.DateField(label=_("বদলি/অবসরের তারিখ"), widget=DateInput())
    successor_name_bn = forms.CharField(label=_("উত্তরসূরির নাম (বাংলা)"), max_length=200)
    successor_name_en = forms.CharField(label=_("উত্তরসূরির নাম (English)"), max_length=200, required=False)
    successor_mobile = forms.CharField(label=_("উত্তরসূরির দাপ্তরিক মোবাইল"), max_length=20, required=False)
    successor_email = forms.EmailField(label=_("উত্তরসূরির ই-মেইল"), required=False)
    joined_on = forms.DateField(label=_("উত্তরসূরির যোগদানের তারিখ"), widget=DateInput(), required=False)
    hand_over = forms.BooleanField(
        label=_("তথ্য অধিকার, অভিযোগ প্রতিকার, ফোকাল পয়েন্ট ও সেবার দায়িত্ব উত্তরসূরিকে দিন"), required=False, initial=True
    )

    def full_clean(self) -> None:
        if self.is_bound and hasattr(self.data, "copy"):
            data = self.data.copy()
            for key in ("left_on", "joined_on"):
                if isinstance(data.get(key), str):
                    data[key] = to_latin_digits(data[key])
            self.data = data
        super().full_clean()

    def clean_successor_mobile(self) -> str:
        from batayon.content.models import clean_phone_field

        try:
            return clean_phone_field(self.cleaned_data.get("successor_mobile", ""), "successor_mobile")
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["successor_mobile"]) from exc


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("এক্সেল (.xlsx) বা CSV ফাইল"))
    file.widget.attrs["accept"] = ".xlsx,.csv"
