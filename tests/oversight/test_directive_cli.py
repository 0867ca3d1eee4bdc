"""``batayon directive issue`` computes the deadline in working days and addresses a subtree;
``batayon directive status`` prints every target office with its state and deadline."""

from __future__ import annotations

import json

import pytest
from django.core.management.base import CommandError

from batayon.offices.models import Office, Tier
from batayon.oversight.models import Directive

from .conftest import run_command

pytestmark = pytest.mark.django_db


def test_issue_to_the_unions_of_an_upazila_in_working_days(rules, kushtia_dc, uno_sadar):
    out = run_command(
        "directive",
        "issue",
        "--from",
        kushtia_dc.domain,
        "--under",
        uno_sadar.domain,
        "--tier",
        "union",
        "--rules",
        "notices-fresh,officers-list",
        "--working-days",
        "7",
        "--date",
        "2020-09-28",
        "--subject",
        "জাতীয় তথ্য বাতায়ন হাল-নাগাদকরণ প্রসঙ্গে",
    )
    unions = Office.objects.filter(tier=Tier.UNION, upazila_id=uno_sadar.area_id).count()
    directive = Directive.objects.get()
    assert out.strip() == f"directive={directive.pk} deadline=2020-10-07 offices={unions} items=2"
    assert directive.working_days == 7 and directive.issuer == kushtia_dc
    assert set(directive.targets.values_list("office__tier", flat=True)) == {Tier.UNION}

    status = run_command("directive", "status", str(directive.pk))
    lines = status.strip().splitlines()
    assert len(lines) == unions
    assert all("\tpending" in line and "\t2020-10-07\t" in line for line in lines)
    data = json.loads(run_command("directive", "status", str(directive.pk), "--json"))
    assert data["deadline"] == "2020-10-07" and len(data["offices"]) == unions
    assert {o["state"] for o in data["offices"]} == {"pending"}
    assert all(o["late"] for o in data["offices"])  # 2020 is long past


def test_the_seed_001_preset_and_a_date_deadline(rules, kushtia_dc):
    out = run_command(
        "directive",
        "issue",
        "--from",
        kushtia_dc.domain,
        "--tier",
        "upazila",
        "--preset",
        "seed-001",
        "--deadline",
        "2020-10-15",
        "--date",
        "2020-09-28",
        "--subject",
        "হাল-নাগাদকরণ",
    )
    directive = Directive.objects.get()
    assert "deadline=2020-10-15" in out and "items=9" in out
    assert [i.label for i in directive.items.all()] == list("কখগঘঙচছজঝ")
    assert (
        directive.targets.count()
        == Office.objects.filter(tier=Tier.UPAZILA, district_id=kushtia_dc.area_id).count()
    )
    assert directive.working_days is None


@pytest.mark.parametrize(
    "args, message",
    [
        (["--rules", "no-such-rule", "--working-days", "7"], "নিয়মাবলিতে এই কোড নেই: no-such-rule"),
        (["--rules", "notices-fresh", "--deadline", "2019-01-01"], "সময়সীমা জারির তারিখের আগে"),
        (["--rules", "notices-fresh", "--working-days", "7", "--under", "jessore.gov.bd"], "অধীন নয়"),
        (["--rules", "notices-fresh", "--working-days", "7", "--tier", "planet"], "অজানা স্তর"),
    ],
)
def test_bad_input_is_refused_in_bangla_and_nothing_is_written(rules, kushtia_dc, args, message):
    with pytest.raises(CommandError, match=message):
        run_command(
            "directive", "issue", "--from", kushtia_dc.domain, "--date", "2020-09-28", "--subject", "x", *args
        )
    assert not Directive.objects.exists()


def test_a_union_cannot_issue(rules, union_office):
    with pytest.raises(CommandError, match="নির্দেশনা দিতে পারে না"):
        run_command(
            "directive",
            "issue",
            "--from",
            union_office.domain,
            "--rules",
            "notices-fresh",
            "--working-days",
            "3",
            "--subject",
            "x",
        )
