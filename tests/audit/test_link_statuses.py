"""The shared link checker: ok / slow / redirected / broken / blocked, each URL at most once a day."""

from __future__ import annotations

import pytest

from batayon.audit.linkcheck import check_urls
from batayon.audit.models import Link

from .farm import SERVICE_HOST, Portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(farm_factory, elsewhere):
    (office,) = elsewhere(1)
    farm = farm_factory([Portal(office.domain)], slow_seconds=0.6)
    base = f"http://{SERVICE_HOST}:{farm.port}"
    return farm, {
        "ok": f"{base}/ok/1",
        "slow": f"{base}/slow/1",
        "redirected": f"{base}/moved/1",
        "broken": f"{base}/dead/1",
        "blocked": f"{base}/blocked/1",
    }


def test_each_status(links):
    _farm, urls = links
    result = check_urls(urls.values())
    for expected, url in urls.items():
        assert Link.objects.get(url=url).status == expected, url
    assert result["checked"] == 5
    moved = Link.objects.get(url=urls["redirected"])
    assert moved.final_url.endswith("/ok/landing")
    assert Link.objects.get(url=urls["broken"]).status_code == 404
    assert Link.objects.get(url=urls["blocked"]).status_code == 403


def test_each_url_is_checked_at_most_once_a_day_whoever_links_it(links):
    farm, urls = links
    check_urls([urls["ok"], urls["broken"]])
    hits = dict(farm.hits)
    again = check_urls([urls["ok"], urls["ok"], urls["broken"]])  # a second office linking the same
    assert again["checked"] == 0
    assert dict(farm.hits) == hits
    assert check_urls([urls["ok"]], force=True)["checked"] == 1


def test_an_unchecked_link_has_no_status(links):
    from batayon.audit.linkcheck import register

    _farm, urls = links
    register([urls["ok"]])
    link = Link.objects.get(url=urls["ok"])
    assert link.status == "" and not link.working
