"""The demo's deliberate gaps exist exactly as ``DEMO_GAPS`` documents them, and only there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db.models import Max
from django.utils import timezone

from batayon.bangla.fiscal import quarter_of
from batayon.content.models import (
    CONTENT_MODELS,
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
from batayon.demo.loader import DEAD_LINK, DEMO_GAPS, demo_offices
from batayon.offices.models import Office, Tier


def last_finished_quarter():
    fy, q = quarter_of(timezone.localdate())
    return (fy.previous(), 4) if q == 1 else (fy, q - 1)


def check_no_english(domain: str) -> None:
    from modeltranslation.translator import translator

    office = Office.objects.get(domain=domain)
    assert Officer.objects.filter(office=office).exists()
    for model in CONTENT_MODELS:
        fields = translator.get_options_for_model(model).fields
        for obj in model.objects.filter(office=office):
            for name in fields:
                assert getattr(obj, f"{name}_en") == "", (model.__name__, name)
    assert office.address_bn and not office.address_en
    # Only this office: every other union has English.
    others = Officer.objects.filter(office__tier=Tier.UNION).exclude(office=office)
    assert not others.filter(name_en="").exists()


def check_stale_notices(domain: str) -> None:
    newest = Notice.objects.of(Office.objects.get(domain=domain)).live().aggregate(m=Max("publish_date"))["m"]
    age = (timezone.localdate() - newest).days
    assert 110 <= age <= 130
    # Every other demo office has a notice from the last month.
    for office in demo_offices().exclude(domain=domain):
        latest = Notice.objects.of(office).live().aggregate(m=Max("publish_date"))["m"]
        assert latest and (timezone.localdate() - latest).days <= 30, office.domain


def check_officer_without_photo(domain: str) -> None:
    missing = Officer.objects.filter(office__in=demo_offices(), photo="")
    assert [o.designation_bn for o in missing] == ["সহকারী কমিশনার"]
    assert missing.get().office.domain == domain and missing.get().section_name_bn == "রেকর্ড রুম"


def check_officer_without_mobile(domain: str) -> None:
    missing = Officer.objects.filter(office__in=demo_offices(), mobile="")
    assert [(o.office.domain, o.designation_en) for o in missing] == [(domain, "Revenue Deputy Collector (RDC)")]


def check_dead_service_link(domain: str) -> None:
    dead = Service.objects.filter(link__contains="old-service.")
    assert [(s.office.domain, s.link, s.in_service_box) for s in dead] == [(domain, DEAD_LINK, True)]


def check_no_charter(domain: str) -> None:
    office = Office.objects.get(domain=domain)
    for model in (CitizenCharter, CharterGrievanceStep, CharterExpectation):
        assert not model.objects.filter(office=office).exists()
    assert Service.objects.filter(office=office).exists()  # the services are there, the charter is not
    with_charter = CitizenCharter.objects.filter(office__tier=Tier.UPAZILA).values_list("office__domain", flat=True)
    assert len(with_charter) == 5 and domain not in with_charter


def check_missing_nis_report(domain: str) -> None:
    fy, q = last_finished_quarter()
    reports = Document.objects.filter(category="nis_report", fiscal_year=str(fy), quarter=q)
    field_offices = Office.objects.filter(tier=Tier.DISTRICT_FIELD, pk__in=demo_offices())
    have = set(reports.filter(office__in=field_offices).values_list("office__domain", flat=True))
    assert have == set(field_offices.values_list("domain", flat=True)) - {domain}
    # The earlier quarters are there; only the last one is missing.
    assert Document.objects.filter(office__domain=domain, category="nis_report").count() >= 4


def check_no_union_page(domain: str) -> None:
    from batayon.content.models import Page

    with_page = set(Page.objects.filter(slug="about-union").values_list("office__domain", flat=True))
    filled = set(Officer.objects.filter(office__tier=Tier.UNION).values_list("office__domain", flat=True))
    assert domain in filled and with_page == filled - {domain}


CHECKS: dict[str, Callable[[str], None]] = {
    "no_english": check_no_english,
    "stale_notices": check_stale_notices,
    "officer_without_photo": check_officer_without_photo,
    "officer_without_mobile": check_officer_without_mobile,
    "dead_service_link": check_dead_service_link,
    "no_charter": check_no_charter,
    "missing_nis_report": check_missing_nis_report,
    "no_union_page": check_no_union_page,
}


def test_every_documented_gap_has_a_check():
    assert {g.key for g in DEMO_GAPS} == set(CHECKS)
    assert all(g.description for g in DEMO_GAPS)


@pytest.mark.parametrize("gap", DEMO_GAPS, ids=lambda g: g.key)
def test_gap_exists_as_documented(loaded, gap):
    CHECKS[gap.key](gap.domain)


def test_outside_the_gaps_every_office_is_complete_and_current(loaded):
    """What freshness rules look at is fresh everywhere, so the documented gaps stand out."""
    today = timezone.localdate()
    now = timezone.now()
    for office in demo_offices():
        officers = Officer.objects.filter(office=office, kind="officer")
        staff = Officer.objects.filter(office=office, kind="staff")
        assert (now - officers.aggregate(m=Max("updated_at"))["m"]).days <= 90, office.domain
        assert (now - staff.aggregate(m=Max("updated_at"))["m"]).days <= 180, office.domain
        assert Service.objects.filter(office=office, in_service_box=True).exists(), office.domain
        assert DesignatedOfficer.objects.filter(office=office).count() == 6, office.domain
        project = Project.objects.filter(office=office).aggregate(m=Max("updated_at"))["m"]
        assert project and (now - project).days <= 180, office.domain
        report = Document.objects.filter(office=office, category__in=["progress", "training", "development"])
        newest = report.aggregate(m=Max("issued_on"))["m"]
        assert newest and (today - newest).days <= 180, office.domain
        if office.tier != Tier.UNION:
            assert FocalPoint.objects.filter(office=office).exists(), office.domain
            innovation = Document.objects.filter(office=office, category="innovation").aggregate(m=Max("issued_on"))
            assert (today - innovation["m"]).days <= 180, office.domain
            fy, _ = quarter_of(today)
            for category in ("apa", "nis_plan"):
                assert Document.objects.filter(office=office, category=category, fiscal_year=str(fy)).exists()
            finished = Document.objects.filter(office=office, category="apa_report", quarter__isnull=False)
            assert finished.count() == 4 + quarter_of(today)[1] - 1, office.domain
