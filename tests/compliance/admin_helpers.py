"""A national administrator signed in (with TOTP), one small rule over the 64 DC offices,
and the admin's change form posted as a browser posts it."""

from __future__ import annotations

import json

import pytest

from batayon.compliance import engine
from batayon.compliance.models import Rule
from tests.compliance.conftest import make_officer
from tests.workspace.helpers import make_user, signed_in


@pytest.fixture
def admin_user(kushtia_dc):
    return make_user("national", "admin", kushtia_dc)


@pytest.fixture
def admin_client(admin_user):
    return signed_in(admin_user)


@pytest.fixture
def dc_rule(kushtia_dc) -> Rule:
    """"Every DC office lists at least one officer": Kushtia has one (ok), the 63 others none
    (missing). The only rule, evaluated over the whole country."""
    rule = Rule.objects.create(
        code="dc-officers", title_bn="জেলা প্রশাসকের কার্যালয়ে কর্মকর্তা", title_en="Officers of DC offices",
        source="seed 001 ক", kind="count", section="officers", params={"source": "officers"},
        tiers=["district"], weight=5, sort_order=10,
    )
    make_officer(kushtia_dc)
    engine.run(None)
    return rule


def form_data(rule: Rule, **change) -> dict:
    data = {
        "code": rule.code, "title_bn": rule.title_bn, "title_en": rule.title_en, "source": rule.source,
        "kind": rule.kind, "section": rule.section, "params": json.dumps(rule.params),
        "tiers": json.dumps(rule.tiers), "weight": rule.weight, "sort_order": rule.sort_order,
        "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0",
        "revisions-MIN_NUM_FORMS": "0", "revisions-MAX_NUM_FORMS": "1000",
    }
    if rule.active:
        data["active"] = "on"
    if rule.supervisor_editable:
        data["supervisor_editable"] = "on"
    data.update(change)
    return data


def change_url(rule: Rule) -> str:
    return f"/admin/compliance/rule/{rule.pk}/change/"
