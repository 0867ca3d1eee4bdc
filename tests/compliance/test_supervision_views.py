"""Supervisor pages: scoping to what the user supervises, login/403, the office checklist, public pages."""

import pytest
from django.contrib.auth import get_user_model

from batayon.accounts.models import Membership
from batayon.compliance.services import evaluate
from batayon.offices.models import Office, Tier

from .conftest import at, make_officer, sign_in


def user_with(role, office, name):
    user = get_user_model().objects.create_user(name, password="x" * 12)
    Membership.objects.create(user=user, office=office, role=role)
    return user


@pytest.fixture
def upazilas(kushtia_dc, rules):
    unos = list(Office.objects.filter(tier=Tier.UPAZILA, district=kushtia_dc.district).order_by("pk")[:2])
    ids = list(Office.objects.filter(upazila__in=[u.upazila_id for u in unos]).values_list("pk", flat=True))
    evaluate(ids + [kushtia_dc.pk], now=at(2025, 10, 10))
    return unos


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/supervision/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_editor_without_supervision_gets_403(client, kushtia_dc):
    sign_in(client, user_with("editor", kushtia_dc, "ed"))
    assert client.get("/supervision/").status_code == 403


def test_uno_supervisor_sees_own_upazila_only(client, upazilas):
    mine, other = upazilas
    sign_in(client, user_with("supervisor", mine, "uno"))
    response = client.get("/supervision/")
    assert response.status_code == 200
    page = response.content.decode()
    own_union = Office.objects.filter(tier=Tier.UNION, upazila=mine.upazila).first()
    other_union = Office.objects.filter(tier=Tier.UNION, upazila=other.upazila).first()
    shown = {o.domain for o in response.context["page"]}
    assert all(o.upazila_id == mine.upazila_id for o in response.context["page"])
    listed = response.context["page"].paginator.object_list
    assert listed.count() == Office.objects.filter(mine.supervision_q()).count()
    assert listed.filter(domain=own_union.domain).exists()
    assert other_union.domain not in page
    # Asking for the neighbouring upazila, or the whole district, is refused.
    assert client.get(f"/supervision/?area={other.upazila_id}").status_code == 403
    response = client.get(f"/supervision/?area={mine.district_id}")
    assert response.status_code == 200  # the district, narrowed to what the UNO supervises
    assert all(o.upazila_id == mine.upazila_id for o in response.context["page"])
    assert client.get(f"/supervision/office/{other_union.domain}/").status_code == 403
    assert client.get(f"/supervision/office/{own_union.domain}/").status_code == 200


def test_dc_dashboard_filters_by_rule_and_status_and_sorts_by_score(client, kushtia_dc, upazilas):
    make_officer(kushtia_dc)
    evaluate([kushtia_dc.pk], now=at(2025, 10, 10))
    sign_in(client, user_with("supervisor", kushtia_dc, "dc"))
    response = client.get("/supervision/?rule=officers-list&status=ok")
    assert [o.domain for o in response.context["page"]] == ["kushtia.gov.bd"]
    response = client.get("/supervision/?sort=-score")
    scores = [o.score.score for o in response.context["page"] if hasattr(o, "score")]
    assert scores == sorted(scores, reverse=True)
    assert "কুষ্টিয়া" in response.content.decode()
    league = response.context["league"]
    assert {r.key for r in league} <= set(
        Office.objects.filter(district=kushtia_dc.district).values_list("upazila_id", flat=True)
    )
    for url in ("/supervision/leagues/", "/supervision/map/", "/supervision/eservices/"):
        assert client.get(url).status_code == 200, url


def test_ministry_supervisor_sees_its_agencies_field_offices(client, upazilas):
    moa = Office.objects.get(domain="moa.gov.bd")
    sign_in(client, user_with("supervisor", moa, "moa"))
    response = client.get("/supervision/")
    assert response.status_code == 200
    assert all(o.ministry_id == moa.pk for o in response.context["page"])
    assert (
        client.get(f"/supervision/?area={upazilas[0].upazila_id}").status_code == 200
    )  # moa's offices there
    lgd = Office.objects.get(domain="lgd.gov.bd")
    assert client.get(f"/supervision/?org={lgd.pk}").status_code == 403


def test_office_checklist_links_to_the_workspace_and_confirms(client, kushtia_dc, rules):
    make_officer(kushtia_dc)
    sign_in(client, user_with("editor", kushtia_dc, "ed2"))
    response = client.get("/supervision/office/kushtia.gov.bd/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/workspace/kushtia.gov.bd/notices/"' in body
    assert "পোর্টালের চেকলিস্ট" in body
    response = client.post("/supervision/office/kushtia.gov.bd/confirm/", {"section": "projects"})
    assert response.status_code == 302
    from batayon.compliance.models import Confirmation

    assert Confirmation.objects.filter(office=kushtia_dc, section="projects").exists()


def test_public_district_page_is_open_and_shows_scores(client, kushtia_dc, upazilas):
    response = client.get(f"/supervision/public/district/{kushtia_dc.district.code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "কুষ্টিয়া জেলা" in body
    assert "kushtia.gov.bd" in body and "পোর্টালের শেষ হালনাগাদ" in body
    assert client.get("/supervision/public/").status_code == 200
    assert client.get("/supervision/public/district/9999/").status_code == 404


def test_every_view_is_decorated():
    from django.urls import get_resolver

    for pattern in get_resolver("batayon.compliance.urls").url_patterns:
        assert hasattr(pattern.callback, "permission_action"), pattern.name
