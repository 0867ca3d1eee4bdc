"""What ``load_demo_content`` puts in the database: the right offices, the right amount, once."""

from __future__ import annotations

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
    Page,
    Project,
    Service,
)
from batayon.demo import loader
from batayon.demo.loader import DC_DOMAIN, demo_offices, load_demo_content
from batayon.offices.models import Office, Tier


def dc() -> Office:
    return Office.objects.get(domain=DC_DOMAIN)


def finished_quarters() -> int:
    """Quarters of the previous fiscal year plus the finished ones of the current year."""
    _, q = quarter_of(timezone.localdate())
    return 4 + q - 1


def test_dc_office_has_every_kind_of_content(loaded):
    office = dc()
    officers = Officer.objects.filter(office=office)
    assert officers.filter(kind="officer").count() == 13
    assert officers.filter(kind="staff").count() == 10
    assert officers.get(designation_bn="জেলা প্রশাসক").name_en == "Md. Toufiqur Rahman"
    assert Notice.objects.of(office).live().count() == 10  # 12 written: one archived tender, one draft
    assert Notice.objects.filter(office=office, state="draft").count() == 1
    services = Service.objects.filter(office=office)
    assert services.filter(audience="citizen").count() == 9
    assert services.filter(audience="institutional").count() == 2
    assert services.filter(audience="internal").count() == 2
    assert services.filter(in_service_box=True).count() == 4
    assert services.exclude(eservice_status="not_planned").count() >= 4
    assert services.filter(eservice_priority=1).exists() and services.filter(eservice_priority=2).exists()
    assert DesignatedOfficer.objects.filter(office=office).count() == 6
    assert FocalPoint.objects.filter(office=office).count() == 7
    assert set(FocalPoint.objects.filter(office=office).values_list("subject_bn", flat=True)) >= {
        "ইনোভেশন (উদ্ভাবন)", "তথ্য অধিকার", "জাতীয় শুদ্ধাচার কৌশল", "ই-নথি", "জাতীয় তথ্য বাতায়ন",
    }
    assert Project.objects.filter(office=office).count() == 3
    assert Page.objects.filter(office=office, slug="about-district").exists()
    docs = Document.objects.filter(office=office)
    assert docs.filter(category="apa").count() == 2
    assert docs.filter(category="nis_plan").count() == 2
    assert docs.filter(category="apa_report", quarter__isnull=False).count() == finished_quarters()
    assert docs.filter(category="nis_report").count() == finished_quarters()
    assert docs.filter(category="innovation").count() == 2
    assert docs.filter(category__in=["progress", "training"]).count() == 2
    assert all(d.file.name.endswith(".pdf") for d in docs)
    office.refresh_from_db()
    assert office.phone == "+8807162300"
    assert office.email == "dckushtia@mopa.gov.bd"
    assert "adcgeneral.kushtia@mopa.gov.bd" in office.notice_emails.splitlines()


def test_the_charter_has_all_four_parts(loaded):
    office = dc()
    charter = CitizenCharter.objects.get(office=office)
    assert charter.vision_bn and charter.vision_en and charter.mission_bn and charter.mission_en
    for service in Service.objects.filter(office=office):
        # Every promised service fills every column the Cabinet Division prescribes.
        for column in ("delivery_method", "required_documents", "fee", "time_limit"):
            assert getattr(service, f"{column}_bn"), (service.name_bn, column)
        assert service.responsible_officer.office_id == office.pk
    steps = list(CharterGrievanceStep.objects.filter(office=office).order_by("step"))
    assert [s.step for s in steps] == [1, 2, 3]
    assert steps[0].contact_officer.designation_bn == "অতিরিক্ত জেলা প্রশাসক (সার্বিক)"
    assert CharterExpectation.objects.filter(office=office).count() == 5


def test_every_kushtia_sadar_and_kumarkhali_union_is_filled(loaded):
    unions = Office.objects.filter(tier=Tier.UNION, upazila__name_en__in=["Kushtia Sadar", "Kumarkhali"])
    assert unions.count() == 25
    for union in unions:
        designations = set(Officer.objects.filter(office=union).values_list("designation_bn", flat=True))
        assert "চেয়ারম্যান" in designations, union.domain
        assert "ইউপি প্রশাসনিক কর্মকর্তা (সচিব)" in designations, union.domain
        names = set(Service.objects.filter(office=union).values_list("name_bn", flat=True))
        assert names == {"জন্ম নিবন্ধন", "মৃত্যু নিবন্ধন", "নাগরিকত্ব সনদ", "ওয়ারিশ সনদ", "ট্রেড লাইসেন্স প্রদান ও নবায়ন"}
        assert 1 <= Notice.objects.of(union).live().count() <= 2
        assert DesignatedOfficer.objects.filter(office=union, scheme="rti", role="appeal",
                                                officer__designation_bn="উপজেলা নির্বাহী অফিসার").exists()
    # Chairmen's names differ from union to union.
    chairmen = Officer.objects.filter(office__in=unions, designation_bn="চেয়ারম্যান")
    assert chairmen.values("name_bn").distinct().count() == 25


def test_uno_offices_and_field_offices(loaded):
    unos = Office.objects.filter(tier=Tier.UPAZILA, district=dc().district)
    assert unos.count() == 6
    for uno in unos:
        assert Officer.objects.filter(office=uno, designation_bn="উপজেলা নির্বাহী অফিসার").count() == 1
        assert Service.objects.filter(office=uno).count() >= 5
        assert DesignatedOfficer.objects.filter(office=uno, scheme="grs").count() == 3
        assert Notice.objects.of(uno).live().exists()
        assert "dckushtia@mopa.gov.bd" in uno.notice_emails.splitlines()
    sadar = unos.get(domain="kushtiasadar.kushtia.gov.bd")
    assert "secretary@1nohatashharipurup.kushtia.gov.bd" in sadar.notice_emails.splitlines()
    for domain in ("doict", "dae", "dls", "cs", "dpe"):
        office = Office.objects.get(domain=f"{domain}.kushtia.gov.bd")
        assert Officer.objects.filter(office=office).count() >= 5
        assert Notice.objects.filter(office=office).count() == 3
        assert Service.objects.filter(office=office).count() == 3
        assert Document.objects.filter(office=office, category="apa").count() == 2
        assert Project.objects.filter(office=office).count() == 1


def test_no_other_office_of_the_country_gets_content(loaded):
    demo_ids = set(demo_offices().values_list("pk", flat=True))
    assert len(demo_ids) == 37
    for model in CONTENT_MODELS:
        assert not model.objects.exclude(office_id__in=demo_ids).exists(), model.__name__
    # The unions of the other four upazilas stay empty, as most real ones are.
    khoksa_union = Office.objects.get(domain="1nokhoksaup.kushtia.gov.bd")
    assert not Officer.objects.filter(office=khoksa_union).exists()


def test_updated_at_is_spread_and_content_updated_at_is_the_newest(loaded):
    now = timezone.now()
    stamps = list(Officer.objects.filter(office__in=demo_offices()).values_list("updated_at", flat=True))
    assert max(stamps) <= now
    ages = {(now - s).days for s in stamps}
    assert len(ages) > 30, "ages should be spread over months, not all 'just now'"
    assert max(ages) > 90
    for office in demo_offices():
        newest = max(
            (m.objects.published().filter(office=office).aggregate(m=Max("updated_at"))["m"]
             for m in CONTENT_MODELS),
            key=lambda s: s or now.replace(year=1970),
        )
        assert office.content_updated_at == newest, office.domain
    # A record is never created after its last update.
    assert not Notice.objects.filter(created_at__gt=now).exists()


def test_loading_twice_gives_the_same_content(loaded):
    before = {m.__name__: m.objects.count() for m in CONTENT_MODELS}
    counts = load_demo_content()
    assert counts == loaded.counts
    assert {m.__name__: m.objects.count() for m in CONTENT_MODELS} == before
    assert Officer.objects.filter(office=dc(), designation_bn="জেলা প্রশাসক").count() == 1


def test_counts_are_reported_in_bangla(loaded):
    assert loaded.counts["কর্মকর্তা/কর্মচারী"] == Officer.objects.count()
    assert loaded.counts["নোটিশ"] == Notice.objects.count()
    assert loaded.counts["দপ্তর (ডেমো তথ্যসহ)"] == 37


def test_a_failed_load_leaves_the_previous_demo(loaded, monkeypatch):
    before = sorted(Officer.objects.values_list("pk", flat=True))
    original = loader.Builder.save

    def save_then_crash(self):
        original(self)  # everything written …
        raise RuntimeError("disk full")  # … and then the load fails

    monkeypatch.setattr(loader.Builder, "save", save_then_crash)
    with pytest.raises(RuntimeError, match="disk full"):
        load_demo_content()
    assert sorted(Officer.objects.values_list("pk", flat=True)) == before
    assert Service.objects.filter(office=dc()).count() == 13
