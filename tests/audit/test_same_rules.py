"""Observations feed the same rules: an audited office gets the same statuses a hosted one would,
marked as observed from outside; what cannot be seen from outside is not applicable."""

from __future__ import annotations

import pytest

from batayon.audit.services import audit, portal_url
from batayon.compliance.models import CheckStatus
from batayon.compliance.rulebook import load_rules

from .farm import Portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_audited(farm_factory, elsewhere):
    load_rules()
    healthy, poor = elsewhere(2)
    defects = {"stale_notices", "missing_rti", "no_english", "dead_link", "blocked_link", "missing_mobile"}
    farm_factory([Portal(healthy.domain), Portal(poor.domain, defects)])
    audit([(healthy, portal_url(healthy)), (poor, portal_url(poor))])
    return healthy, poor


def statuses(office) -> dict[str, str]:
    return dict(CheckStatus.objects.filter(office=office).values_list("rule__code", "status"))


def test_each_defect_gives_the_rule_status_a_hosted_office_would_get(two_audited):
    healthy, poor = two_audited
    good, bad = statuses(healthy), statuses(poor)
    expected = {
        "notices-fresh": ("ok", "stale"),
        "rti-officer": ("ok", "missing"),
        "officers-contacts": ("ok", "missing"),
        "service-box-links": ("ok", "broken"),
        "bilingual-officers": ("ok", "untranslated"),
        "officers-list": ("ok", "ok"),
        "rti-appeal": ("ok", "ok"),
    }
    for code, (want_good, want_bad) in expected.items():
        if code in good:
            assert (good[code], bad[code]) == (want_good, want_bad), code


def test_nothing_healthy_is_flagged(two_audited):
    healthy, _poor = two_audited
    failing = {c: s for c, s in statuses(healthy).items() if s not in ("ok", "not_applicable", "due_soon")}
    assert failing == {}


def test_what_cannot_be_seen_from_outside_is_not_applicable(two_audited):
    healthy, _poor = two_audited
    st = statuses(healthy)
    for code in ("apa-quarterly", "officers-photo", "eservice-roadmap"):
        if code in st:
            assert st[code] in ("not_applicable", "ok"), code
