"""A healthy portal: every section found with its evidence, nothing flagged."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_portal_has_no_findings_but_plain_http(audit_one):
    run = audit_one()
    assert run.outcome == "ok"
    codes = {f["code"] for f in run.findings}
    assert codes == {"no_https"}  # the farm serves plain HTTP; HTTPS is tested on its own
    assert run.has_bangla and run.has_english
    obs = {o.source: o for o in run.observations.all()}
    assert obs["officers"].n == 5
    assert obs["officers"].blanks == {"mobile": 0, "email": 0, "photo": 0}
    assert obs["notices"].n == 4 and obs["notices"].last_change is not None
    assert obs["rti_primary"].n == 1 and obs["rti_alternative"].n == 1 and obs["rti_appeal"].n == 1
    assert obs["service_box"].n == 3
    for o in obs.values():
        assert o.untranslated == 0, o.source
        assert o.n >= 1, o.source
    assert not run.defaced
