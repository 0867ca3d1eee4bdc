"""An editor confirms an unchanged list is still correct: recorded, and counted as an update."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from batayon.compliance.models import Confirmation
from batayon.compliance.services import confirm_current

from .conftest import at, evaluate_at, make_officer, reason_en, status


def test_confirming_the_officers_list_makes_it_current(office):
    make_officer(office, updated=at(2025, 1, 1))
    evaluate_at(office, at(2025, 10, 10))
    assert status(office, "officers-current").status == "stale"
    user = get_user_model().objects.create_user("editor-kushtia", password="x" * 12)
    confirmation = confirm_current(office, "officers", user)
    assert confirmation.user == user and confirmation.section == "officers"
    assert Confirmation.objects.filter(office=office, section="officers", user=user).count() == 1
    s = status(office, "officers-current")  # re-evaluated at once, with the real clock
    assert s.status == "ok"
    assert reason_en(s) == "last confirmation today"


def test_confirming_an_office_with_no_projects(office):
    evaluate_at(office, at(2025, 10, 10))
    assert status(office, "projects").status == "missing"
    confirm_current(office, "projects", None)
    assert status(office, "projects").status == "ok"


def test_sections_without_a_confirmable_rule_are_refused(office):
    with pytest.raises(ValueError):
        confirm_current(office, "notices", None)
    with pytest.raises(ValueError):
        confirm_current(office, "nonsense", None)
    assert not Confirmation.objects.exists()


def test_confirming_from_the_supervision_page_is_audited(db, kushtia_dc):
    """The same confirmation from either page leaves the same audit entry."""
    from django.contrib.auth import get_user_model

    from batayon.compliance.rulebook import ensure_rules
    from batayon.compliance.services import confirm_current, confirmable_sections
    from batayon.history.models import AuditEntry

    ensure_rules()
    section = min(confirmable_sections())
    user = get_user_model().objects.create_user("confirmer", password="x" * 12)
    confirm_current(kushtia_dc, section, user)
    entry = AuditEntry.objects.get(office=kushtia_dc, action=AuditEntry.Action.CONFIRM)
    assert entry.user == user and entry.changes == {"section": section}


def test_an_unknown_section_is_refused_in_the_users_language(office):
    with pytest.raises(ValueError, match="^অজানা অংশ: nonsense$"):
        confirm_current(office, "nonsense", None)
    with translation.override("en"), pytest.raises(ValueError, match="^Unknown section: nonsense$"):
        confirm_current(office, "nonsense", None)
    assert not Confirmation.objects.filter(office=office).exists()
