"""Content for portal tests: an office with a little of everything, part of it untranslated."""

from __future__ import annotations

import datetime as dt

import pytest

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


@pytest.fixture
def filled_office(kushtia_dc):
    """The Kushtia DC office with one item of every mandated kind."""
    office = kushtia_dc
    dc = Officer.objects.create(
        office=office, name_bn="মোঃ আসলাম হোসেন", name_en="Md. Aslam Hossain", designation_bn="জেলা প্রশাসক",
        designation_en="Deputy Commissioner", mobile="+8801711618368", email="dckushtia@mopa.gov.bd", sort_order=1,
    )
    # Bangla only: the English page must fall back with a marker.
    programmer = Officer.objects.create(
        office=office, name_bn="তাহমিনা আক্তার", designation_bn="প্রোগ্রামার", mobile="+8801911000111", sort_order=2,
    )
    Officer.objects.create(office=office, kind="staff", name_bn="রফিকুল ইসলাম", name_en="Rafiqul Islam",
                           designation_bn="অফিস সহকারী", designation_en="Office assistant")
    Notice.objects.create(office=office, title_bn="ডিজিটাল মেলা ২০২৬ আয়োজন প্রসঙ্গে",
                          title_en="On organising the Digital Fair 2026", body_bn="<p>বিস্তারিত</p>",
                          publish_date=dt.date(2020, 9, 28), memo_number="৫৬.০৪.৫০০০.০০১.৯৯.০০১.১৮-৮৯")
    CitizenCharter.objects.create(office=office, vision_bn="দক্ষ ও জনবান্ধব জেলা প্রশাসন", vision_en="An efficient, people-friendly district administration",
                                  mission_bn="সেবা সহজীকরণ", mission_en="Simpler services")
    Service.objects.create(office=office, name_bn="জন্ম নিবন্ধন সনদ", name_en="Birth registration certificate",
                           delivery_method_bn="অনলাইনে আবেদন", fee_bn="বিনামূল্যে", time_limit_bn="৭ কর্মদিবস",
                           responsible_officer=dc, link="https://bdris.gov.bd/", in_service_box=True,
                           delivery_mode="eservice")
    CharterGrievanceStep.objects.create(office=office, step=1, when_bn="দায়িত্বপ্রাপ্ত কর্মকর্তা সমাধান দিতে ব্যর্থ হলে",
                                        contact_officer=dc, time_limit_bn="৩০ কার্যদিবস")
    CharterExpectation.objects.create(office=office, step=1, text_bn="নির্ধারিত ফরমে সম্পূর্ণভাবে পূরণকৃত আবেদন জমা প্রদান")
    DesignatedOfficer.objects.create(office=office, scheme="rti", role="primary", officer=programmer)
    DesignatedOfficer.objects.create(office=office, scheme="rti", role="appeal", external_name_bn="বিভাগীয় কমিশনার, খুলনা",
                                     external_name_en="Divisional Commissioner, Khulna")
    DesignatedOfficer.objects.create(office=office, scheme="grs", role="primary", officer=dc)
    for category in ["apa", "nis_plan", "innovation", "progress", "law"]:
        Document.objects.create(office=office, category=category, title_bn=f"দলিল {category}", title_en=f"Document {category}",
                                fiscal_year="2025-26", link="https://kushtia.gov.bd/doc.pdf", issued_on=dt.date(2025, 7, 10))
    FocalPoint.objects.create(office=office, subject_bn="ইনোভেশন", subject_en="Innovation", officer=programmer)
    Project.objects.create(office=office, title_bn="আশ্রয়ণ প্রকল্প", title_en="Ashrayan project", start_date=dt.date(2024, 1, 1))
    office.refresh_from_db()
    return office

