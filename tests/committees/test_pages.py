"""The committee pages, through real requests, with the rights of accounts.permissions."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from batayon.committees.models import ReportJob
from batayon.offices.models import Office

from .conftest import JHENAIDAH, make_user, signed_in

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def test_every_committee_view_declares_its_permission():
    routes = [(r, p) for r, p in _walk(get_resolver().url_patterns) if r.startswith("committees/")]
    assert len(routes) >= 12
    assert [r for r, p in routes if getattr(p.callback, "permission_action", None) in (None, "public")] == []


@pytest.fixture
def office(seeds):
    return Office.objects.get(domain=JHENAIDAH)


def test_the_offices_people_read_and_publish_outsiders_do_not(seeds, office, media):
    meeting = seeds["002"]
    head = make_user("jh-head", "head", office)
    client = signed_in(head, verified=False)
    base = f"/committees/{office.domain}/"
    assert client.get(base).status_code == 200
    page = client.get(f"{base}meeting/{meeting.pk}/")
    assert page.status_code == 200 and "প্রকাশ করুন ও ই-মেইলে পাঠান" in page.content.decode()
    letter = client.get(f"{base}meeting/{meeting.pk}/minutes/")
    assert letter.status_code == 200 and "'unsafe-inline'" in letter["Content-Security-Policy"]
    assert client.get(f"{base}meeting/{meeting.pk}/minutes.pdf")["Content-Type"] == "application/pdf"
    assert client.get(f"{base}committee/{meeting.committee.pk}/").status_code == 200
    # a meeting of another office is not found under this one
    other = seeds["004"]
    assert client.get(f"{base}meeting/{other.pk}/").status_code == 404
    # someone from another office is refused
    stranger = make_user("stranger", "head", Office.objects.get(domain="kushtia.gov.bd"))
    assert signed_in(stranger, verified=False).get(base).status_code == 403
    assert signed_in(stranger, verified=False).post(f"{base}meeting/{meeting.pk}/publish/").status_code == 403
    # the head publishes from the meeting page
    response = client.post(f"{base}meeting/{meeting.pk}/publish/")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_published


def test_reports_for_the_supervised_subtree(seeds):
    district = Office.objects.get(domain="jhenaidah.gov.bd")
    supervisor = make_user("jh-sup", "supervisor", district)
    client = signed_in(supervisor)
    home = client.get("/committees/reports/")
    assert home.status_code == 200 and "/committees/jhenaidah.gov.bd/reports/compliance.xlsx" in home.content.decode()
    xlsx = client.get("/committees/jhenaidah.gov.bd/reports/decisions.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get("/committees/kushtia.gov.bd/reports/decisions.pdf").status_code == 403
    assert client.post("/committees/reports/national/").status_code == 403
    # the supervision pages link to the reports
    assert "/committees/reports/" in client.get("/supervision/").content.decode()


def test_national_report_runs_as_a_task_with_progress(seeds, media):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client = signed_in(admin)
    response = client.post("/committees/reports/national/", {"format": "xlsx"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/committees/reports/jobs/{job.pk}/"
    assert job.status == "done" and job.done == job.total == Office.objects.count()
    page = client.get(response["Location"]).content.decode()
    assert "সম্পন্ন" in page and f"/committees/reports/jobs/{job.pk}/file/" in page
    download = client.get(f"/committees/reports/jobs/{job.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"


def test_the_pages_tables_are_the_supervision_pages_tables(seeds, office):
    """The committee, meeting and office pages lay their tables out as the other supervision pages
    do (``table.data``), not as the portal's card grid (which squashed them into one column)."""
    meeting = seeds["002"]
    client = signed_in(make_user("jh-head", "head", office), verified=False)
    base = f"/committees/{office.domain}/"
    for url in (base, f"{base}committee/{meeting.committee.pk}/", f"{base}meeting/{meeting.pk}/"):
        html = client.get(url).content.decode()
        assert '<table class="data' in html and 'class="grid' not in html, url
