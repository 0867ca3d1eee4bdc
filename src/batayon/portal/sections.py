"""The mandated sections of every portal (R-2) and what each one shows.

A section gathers its published content for an office and says when that content last
changed (R-2.14), so every page can print "last updated". Sections that are official
documents (notices, the charter, APA, NIS, laws) show the Bangla-calendar date as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from batayon.bangla.fiscal import FiscalYear
from batayon.content.models import (
    CharterExpectation,
    CharterGrievanceStep,
    CitizenCharter,
    DesignatedOfficer,
    Document,
    FocalPoint,
    Notice,
    Officer,
    Project,
    Service,
)
from batayon.offices.models import Office


@dataclass(frozen=True)
class Section:
    key: str
    label: Any  # a lazy gettext string: the section's name in the active language
    template: str
    loader: Callable[[Office], dict[str, Any]]
    official: bool = False  # dated in both calendars on Bangla pages

    @property
    def title(self) -> str:
        return str(self.label)


def last_updated(*querysets: QuerySet) -> dt.datetime | None:
    """The newest ``updated_at`` over the given querysets (one aggregate query each)."""
    stamps = [qs.aggregate(m=Max("updated_at"))["m"] for qs in querysets]
    stamps = [s for s in stamps if s]
    return max(stamps) if stamps else None


def _officers(kind: str) -> Callable[[Office], dict[str, Any]]:
    def load(office: Office) -> dict[str, Any]:
        qs = Officer.objects.of(office).current().filter(kind=kind)
        return {"officers": list(qs), "updated": last_updated(qs)}

    return load


def _notices(office: Office) -> dict[str, Any]:
    qs = Notice.objects.of(office).live()
    return {"notices": list(qs[:50]), "updated": last_updated(qs)}


def _charter(office: Office) -> dict[str, Any]:
    charter = CitizenCharter.objects.published().of(office).first()
    services = Service.objects.published().of(office).select_related("responsible_officer")
    steps = CharterGrievanceStep.objects.published().of(office).select_related("contact_officer")
    expectations = CharterExpectation.objects.published().of(office)
    groups = [
        (label, [s for s in services if s.audience == value]) for value, label in Service.Audience.choices
    ]
    return {
        "charter": charter,
        "service_groups": groups,
        "grievance_steps": list(steps),
        "expectations": list(expectations),
        "updated": last_updated(CitizenCharter.objects.published().of(office), services, steps, expectations),
    }


def _services(office: Office) -> dict[str, Any]:
    qs = Service.objects.published().of(office).select_related("responsible_officer")
    return {"services": list(qs), "updated": last_updated(qs)}


def _designated(scheme: str) -> Callable[[Office], dict[str, Any]]:
    def load(office: Office) -> dict[str, Any]:
        qs = DesignatedOfficer.objects.published().of(office).filter(scheme=scheme).select_related("officer")
        order = {r: i for i, r in enumerate(DesignatedOfficer.Role.values)}
        rows = sorted(qs, key=lambda d: order[d.role])
        # A change to the officer record (a new phone) is a change to this page too.
        officer_ids = [r.officer_id for r in rows if r.officer_id]
        return {
            "designations": rows,
            "scheme": scheme,
            "updated": last_updated(qs, Officer.objects.filter(pk__in=officer_ids)),
        }

    return load


def _documents(categories: Iterable[str]) -> Callable[[Office], dict[str, Any]]:
    categories = tuple(categories)

    def load(office: Office) -> dict[str, Any]:
        qs = Document.objects.published().of(office).filter(category__in=categories)
        docs = list(qs.order_by("-fiscal_year", "quarter", "-issued_on"))
        by_year: dict[str, list[Document]] = {}
        for doc in docs:
            by_year.setdefault(doc.fiscal_year or "", []).append(doc)
        years = [(FiscalYear.parse(y) if y else None, items) for y, items in by_year.items()]
        return {"document_years": years, "updated": last_updated(qs)}

    return load


def _focal_points(office: Office) -> dict[str, Any]:
    qs = FocalPoint.objects.published().of(office).select_related("officer")
    return {"focal_points": list(qs), "updated": last_updated(qs)}


def _projects(office: Office) -> dict[str, Any]:
    qs = Project.objects.published().of(office)
    return {"projects": list(qs), "updated": last_updated(qs)}


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in [
        Section("officers", _("কর্মকর্তাবৃন্দ"), "portal/officers.html", _officers(Officer.Kind.OFFICER)),
        Section("staff", _("কর্মচারীবৃন্দ"), "portal/officers.html", _officers(Officer.Kind.STAFF)),
        Section("notices", _("নোটিশ বোর্ড"), "portal/notices.html", _notices, official=True),
        Section("charter", _("সেবা প্রদান প্রতিশ্রুতি (সিটিজেন চার্টার)"),
                "portal/charter.html", _charter, official=True),
        Section("services", _("সেবার তালিকা"), "portal/services.html", _services),
        Section("rti", _("তথ্য অধিকার"), "portal/designated.html", _designated("rti")),
        Section("grs", _("অভিযোগ প্রতিকার ব্যবস্থা"), "portal/designated.html",
                _designated("grs")),
        Section("apa", _("বার্ষিক কর্মসম্পাদন চুক্তি"), "portal/documents.html",
                _documents(["apa", "apa_report"]), official=True),
        Section("nis", _("জাতীয় শুদ্ধাচার কৌশল"), "portal/documents.html",
                _documents(["nis_plan", "nis_report"]), official=True),
        Section("innovation", _("উদ্ভাবন, সেবা সহজিকরণ ও ডিজিটাইজেশন"),
                "portal/documents.html", _documents(["innovation"])),
        Section("focal-points", _("ফোকাল পয়েন্ট কর্মকর্তা"), "portal/focal_points.html",
                _focal_points),
        Section("projects", _("প্রকল্প ও উন্নয়নমূলক কার্যক্রম"),
                "portal/projects.html", _projects),
        Section("reports", _("প্রতিবেদন ও প্রশিক্ষণ"), "portal/documents.html",
                _documents(["progress", "training", "development"])),
        Section("documents", _("আইন, বিধি ও পরিপত্র"), "portal/documents.html",
                _documents(["law", "circular", "other"]), official=True),
    ]
}

