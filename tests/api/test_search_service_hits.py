"""A service hit answers the caller's next questions without another click: what to bring,
what it costs, how long it takes, and a link to that service itself."""

from __future__ import annotations

import pytest
from django.test import Client

from batayon.api.search import search

pytestmark = pytest.mark.django_db


def test_service_hit_carries_documents_fee_time_and_its_own_link(directory):
    service = directory.birth_services[0]
    _, hits = search("জন্ম নিবন্ধন সেবা")
    hit = next(h for h in hits if h.kind == "service" and h.object_id == service.pk)
    assert hit.data["required_documents"]["bn"] == "টিকার কার্ড, পিতা-মাতার এনআইডি"
    assert hit.data["fee"]["bn"] == "৪৫ দিনের মধ্যে বিনামূল্যে"
    assert hit.data["time_limit"]["bn"] == "৭ কার্যদিবস"
    assert hit.data["url"].endswith(f"/services/#service-{service.pk}")
    page = Client().get(hit.data["url"].split("#")[0])
    assert page.status_code == 200 and f'id="service-{service.pk}"' in page.content.decode()


def test_the_api_shows_them_too(directory):
    body = Client().get("/api/v1/search", {"q": "জন্ম নিবন্ধন সেবা", "type": "service"}).json()
    first = body["results"][0]
    assert first["required_documents"]["bn"] and first["fee"]["bn"] and first["time_limit"]["bn"]
    assert "#service-" in first["url"]
