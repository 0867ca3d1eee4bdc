"""After N working days overdue the office head is told, then the supervisor up the chain
(union → UNO → DC); a supervisor gets one digest for the whole subtree; a directive past its
deadline escalates the same way."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from batayon.offices.models import Office, Tier
from batayon.oversight.reminders import plan, supervisor_map
from batayon.oversight.services import ItemSpec, issue_directive

from .conftest import at, evaluate_at, html_part, make_user, run_command, subject_of, text_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(rules, union_office, uno_sadar, kushtia_dc, editor, head, supervisor):
    for user, address in [
        (editor, "editor@hatash.gov.bd"),
        (head, "chairman@hatash.gov.bd"),
        (supervisor, "uno@sadar.kushtia.gov.bd"),
    ]:
        user.email = address
        user.save()
    dc = make_user("dc-programmer", "supervisor", kushtia_dc, email="programmer@kushtia.gov.bd")
    evaluate_at(union_office, at(2025, 1, 5))
    return {"editor": editor, "head": head, "uno": supervisor, "dc": dc}


def who(smtp) -> set[str]:
    return {str(m["To"]) for m in smtp.messages}


def test_escalation_head_then_uno_then_dc(smtp, people):
    run_command("remind", "--date", "2025-01-05")
    assert who(smtp) == {"editor@hatash.gov.bd"}
    smtp.clear()
    run_command("remind", "--date", "2025-01-07")  # 2 working days: nobody new
    assert who(smtp) == set()
    out = run_command("remind", "--date", "2025-01-08")  # 3 working days: the head
    assert who(smtp) == {"chairman@hatash.gov.bd"} and "head=1" in out
    assert "৩ কর্মদিবস পেরিয়েছে" in text_part(smtp.messages[0])
    smtp.clear()
    run_command("remind", "--date", "2025-01-14")  # 7 working days (6,7,8,9,12,13,14): the UNO
    assert who(smtp) == {"uno@sadar.kushtia.gov.bd"}
    assert subject_of(smtp.messages[0]).startswith("বাতায়ন: আপনার অধীন দপ্তরগুলোর")
    smtp.clear()
    run_command("remind", "--date", "2025-01-21")  # 5 more working days: the DC office
    assert who(smtp) == {"programmer@kushtia.gov.bd"}


def test_a_supervisor_gets_one_digest_for_the_whole_subtree(smtp, people, union_office, uno_sadar):
    other = (
        Office.objects.filter(tier=Tier.UNION, upazila_id=uno_sadar.area_id)
        .exclude(pk=union_office.pk)
        .first()
    )
    evaluate_at(other, at(2025, 1, 5))
    run_command("remind", "--date", "2025-01-14")
    to_uno = smtp.to("uno@sadar.kushtia.gov.bd")
    assert len(to_uno) == 1
    html = html_part(to_uno[0])
    assert union_office.name_bn in html and other.name_bn in html
    assert f"https://batayon.gov.bd/supervision/office/{other.domain}/" in html
    # A supervisor reads a summary per office, not every line: five, then how many more.
    assert re.search(r"আরও [০-৯]+টি বিষয়", html)


def test_an_overdue_directive_escalates(smtp, people, union_office, uno_sadar):
    directive = issue_directive(
        issuer=uno_sadar,
        chosen=[union_office.pk],
        subject="সেবা বক্স হাল-নাগাদ",
        items=[ItemSpec("সেবা বক্স", ("service-box",))],
        issued_on=dt.date(2025, 1, 5),
        working_days=2,
        now=at(2025, 1, 5),
    )
    assert directive.deadline == dt.date(2025, 1, 7)
    run_command("remind", "--date", "2025-01-05")
    text = text_part(smtp.to("editor@hatash.gov.bd")[0])
    assert "সেবা বক্স হাল-নাগাদ" in text and f"/oversight/{union_office.domain}/inbox/{directive.pk}/" in text
    smtp.clear()
    run_command("remind", "--date", "2025-01-08")  # one working day past the deadline
    text = text_part(smtp.to("editor@hatash.gov.bd")[0])
    assert "সেবা বক্স হাল-নাগাদ" in text and "১ কর্মদিবস পেরিয়েছে" in text


def test_a_field_office_escalates_to_its_agency_too(rules, uno_sadar):
    field = Office.objects.filter(
        tier=Tier.UPAZILA_FIELD, upazila_id=uno_sadar.area_id, agency__isnull=False
    ).first()
    if field is None:
        pytest.skip("no field office with an agency in the registry")
    make_user("field-editor", "editor", field, email="field@x.gov.bd")
    agency_sup = make_user("agency-sup", "supervisor", field.agency, email="agency@x.gov.bd")
    uno_sup = make_user("uno-sup", "supervisor", uno_sadar, email="uno@x.gov.bd")
    evaluate_at(field, at(2025, 1, 5))
    p = plan(dt.date(2025, 1, 14))
    assert agency_sup.pk in p.digests and uno_sup.pk in p.digests
    assert {line.office_id for line in p.digests[agency_sup.pk]} == {field.pk}


def test_supervisor_map_matches_office_supervisor(union_office, uno_sadar, kushtia_dc):
    rows = list(
        Office.objects.values_list(
            "pk", "tier", "area_id", "upazila_id", "district_id", "division_id", "agency_id", "org_parent_id"
        )
    )
    sup = supervisor_map(rows)
    for office in [
        union_office,
        uno_sadar,
        kushtia_dc,
        Office.objects.filter(tier=Tier.UPAZILA_FIELD).first(),
        Office.objects.filter(tier=Tier.DISTRICT_FIELD).first(),
        Office.objects.filter(tier=Tier.AGENCY).first(),
    ]:
        expected = office.supervisor
        assert sup.get(office.pk) == (expected.pk if expected else None), office.domain
