"""A service-box link that ``checklinks`` has not seen yet is not known to work: the rule's
status is "unchecked" (its own state, failing), never ok (issue 13)."""

from django.utils import timezone

from batayon.audit.models import Link
from batayon.compliance.models import Status
from batayon.compliance.services import office_score
from batayon.content.models import Service

from .conftest import at, evaluate_at, reason_bn, reason_en, status


def box(office, link):
    return Service.objects.create(
        office=office, name="সেবা", name_bn="সেবা", name_en="Service", link=link, in_service_box=True
    )


def checked(url, ok=True):
    """A result of the shared link checker (batayon.audit), as ``checklinks`` records it."""
    Link.objects.create(
        url=url, status=Link.Status.OK if ok else Link.Status.BROKEN, status_code=200 if ok else 404,
        checked_at=timezone.now(),
    )


def test_unchecked_links_are_not_ok(office):
    box(office, "https://a.example.gov.bd/")
    box(office, "https://b.example.gov.bd/")
    checked("https://a.example.gov.bd/")
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "service-box-links")
    assert s.status == Status.UNCHECKED
    assert s.status in Status.failing()
    assert reason_bn(s) == "২টি লিংকের মধ্যে ১টি এখনো যাচাই হয়নি"
    assert reason_en(s) == "1 of 2 links not checked yet"


def test_unchecked_links_cost_points_until_checked(office):
    box(office, "https://a.example.gov.bd/")
    evaluate_at(office, at(2025, 10, 10))
    before = office_score(office).score
    checked("https://a.example.gov.bd/")
    evaluate_at(office, at(2025, 10, 10))
    assert status(office, "service-box-links").status == Status.OK
    assert reason_bn(status(office, "service-box-links")) == "সব লিংক কাজ করছে"
    assert office_score(office).score > before


def test_broken_and_unchecked_together(office):
    for x in "abc":
        box(office, f"https://{x}.example.gov.bd/")
    checked("https://a.example.gov.bd/", ok=False)
    checked("https://b.example.gov.bd/")
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "service-box-links")
    assert s.status == Status.BROKEN
    assert reason_bn(s) == "৩টি লিংকের মধ্যে ১টি কাজ করছে না; ১টি এখনো যাচাই হয়নি"
