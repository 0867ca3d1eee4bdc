"""Both language versions: a portal with no English, a section whose English page is in Bangla."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_no_english_version(audit_one):
    run = audit_one("no_english")
    assert run.has_bangla and not run.has_english
    assert "no_english" in {f["code"] for f in run.findings}
    officers = run.observations.get(source="officers")
    assert officers.untranslated == officers.n == 5


def test_one_untranslated_section(audit_one):
    run = audit_one("untranslated_notices")
    assert run.has_english
    untranslated = dict(run.observations.filter(untranslated__gt=0).values_list("source", "untranslated"))
    assert untranslated == {"notices": 4}
