"""What the workspace can edit: one ``Editor`` per kind of list, keyed as in the URL.

Keys match the portal's sections (and the compliance checklist's ``section``), so a
checklist item links straight to ``/workspace/<domain>/<section>/``. The charter's rows
have their own keys (``charter-steps``, ``charter-expectations``) but belong to the
``charter`` section for permissions, checks and confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from batayon.content.models import (
    CATEGORY_SECTION,
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

from . import forms as f


@dataclass(frozen=True)
class Editor:
    key: str
    section: str
    label: Any  # a lazy gettext string: the list's name in the active language
    model: type[Model]
    form: type[f.ContentForm]
    filters: dict[str, Any] = field(default_factory=dict)
    form_kwargs: dict[str, Any] = field(default_factory=dict)
    importable: bool = False
    singleton: bool = False  # one record per office (the charter's head)

    def queryset(self, office: Office) -> QuerySet:
        qs = self.model._default_manager.filter(office=office, **self.filters)
        if self.model is Document:
            qs = qs.order_by("-fiscal_year", "quarter", "-issued_on")
        return qs

    def new_instance(self, office: Office) -> Model:
        values = {k.removesuffix("__in"): v for k, v in self.filters.items() if not k.endswith("__in")}
        return self.model(office=office, **values)

    @property
    def title(self) -> str:
        return str(self.label)


def _doc_editor(key: str, label: Any) -> Editor:
    categories = tuple(c for c, s in CATEGORY_SECTION.items() if s == key)
    return Editor(key, key, label, Document, f.DocumentForm,
                  filters={"category__in": categories}, form_kwargs={"categories": categories})


EDITORS: dict[str, Editor] = {
    e.key: e
    for e in [
        Editor("officers", "officers", _("কর্মকর্তাবৃন্দ"), Officer, f.OfficerForm,
               filters={"kind": Officer.Kind.OFFICER}, importable=True),
        Editor("staff", "staff", _("কর্মচারীবৃন্দ"), Officer, f.OfficerForm,
               filters={"kind": Officer.Kind.STAFF}, importable=True),
        Editor("notices", "notices", _("নোটিশ বোর্ড"), Notice, f.NoticeForm),
        Editor("charter", "charter", _("সেবা প্রদান প্রতিশ্রুতি (সিটিজেন চার্টার)"),
               CitizenCharter, f.CharterForm, singleton=True),
        Editor("charter-steps", "charter", _("অভিযোগ প্রতিকার ব্যবস্থাপনা (চার্টারের সারি)"),
               CharterGrievanceStep, f.GrievanceStepForm),
        Editor("charter-expectations", "charter", _("আপনার কাছে আমাদের প্রত্যাশা"),
               CharterExpectation, f.ExpectationForm),
        Editor("services", "services", _("সেবার তালিকা ও ই-সেবা রোডম্যাপ"),
               Service, f.ServiceForm),
        Editor("rti", "rti", _("তথ্য অধিকার"), DesignatedOfficer, f.DesignatedOfficerForm,
               filters={"scheme": "rti"}, form_kwargs={"scheme": "rti"}),
        Editor("grs", "grs", _("অভিযোগ প্রতিকার ব্যবস্থা"), DesignatedOfficer,
               f.DesignatedOfficerForm, filters={"scheme": "grs"}, form_kwargs={"scheme": "grs"}),
        _doc_editor("apa", _("বার্ষিক কর্মসম্পাদন চুক্তি")),
        _doc_editor("nis", _("জাতীয় শুদ্ধাচার কৌশল")),
        _doc_editor("innovation", _("উদ্ভাবন, সেবা সহজিকরণ ও ডিজিটাইজেশন")),
        _doc_editor("reports", _("প্রতিবেদন ও প্রশিক্ষণ")),
        _doc_editor("documents", _("আইন, বিধি ও পরিপত্র")),
        Editor("focal-points", "focal-points", _("ফোকাল পয়েন্ট কর্মকর্তা"), FocalPoint,
               f.FocalPointForm),
        Editor("projects", "projects", _("প্রকল্প ও উন্নয়নমূলক কার্যক্রম"), Project, f.ProjectForm),
        Editor("pages", "pages", _("অন্যান্য পাতা"), Page, f.PageForm),
    ]
}

# The lists shown on an office's page, in the order of the portal's menu.
MENU_KEYS = ["officers", "staff", "notices", "charter", "services", "rti", "grs", "apa", "nis", "innovation",
             "focal-points", "projects", "reports", "documents", "pages"]


def editor_for_instance(instance: Model) -> Editor:
    """The editor a stored record belongs to (used for history and links)."""
    for editor in EDITORS.values():
        if editor.model is not type(instance):
            continue
        if all(
            (getattr(instance, k.removesuffix("__in")) in v) if k.endswith("__in") else getattr(instance, k) == v
            for k, v in editor.filters.items()
        ):
            return editor
    raise LookupError(type(instance).__name__)
