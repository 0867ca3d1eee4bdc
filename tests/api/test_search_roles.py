"""An officer's designated roles in search say for which office, each once: the DC is the
appeal authority of many offices, the UNO the GRS officer of its own."""

from __future__ import annotations

import pytest
from django.test import Client

from batayon.api.index import reindex
from batayon.api.search import search
from batayon.content.models import DesignatedOfficer
from batayon.offices.models import Office, Tier

pytestmark = pytest.mark.django_db


def test_roles_name_their_office_once_each(directory):
    uno = directory.unos["Kumarkhali"]
    unions = list(Office.objects.filter(tier=Tier.UNION, upazila=uno.office.upazila).order_by("id")[:2])
    DesignatedOfficer.objects.create(office=uno.office, scheme="grs", role="appeal", officer=uno)
    for union in unions:
        DesignatedOfficer.objects.create(office=union, scheme="grs", role="appeal", officer=uno)
        DesignatedOfficer.objects.create(office=union, scheme="rti", role="appeal", officer=uno)
    reindex(Office.objects.filter(district=uno.office.district))
    _, hits = search("কুমারখালী ইউএনও")
    hit = next(h for h in hits if h.kind == "officer" and h.object_id == uno.pk)
    roles = hit.data["roles"]
    pairs = [(r["code"], r["office"]["domain"]) for r in roles]
    assert len(pairs) == len(set(pairs)) == 5
    assert ("grs:appeal", uno.office.domain) in pairs
    assert {d for c, d in pairs if c == "rti:appeal"} == {u.domain for u in unions}
    body = Client().get("/api/v1/search", {"q": "কুমারখালী ইউএনও", "type": "officer"}).json()
    first = next(r for r in body["results"] if r["id"] == uno.pk)
    assert first["roles"][0]["office"]["name"]["bn"]
