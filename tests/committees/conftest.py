"""Fixtures for the committees tests: the rulebook, the meetings of seeds 002 and 004."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from batayon.committees.loader import load_committees
from batayon.committees.models import Committee, Decision, Meeting
from batayon.compliance.models import CheckStatus, Rule
from batayon.compliance.rulebook import load_rules
from batayon.offices.models import Office
from batayon.oversight.models import DirectiveTarget
from batayon.oversight.services import issue_directive, items_from, refresh_targets
from tests.workspace.helpers import make_user, signed_in  # noqa: F401

DHAKA = ZoneInfo("Asia/Dhaka")
JHENAIDAH = "doict.jhenaidah.gov.bd"
COXSBAZAR = "doict.coxsbazar.gov.bd"


@pytest.fixture
def rules(db):
    load_rules()


@pytest.fixture
def seeds(rules) -> dict[str, Meeting]:
    load_committees()
    return {
        "002": Meeting.objects.get(committee__office__domain=JHENAIDAH),
        "004": Meeting.objects.get(committee__office__domain=COXSBAZAR),
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_fonts(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(11), DHAKA)


@pytest.fixture
def tied(rules, kushtia_dc, union_office):
    """Kushtia's DC office tells three union parishads to keep their notice board fresh (by
    five days ago); its committee's decision is measured by that directive. One union did it
    in time (verified), one reported it done but its notice board is stale (contradicted),
    one did nothing. The two that are not verified are late."""
    today = timezone.localdate()
    unions = list(Office.objects.filter(tier="union", upazila_id=union_office.upazila_id).order_by("pk")[:3])
    directive = issue_directive(
        issuer=kushtia_dc, chosen=[o.pk for o in unions], subject="ইউনিয়ন পরিষদের নোটিশ বোর্ড হালনাগাদ",
        memo_number="০৫.৪৪.৫০০০.০০১.০১.০০৭.২৫", items=items_from(["notices-fresh"]),
        issued_on=today - dt.timedelta(days=20), deadline=today - dt.timedelta(days=5),
        now=moment(today - dt.timedelta(days=20)),
    )
    notices = Rule.objects.get(code="notices-fresh")
    for office, status, reported in ((unions[0], "ok", 10), (unions[1], "stale", 8), (unions[2], "missing", None)):
        CheckStatus.objects.create(office=office, rule=notices, status=status, since=timezone.now())
        if reported is not None:
            when = moment(today - dt.timedelta(days=reported))
            DirectiveTarget.objects.filter(directive=directive, office=office).update(
                reported_at=when, acknowledged_at=when)
            refresh_targets([directive.pk], now=when)
    refresh_targets([directive.pk])
    committee = Committee.objects.create(office=kushtia_dc, area=kushtia_dc.area, kind="district_ict",
                                         name="কুষ্টিয়া জেলা আইসিটি বিষয়ক কমিটি")
    first = Meeting.objects.create(committee=committee, date=today - dt.timedelta(days=25), place="সম্মেলন কক্ষ",
                                   chair_name="জেলা প্রশাসক")
    decision = Decision.objects.create(meeting=first, number=1, text="সকল ইউনিয়ন পরিষদের নোটিশ বোর্ড হালনাগাদ করতে হবে।",
                                       directive=directive)
    nxt = Meeting.objects.create(committee=committee, date=today, place="সম্মেলন কক্ষ", chair_name="জেলা প্রশাসক")
    return {"directive": directive, "decision": decision, "next": nxt, "first": first, "unions": unions}
