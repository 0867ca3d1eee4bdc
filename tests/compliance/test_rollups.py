"""Roll-ups equal the sum of their parts, in the geographic and the organisational hierarchy."""

import pytest
from django.db import connection
from django.db.models import Avg
from django.test.utils import CaptureQueriesContext

from batayon.compliance import rollups
from batayon.compliance.models import OfficeScore, RollupSnapshot
from batayon.compliance.services import evaluate
from batayon.offices.models import Office

from .conftest import at, make_notice, make_officer

NOW = at(2025, 10, 10)


@pytest.fixture
def kushtia_evaluated(kushtia_dc, rules):
    # A spread of scores: some offices with content, most empty.
    for i, office in enumerate(Office.objects.filter(district=kushtia_dc.district).order_by("pk")[:40]):
        make_officer(office, mobile="" if i % 3 else "+8801711000000")
        if i % 2:
            make_notice(office, NOW.date())
    ids = list(Office.objects.filter(district=kushtia_dc.district).values_list("pk", flat=True))
    evaluate(ids, now=NOW)
    return kushtia_dc.district


def _weighted(rows):
    n = sum(r.offices for r in rows)
    return n, sum(r.avg_score * r.offices for r in rows) / n


def test_district_equals_the_sum_of_its_upazilas_and_district_level_offices(kushtia_evaluated):
    district = kushtia_evaluated
    scope = Office.objects.filter(geo_path__startswith=district.path)
    total = rollups.summarise(scope)
    assert total.offices == scope.count() == total.good + total.fair + total.poor
    upazilas = rollups.league(scope, "upazila")
    district_level = scope.filter(upazila__isnull=True)
    dl = OfficeScore.objects.filter(office__in=district_level).aggregate(a=Avg("score"))["a"]
    n_up, avg_up = _weighted(upazilas)
    assert n_up + district_level.count() == total.offices
    combined = (avg_up * n_up + dl * district_level.count()) / total.offices
    assert combined == pytest.approx(total.avg_score, abs=0.06)
    # Ranked best first.
    assert [r.avg_score for r in upazilas] == sorted((r.avg_score for r in upazilas), reverse=True)


def test_agency_league_adds_up_to_the_ministry(kushtia_evaluated):
    district = kushtia_evaluated
    scope = Office.objects.filter(geo_path__startswith=district.path)
    moa = Office.objects.get(domain="moa.gov.bd")
    under = scope.filter(org_path__startswith=moa.org_path)
    ministry_row = next(r for r in rollups.league(scope, "ministry") if r.key == moa.pk)
    agencies = rollups.league(under, "agency")
    n, avg = _weighted(agencies)
    assert n == ministry_row.offices == under.count()
    assert avg == pytest.approx(ministry_row.avg_score, abs=0.06)


def test_each_league_is_one_group_by_plus_names(kushtia_evaluated):
    scope = Office.objects.filter(geo_path__startswith=kushtia_evaluated.path)
    with CaptureQueriesContext(connection) as q:
        rollups.league(scope, "upazila")
    assert len(q) == 2


def test_unit_snapshots_match_the_live_roll_up(kushtia_evaluated):
    day = NOW.date()
    rollups.write_rollup_snapshots(day)
    district = kushtia_evaluated
    snap = RollupSnapshot.objects.get(level="district", key=district.pk, day=day)
    live = rollups.summarise(Office.objects.filter(district=district, score__isnull=False))
    assert snap.offices == live.offices
    assert snap.avg_score == pytest.approx(live.avg_score, abs=0.06)
    national = RollupSnapshot.objects.get(level="national", key=0, day=day)
    assert national.offices == OfficeScore.objects.count()
    assert rollups.trend("district", district.pk, days=30, today=day) == [
        (day, pytest.approx(snap.avg_score))
    ]


def test_eservice_roll_up_counts_services_planned_and_live(kushtia_dc, rules):
    from batayon.content.models import Service

    for status in ("not_planned", "planned", "live"):
        Service.objects.create(office=kushtia_dc, name="সেবা", name_bn="সেবা", eservice_status=status)
    rows = rollups.eservices(Office.objects.filter(pk=kushtia_dc.pk), "district")
    assert rows == [
        {"key": kushtia_dc.district_id, "name": "কুষ্টিয়া", "services": 3, "planned": 2, "live": 1, "online": 0}
    ]
