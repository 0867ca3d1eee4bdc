"""Presence and completeness rules: a list that is missing, and one whose officers lack contacts."""

from batayon.compliance.models import CheckStatus

from .conftest import at, evaluate_at, make_officer, reason_bn, reason_en, status

NOW = at(2025, 10, 10)


def test_empty_office_has_its_lists_missing_and_completeness_not_applicable(office):
    evaluate_at(office, NOW)
    officers = status(office, "officers-list")
    assert officers.status == "missing"
    assert reason_bn(officers) == "কোনো কর্মকর্তা নেই"
    assert reason_en(officers) == "no officers"
    assert status(office, "officers-contacts").status == "not_applicable"
    assert status(office, "rti-officer").status == "missing"


def test_officers_without_mobile_are_counted_in_both_languages(office):
    make_officer(office)
    for _ in range(3):
        make_officer(office, mobile="")
    make_officer(office, email="", mobile="")
    evaluate_at(office, NOW)
    assert status(office, "officers-list").status == "ok"
    contacts = status(office, "officers-contacts")
    assert contacts.status == "missing"
    assert reason_en(contacts) == "4 officers have no mobile number; 1 officer has no email"
    assert reason_bn(contacts) == "৪ জন কর্মকর্তার মোবাইল নম্বর নেই; ১ জন কর্মকর্তার ই-মেইল নেই"
    # 4 of 5 officers are incomplete: the rule loses 4/5 of its weight, not all of it.
    photo = status(office, "officers-photo")
    assert photo.status == "ok" and photo.points_lost == 0
    assert 0 < contacts.points_lost


def test_staff_and_officers_are_separate_lists(office):
    make_officer(office, kind="staff")
    evaluate_at(office, NOW)
    assert status(office, "staff-list").status == "ok"
    assert status(office, "officers-list").status == "missing"


def test_officer_who_left_is_not_counted(office):
    import datetime as dt

    make_officer(office, left_on=dt.date(2025, 9, 1), joined_on=dt.date(2020, 1, 1))
    evaluate_at(office, NOW)
    assert status(office, "officers-list").status == "missing"


def test_rules_apply_only_to_their_tiers(union_office, rules):
    evaluate_at(union_office, NOW)
    codes = set(CheckStatus.objects.filter(office=union_office).values_list("rule__code", flat=True))
    assert "officers-list" in codes
    assert "apa-current-fy" not in codes  # APA is not asked of union parishads
    assert "eservice-roadmap" not in codes  # ministries and agencies only
