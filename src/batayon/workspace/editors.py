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
    title_bn: str
    title_en: str
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

    def title(self, lang: str) -> str:
        return self.title_bn if lang == "bn" else self.title_en


def _doc_editor(key: str, title_bn: str, title_en: str) -> Editor:
    categories = tuple(c for c, s in CATEGORY_SECTION.items() if s == key)
    return Editor(key, key, title_bn, title_en, Document, f.DocumentForm,
                  filters={"category__in": categories}, form_kwargs={"categories": categories})


EDITORS: dict[str, Editor] = {
    e.key: e
    for e in [
        Editor("officers", "officers", "কর্মকর্তাবৃন্দ", "Officers", Officer, f.OfficerForm,
               filters={"kind": Officer.Kind.OFFICER}, importable=True),
        Editor("staff", "staff", "কর্মচারীবৃন্দ", "Staff", Officer, f.OfficerForm,
               filters={"kind": Officer.Kind.STAFF}, importable=True),
        Editor("notices", "notices", "নোটিশ বোর্ড", "Notice board", Notice, f.NoticeForm),
        Editor("charter", "charter", "সেবা প্রদান প্রতিশ্রুতি (সিটিজেন চার্টার)", "Citizen's charter",
               CitizenCharter, f.CharterForm, singleton=True),
        Editor("charter-steps", "charter", "অভিযোগ প্রতিকার ব্যবস্থাপনা (চার্টারের সারি)", "Grievance redress rows",
               CharterGrievanceStep, f.GrievanceStepForm),
        Editor("charter-expectations", "charter", "আপনার কাছে আমাদের প্রত্যাশা", "What we expect from you",
               CharterExpectation, f.ExpectationForm),
        Editor("services", "services", "সেবার তালিকা ও ই-সেবা রোডম্যাপ", "Services and e-service roadmap",
               Service, f.ServiceForm),
        Editor("rti", "rti", "তথ্য অধিকার", "Right to information", DesignatedOfficer, f.DesignatedOfficerForm,
               filters={"scheme": "rti"}, form_kwargs={"scheme": "rti"}),
        Editor("grs", "grs", "অভিযোগ প্রতিকার ব্যবস্থা", "Grievance redress system", DesignatedOfficer,
               f.DesignatedOfficerForm, filters={"scheme": "grs"}, form_kwargs={"scheme": "grs"}),
        _doc_editor("apa", "বার্ষিক কর্মসম্পাদন চুক্তি", "Annual performance agreement"),
        _doc_editor("nis", "জাতীয় শুদ্ধাচার কৌশল", "National integrity strategy"),
        _doc_editor("innovation", "উদ্ভাবন, সেবা সহজিকরণ ও ডিজিটাইজেশন", "Innovation"),
        _doc_editor("reports", "প্রতিবেদন ও প্রশিক্ষণ", "Reports and training"),
        _doc_editor("documents", "আইন, বিধি ও পরিপত্র", "Laws, rules and circulars"),
        Editor("focal-points", "focal-points", "ফোকাল পয়েন্ট কর্মকর্তা", "Focal point officers", FocalPoint,
               f.FocalPointForm),
        Editor("projects", "projects", "প্রকল্প ও উন্নয়নমূলক কার্যক্রম", "Projects", Project, f.ProjectForm),
        Editor("pages", "pages", "অন্যান্য পাতা", "Pages", Page, f.PageForm),
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
