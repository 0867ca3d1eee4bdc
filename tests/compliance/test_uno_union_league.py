"""A UNO's supervision ranks the upazila's union parishads (dashboard, league page) and the
map page shows that league instead of the national district map (issue 13)."""

from batayon.offices.models import Office, Tier

from .conftest import sign_in
from .test_supervision_views import upazilas, user_with  # noqa: F401  (fixture)


def test_uno_league_ranks_the_unions(client, upazilas):  # noqa: F811
    uno = upazilas[0]
    unions = Office.objects.filter(tier=Tier.UNION, upazila=uno.upazila)
    sign_in(client, user_with("supervisor", uno, "uno-league"))
    response = client.get("/supervision/leagues/")
    tables = dict(response.context["tables"])
    assert {r.key for r in tables["union"]} == set(
        unions.filter(score__isnull=False).values_list("pk", flat=True)
    )
    assert [r.rank for r in tables["union"]] == list(range(1, len(tables["union"]) + 1))
    body = response.content.decode()
    assert "ইউনিয়ন পরিষদ" in body
    dashboard = client.get("/supervision/")
    assert {r.key for r in dashboard.context["league"]} <= set(unions.values_list("pk", flat=True))
    assert dashboard.context["league"]


def test_uno_map_page_is_the_union_league_not_the_country(client, upazilas):  # noqa: F811
    uno = upazilas[0]
    sign_in(client, user_with("supervisor", uno, "uno-map"))
    response = client.get("/supervision/map/")
    assert response.status_code == 200
    assert response.context.get("district_map") is None
    body = response.content.decode()
    assert "district-map" not in body
    union = Office.objects.filter(tier=Tier.UNION, upazila=uno.upazila, score__isnull=False).first()
    assert f"?org={union.pk}" in body
