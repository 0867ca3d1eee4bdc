"""Officer lists: how many, and who has no mobile number, e-mail or photo."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_missing_mobiles_are_counted(audit_one):
    run = audit_one("missing_mobile")
    officers = run.observations.get(source="officers")
    assert officers.n == 5
    assert officers.blanks == {"mobile": 2, "email": 0, "photo": 0}
    assert run.observations.get(source="staff").blanks["mobile"] == 0


def test_missing_rti_officer(audit_one):
    run = audit_one("missing_rti")
    n = dict(run.observations.filter(source__startswith="rti_").values_list("source", "n"))
    assert n == {"rti_primary": 0, "rti_alternative": 1, "rti_appeal": 1}
