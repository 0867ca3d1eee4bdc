"""The nightly ``evaluate`` re-evaluates only offices with a passed deadline or a change since
their last evaluation; ``--all`` (or a rulebook change) re-evaluates every office."""

import datetime as dt
import io

from django.core.management import call_command

from batayon.compliance.models import Confirmation, Flip, OfficeScore, Rule
from batayon.compliance.services import due_offices, evaluate
from batayon.offices.models import Office

from .conftest import at, make_notice, status
from .test_next_change_at import settle_the_rest_of_the_country

T0 = at(2025, 10, 10)
NIGHT = at(2025, 10, 25, 0)  # the notice board of 1 October turns due soon at this midnight


def evaluated_at(office) -> dt.datetime:
    return OfficeScore.objects.get(office=office).evaluated_at


def three_offices(kushtia_dc):
    others = list(Office.objects.filter(tier="upazila").order_by("pk")[:2])
    return kushtia_dc, others[0], others[1]


def test_only_due_and_changed_offices_are_re_evaluated(office):
    due, changed, untouched = three_offices(office)
    make_notice(due, dt.date(2025, 10, 1))
    settle_the_rest_of_the_country(T0)
    evaluate([due.pk, changed.pk, untouched.pk], now=T0)
    Office.objects.filter(pk=changed.pk).update(content_updated_at=T0 + dt.timedelta(hours=1))

    assert due_offices(NIGHT) == [due.pk, changed.pk]
    summary = evaluate(now=NIGHT)
    assert (summary.full, summary.offices, summary.flips) == (False, 2, 1)
    assert status(due, "notices-fresh").status == "due_soon"
    assert evaluated_at(due) == NIGHT
    assert evaluated_at(changed) == NIGHT
    assert evaluated_at(untouched) == T0
    assert list(Flip.objects.values_list("office_id", "reason")) == [(due.pk, "freshness.due_soon")]
    # Re-evaluated offices are not due again the same night.
    assert due_offices(NIGHT) == []


def test_a_confirmation_since_the_last_evaluation_makes_the_office_due(office):
    settle_the_rest_of_the_country(T0)
    evaluate([office.pk], now=T0)
    assert due_offices(at(2025, 10, 11)) == []
    Confirmation.objects.create(office=office, section="officers", created=T0 + dt.timedelta(hours=2))
    assert due_offices(at(2025, 10, 11)) == [office.pk]


def test_an_office_never_evaluated_is_due(office):
    settle_the_rest_of_the_country(T0)
    OfficeScore.objects.filter(office=office).delete()
    assert due_offices(at(2025, 10, 11)) == [office.pk]


def test_all_and_a_rulebook_change_re_evaluate_every_office(office):
    settle_the_rest_of_the_country(T0)
    summary = evaluate(now=at(2025, 10, 11), full=True)
    assert (summary.full, summary.offices) == (True, Office.objects.count())
    summary = evaluate(now=at(2025, 10, 11, 13))
    assert (summary.full, summary.offices) == (False, 0)
    Rule.objects.filter(code="notices-fresh").update(weight=7, updated_at=at(2025, 10, 11, 14))
    summary = evaluate(now=at(2025, 10, 11, 15))
    assert (summary.full, summary.offices) == (True, Office.objects.count())


def test_the_command_runs_the_nightly_selection(office):
    make_notice(office, dt.date(2025, 10, 1))
    settle_the_rest_of_the_country(T0)
    evaluate([office.pk], now=T0)
    out = io.StringIO()
    call_command("evaluate", stdout=out, stderr=io.StringIO())
    # Real "now" (long after T0): the notice board's deadlines passed, nothing else is due.
    assert " ".join(out.getvalue().split()[:6] + out.getvalue().split()[7:8]) == (
        "offices=1 rules=42 statuses=41 inserted=0 updated=1 flips=1 full=0"
    )
