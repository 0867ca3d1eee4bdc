"""Scores: capped, weighted deductions; bands; and the checklist ordered by what raises the score most."""

import datetime as dt

import pytest

from batayon.compliance.engine import Computed, score_of
from batayon.compliance.models import OfficeScore, Rule, ScoreSnapshot, band_for
from batayon.compliance.rulebook import SECTIONS
from batayon.compliance.services import checklist, office_score

from .conftest import at, evaluate_at, make_notice, make_officer

NOW = at(2025, 10, 10)


def test_band_boundaries():
    assert band_for(100) == band_for(80) == "good"
    assert band_for(79.9) == band_for(50) == "fair"
    assert band_for(49.9) == band_for(0) == "poor"


def test_score_is_100_minus_points_and_never_negative():
    per_rule = {
        1: Computed("ok", "", {}, 0, points_lost=0),
        2: Computed("missing", "", {}, 1, points_lost=60),
        3: Computed("stale", "", {}, 1, points_lost=50),
    }
    assert score_of(per_rule) == (0.0, 2)
    assert score_of({1: Computed("ok", "", {}, 0, points_lost=0)}) == (100.0, 0)


def test_empty_office_scores_zero_and_a_better_one_scores_more(office, union_office):
    evaluate_at(office, NOW)
    empty = office_score(office)
    assert empty.score < 20 and empty.band == "poor" and empty.band_label == "দুর্বল"
    make_officer(office)
    make_notice(office, dt.date(2025, 10, 9))
    evaluate_at(office, NOW)
    better = office_score(office)
    assert better.score > empty.score
    assert better.evaluated_at == NOW


def test_points_lost_sum_to_what_the_score_misses(office):
    make_officer(office, mobile="")
    evaluate_at(office, NOW)
    items = checklist(office)
    info = office_score(office)
    assert sum(i.points_lost for i in items) == pytest.approx(100 - info.score, abs=0.2)


def test_checklist_fix_these_first(office):
    make_officer(office, mobile="")
    evaluate_at(office, NOW)
    items = checklist(office)
    lost = [i.points_lost for i in items]
    assert lost == sorted(lost, reverse=True)
    top = items[0]
    heaviest = (
        Rule.objects.filter(code__in=[i.rule_code for i in items if i.failing]).order_by("-weight").first()
    )
    assert top.weight == heaviest.weight
    assert top.section in SECTIONS
    contacts = next(i for i in items if i.rule_code == "officers-contacts")
    assert contacts.status == "missing" and contacts.section == "officers" and not contacts.confirmable
    assert next(i for i in items if i.rule_code == "officers-current").confirmable
    assert {i.status for i in items} <= {
        "ok",
        "due_soon",
        "stale",
        "missing",
        "untranslated",
        "broken",
        "not_applicable",
    }


def test_a_daily_snapshot_row_per_office_per_day(office):
    evaluate_at(office, NOW)
    evaluate_at(office, at(2025, 10, 10, 18))
    evaluate_at(office, at(2025, 10, 11))
    days = list(ScoreSnapshot.objects.filter(office=office).values_list("day", flat=True).order_by("day"))
    assert days == [dt.date(2025, 10, 10), dt.date(2025, 10, 11)]
    assert OfficeScore.objects.filter(office=office).count() == 1
