"""``batayon evaluate --json``: each office's domain, score and the status of every rule."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from batayon.compliance.models import Rule

from .conftest import make_officer


def test_evaluate_json_for_one_office(office):
    make_officer(office)
    out, err = io.StringIO(), io.StringIO()
    call_command("evaluate", office=["kushtia.gov.bd"], json=True, stdout=out, stderr=err)
    data = json.loads(out.getvalue())
    assert [row["domain"] for row in data] == ["kushtia.gov.bd"]
    row = data[0]
    assert 0 <= row["score"] <= 100
    assert row["rules"]["officers-list"] == "ok"
    assert row["rules"]["notices-fresh"] == "missing"
    district_rules = Rule.objects.filter(active=True)
    assert set(row["rules"]) == {r.code for r in district_rules if "district" in r.tiers}
    assert "eservice-roadmap" not in row["rules"]  # ministries and agencies only
    assert err.getvalue() == ""  # no progress bar with --json


def test_evaluate_loads_the_rulebook_on_first_run(kushtia_dc, union_office):
    out = io.StringIO()
    call_command("evaluate", office=["kushtia.gov.bd", union_office.domain], stdout=out, stderr=io.StringIO())
    assert "offices=2" in out.getvalue()
    assert Rule.objects.exists()


def test_unknown_office_is_an_error(db):
    with pytest.raises(CommandError, match="দপ্তর পাওয়া যায়নি: nowhere.gov.bd"):
        call_command("evaluate", office=["nowhere.gov.bd"], stdout=io.StringIO())
