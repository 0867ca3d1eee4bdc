"""Upazila committees' minutes go to the district, which sees who met this month and sent
minutes (seed 004, decisions 5 and 6)."""

from __future__ import annotations

import datetime as dt

import pytest

from batayon.bangla.digits import to_bangla_digits
from batayon.committees.models import Committee, Decision, Meeting
from batayon.committees.services import publish, recipients
from batayon.committees.views import monthly_rows
from batayon.offices.models import Office, Tier

from .conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


def upazila_meeting(uno: Office, date: dt.date) -> Meeting:
    committee, _ = Committee.objects.get_or_create(
        office=uno, area=uno.area, kind="upazila_ict", name=f"{uno.area.name_bn} উপজেলা আইসিটি কমিটি"
    )
    meeting = Meeting.objects.create(committee=committee, date=date, place="উপজেলা পরিষদ সভাকক্ষ",
                                     chair_name="উপজেলা নির্বাহী অফিসার")
    Decision.objects.create(meeting=meeting, number=1, text="সকল ইউনিয়ন পরিষদের নোটিশ বোর্ড হালনাগাদ করতে হবে।")
    return meeting


@pytest.fixture
def upazilas(kushtia_dc, rules):
    return list(Office.objects.filter(tier=Tier.UPAZILA, district=kushtia_dc.area).order_by("area__name_bn"))


def test_publishing_an_upazila_committees_minutes_forwards_them_to_the_district(upazilas, kushtia_dc, media):
    kushtia_dc.email = "dc@kushtia.example.gov.bd"
    kushtia_dc.save()
    meeting = upazila_meeting(upazilas[0], dt.date(2025, 3, 10))
    assert meeting.committee.forward_to() == kushtia_dc
    publish(meeting)
    meeting.refresh_from_db()
    assert meeting.forwarded_to == kushtia_dc and meeting.forwarded_at is not None
    assert "dc@kushtia.example.gov.bd" in recipients(meeting)  # the district gets the mail too


def test_district_committees_forward_nowhere(seeds):
    assert seeds["002"].committee.forward_to() is None


def test_the_district_sees_which_upazilas_met_this_month_and_sent_minutes(upazilas, kushtia_dc, media):
    met_and_sent = upazila_meeting(upazilas[0], dt.date(2025, 3, 10))
    publish(met_and_sent)
    upazila_meeting(upazilas[1], dt.date(2025, 3, 20))  # met, minutes not yet sent
    upazila_meeting(upazilas[2], dt.date(2025, 2, 27))  # met last month
    rows = {r["area"].pk: r for r in monthly_rows(kushtia_dc.area, dt.date(2025, 3, 1))}
    assert len(rows) == len(upazilas)
    assert (rows[upazilas[0].area_id]["met"], rows[upazilas[0].area_id]["sent"]) == (1, 1)
    assert (rows[upazilas[1].area_id]["met"], rows[upazilas[1].area_id]["sent"]) == (1, 0)
    assert (rows[upazilas[2].area_id]["met"], rows[upazilas[2].area_id]["sent"]) == (0, 0)
    assert rows[upazilas[2].area_id]["last"] == dt.date(2025, 2, 27)

    supervisor = make_user("kushtia-dc-sup", "supervisor", kushtia_dc)
    page = signed_in(supervisor).get(f"/committees/{kushtia_dc.domain}/monthly/?month=2025-03")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{to_bangla_digits(len(upazilas))}টি উপজেলার মধ্যে" in html
    assert "২টিতে সভা হয়েছে, ১টি কার্যবিবরণী পাঠিয়েছে।" in html
    # the district reads the minutes its upazila sent
    minutes = signed_in(supervisor).get(f"/committees/{upazilas[0].domain}/meeting/{met_and_sent.pk}/minutes.pdf")
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF")
    # an upazila's supervisor does not see the district's view
    uno_sup = make_user("uno-sup", "supervisor", upazilas[0])
    assert signed_in(uno_sup).get(f"/committees/{kushtia_dc.domain}/monthly/").status_code == 403
