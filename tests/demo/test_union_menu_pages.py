"""Every menu item of a filled demo union opens a page: "ইউনিয়ন পরিষদ সম্পর্কিত" was a 404 on
all of them (issue 13); only the documented gap union lacks it, and the menu rule says so."""

from django.utils import translation

from batayon.compliance.models import CheckStatus
from batayon.compliance.rulebook import load_rules
from batayon.compliance.services import evaluate_office
from batayon.content.models import Officer
from batayon.demo.loader import NO_ENGLISH_DOMAIN
from batayon.offices.models import Office, Tier


def test_about_union_page_opens_on_every_filled_union(loaded, client):
    domains = sorted(
        set(Officer.objects.filter(office__tier=Tier.UNION).values_list("office__domain", flat=True))
    )
    assert len(domains) == 25
    for domain in domains:
        response = client.get(f"/o/{domain}/bn/pages/about-union/")
        expected = 404 if domain == NO_ENGLISH_DOMAIN else 200
        assert response.status_code == expected, domain
    html = client.get("/o/2nobarkhadaup.kushtia.gov.bd/bn/pages/about-union/").content.decode()
    assert "বারখাদা ইউনিয়ন পরিষদ" in html


def test_menu_rule_names_the_missing_page_of_the_gap_union(loaded):
    load_rules()
    union = Office.objects.get(domain=NO_ENGLISH_DOMAIN)
    evaluate_office(union.pk)
    s = CheckStatus.objects.get(office=union, rule__code="standard-menu")
    with translation.override("bn"):
        assert "ইউনিয়ন পরিষদ সম্পর্কিত" in s.reason_text()
    other = Office.objects.get(domain="2nobarkhadaup.kushtia.gov.bd")
    evaluate_office(other.pk)
    with translation.override("bn"):
        assert (
            "ইউনিয়ন পরিষদ সম্পর্কিত"
            not in CheckStatus.objects.get(office=other, rule__code="standard-menu").reason_text()
        )
