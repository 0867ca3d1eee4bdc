"""A small, realistic directory for the API and search tests: the officers, services and
notices of Kushtia's offices (and one Jhenaidah UNO to tell districts apart), indexed."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.utils import timezone

from batayon.api.index import reindex
from batayon.content.models import DesignatedOfficer, Document, Notice, Officer, Service
from batayon.offices.models import Area, Office, Tier

# Kushtia's six upazilas, their UNOs and their mobiles.
UNOS = {
    "Kushtia Sadar": ("মোছাঃ শারমিন আক্তার", "Mst. Sharmin Akter", "01711-100001"),
    "Kumarkhali": ("মোহাম্মদ আবদুল কাদের", "Mohammad Abdul Kader", "01711-100002"),
    "Khoksa": ("মোঃ তৌহিদুল ইসলাম", "Md. Touhidul Islam", "01711-100003"),
    "Mirpur": ("নুসরাত জাহান", "Nusrat Jahan", "01711-100004"),
    "Bheramara": ("মোঃ আকাশ কুমার", "Md. Akash Kumar", "01711-100005"),
    "Daulatpur": ("তানভীর হোসেন", "Tanvir Hossain", "01711-100006"),
}


@dataclass
class Directory:
    dc_office: Office
    kumarkhali_uno_office: Office
    unos: dict[str, Officer] = field(default_factory=dict)
    staff: list[Officer] = field(default_factory=list)
    dc: Officer | None = None
    adc: Officer | None = None
    rti_officer: Officer | None = None
    anik: Officer | None = None
    jhenaidah_uno: Officer | None = None
    birth_services: list[Service] = field(default_factory=list)
    other_services: list[Service] = field(default_factory=list)
    notice: Notice | None = None
    draft_notice: Notice | None = None
    documents: list[Document] = field(default_factory=list)


def officer(office: Office, name: tuple[str, str], designation: tuple[str, str], mobile: str = "",
            kind: str = "officer", sort_order: int = 100, **extra) -> Officer:
    o = Officer(
        office=office, kind=kind, name_bn=name[0], name_en=name[1], designation_bn=designation[0],
        designation_en=designation[1], mobile=mobile, sort_order=sort_order, **extra,
    )
    o.full_clean(exclude=["office", "updated_by", "successor"])
    o.save()
    return o


def uno_office(upazila_en: str, district: str = "Kushtia") -> Office:
    return Office.objects.get(tier=Tier.UPAZILA, area__name_en=upazila_en, district__name_en=district)


def build_directory() -> Directory:
    dc_office = Office.objects.get(domain="kushtia.gov.bd")
    kumarkhali = uno_office("Kumarkhali")
    d = Directory(dc_office=dc_office, kumarkhali_uno_office=kumarkhali)
    for upazila, (bn, en, mobile) in UNOS.items():
        office = uno_office(upazila)
        d.unos[upazila] = officer(office, (bn, en), ("উপজেলা নির্বাহী অফিসার", "Upazila Nirbahi Officer"),
                                  mobile, sort_order=1)
        # Staff of a UNO office: their office's name says "ইউএনও", their designation does not.
        d.staff.append(officer(office, ("মোঃ রবিউল ইসলাম", "Md. Rabiul Islam"), ("অফিস সহকারী", "Office Assistant"),
                               "", kind="staff", sort_order=20, phone="071-62301"))
    d.rti_officer = officer(kumarkhali, ("মোঃ আনিসুর রহমান", "Md. Anisur Rahman"),
                            ("সহকারী কমিশনার (ভূমি)", "Assistant Commissioner (Land)"), "01711-618368", sort_order=5)
    d.anik = officer(kumarkhali, ("ফারহানা ইয়াসমিন", "Farhana Yasmin"),
                     ("উপজেলা সমাজসেবা অফিসার", "Upazila Social Services Officer"), "01819-200300", sort_order=8)
    for scheme, who in (("rti", d.rti_officer), ("grs", d.anik)):
        DesignatedOfficer.objects.create(office=kumarkhali, scheme=scheme, role="primary", officer=who)
    DesignatedOfficer.objects.create(
        office=kumarkhali, scheme="rti", role="appeal", external_name_bn="জেলা প্রশাসক, কুষ্টিয়া",
        external_name_en="Deputy Commissioner, Kushtia", external_phone="+8807162300",
    )
    d.dc = officer(dc_office, ("মোঃ এহেতেশাম রেজা", "Md. Ehetesham Reza"), ("জেলা প্রশাসক", "Deputy Commissioner"),
                   "01713-200000", sort_order=1)
    d.adc = officer(dc_office, ("শারমিন সুলতানা", "Sharmin Sultana"),
                    ("অতিরিক্ত জেলা প্রশাসক (সার্বিক)", "Additional Deputy Commissioner (General)"),
                    "01713-200001", sort_order=2)
    d.jhenaidah_uno = officer(uno_office("Jhenaidah Sadar", "Jhenaidah"), ("কামরুল হাসান", "Kamrul Hasan"),
                              ("উপজেলা নির্বাহী অফিসার", "Upazila Nirbahi Officer"), "01711-300001", sort_order=1)
    # Former UNO of Kumarkhali: transferred, must not be listed or found.
    officer(kumarkhali, ("পুরনো কর্মকর্তা", "Former Officer"), ("উপজেলা নির্বাহী অফিসার", "Upazila Nirbahi Officer"),
            "01711-999999", sort_order=1, left_on=timezone.localdate() - dt.timedelta(days=30))

    unions = list(Office.objects.filter(tier=Tier.UNION, upazila=kumarkhali.upazila).order_by("id")[:3])
    for union in unions:
        d.birth_services.append(Service.objects.create(
            office=union, name_bn="জন্ম নিবন্ধন", name_en="Birth registration",
            delivery_method_bn="ইউনিয়ন পরিষদ কার্যালয়ে অনলাইনে আবেদন", required_documents_bn="টিকার কার্ড, পিতা-মাতার এনআইডি",
            fee_bn="৪৫ দিনের মধ্যে বিনামূল্যে", time_limit_bn="৭ কার্যদিবস", eservice_status="live", delivery_mode="eservice",
            link="https://bdris.gov.bd/",
        ))
        d.other_services.append(Service.objects.create(
            office=union, name_bn="ট্রেড লাইসেন্স প্রদান", name_en="Trade licence", fee_bn="৫০০ টাকা",
        ))
    d.notice = Notice.objects.create(
        office=kumarkhali, title_bn="জন্ম নিবন্ধন বিষয়ে জরুরি বিজ্ঞপ্তি", title_en="Urgent notice on birth registration",
        body_bn="<p>সকল ইউনিয়ন পরিষদে <b>জন্ম নিবন্ধন</b> ক্যাম্প চলবে।</p>", memo_number="০৫.৪৪.৫০৭৯.০০০.০১.২৩",
        publish_date=timezone.localdate() - dt.timedelta(days=2),
    )
    d.draft_notice = Notice.objects.create(
        office=kumarkhali, title_bn="খসড়া নোটিশ", title_en="Draft", state="draft",
    )
    d.documents.append(Document.objects.create(
        office=kumarkhali, category="apa", title_bn="বার্ষিক কর্মসম্পাদন চুক্তি ২০২৪-২৫", title_en="APA 2024-25",
        fiscal_year="2024-25", link="https://example.gov.bd/apa.pdf",
    ))
    d.documents.append(Document.objects.create(
        office=kumarkhali, category="nis_report", title_bn="শুদ্ধাচার প্রতিবেদন", title_en="NIS report",
        fiscal_year="2024-25", quarter=1, link="https://example.gov.bd/nis.pdf",
    ))
    kushtia = Area.objects.get(level=Area.Level.DISTRICT, name_en="Kushtia")
    jhenaidah = Area.objects.get(level=Area.Level.DISTRICT, name_en="Jhenaidah")
    reindex(Office.objects.filter(district__in=[kushtia, jhenaidah]))
    return d


@pytest.fixture
def directory(db) -> Directory:
    return build_directory()


@pytest.fixture
def key(directory) -> str:
    """An API key of the Kumarkhali UNO office (made with the command, as an administrator does)."""
    out = io.StringIO()
    call_command("apikey", "create", "--office", "kumarkhali.kushtia.gov.bd", "--name", "e-Nothi", stdout=out,
                 stderr=io.StringIO())
    return out.getvalue().strip()
