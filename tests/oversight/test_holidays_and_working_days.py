"""Working days skip Friday, Saturday, the fixed national holidays and the holidays entered
for the year (R-3.4); the holiday file loads whole or not at all, with Bangla errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management.base import CommandError

from batayon.oversight.holidays import (
    add_working_days,
    holidays_between,
    is_working_day,
    working_days_between,
)
from batayon.oversight.models import Holiday

from .conftest import run_command

pytestmark = pytest.mark.django_db


def test_seed_001_seven_working_days_from_28_september_2020():
    # ১৩ আশ্বিন ১৪২৭ = Monday 28 September 2020; "পত্র প্রাপ্তির ৭ (সাত) কর্মদিবসের মধ্যে".
    assert add_working_days(dt.date(2020, 9, 28), 7) == dt.date(2020, 10, 7)
    assert working_days_between(dt.date(2020, 9, 28), dt.date(2020, 10, 7)) == 7


def test_a_movable_holiday_entered_for_the_year_moves_the_deadline():
    Holiday.objects.create(date=dt.date(2020, 10, 1), name_bn="পরীক্ষামূলক ছুটি")
    assert add_working_days(dt.date(2020, 9, 28), 7) == dt.date(2020, 10, 8)
    assert not is_working_day(dt.date(2020, 10, 1))


def test_fixed_national_holidays_are_built_in():
    # Victory Day, Wednesday 16 December 2020: one working day after Tuesday the 15th is Thursday.
    assert not is_working_day(dt.date(2020, 12, 16))
    assert add_working_days(dt.date(2020, 12, 15), 1) == dt.date(2020, 12, 17)
    assert {
        dt.date(2024, 2, 21),
        dt.date(2024, 3, 26),
        dt.date(2024, 4, 14),
        dt.date(2024, 5, 1),
        dt.date(2024, 12, 16),
        dt.date(2024, 12, 25),
    } <= holidays_between(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_friday_and_saturday_are_off():
    assert not is_working_day(dt.date(2025, 1, 10)) and not is_working_day(dt.date(2025, 1, 11))
    assert is_working_day(dt.date(2025, 1, 12))  # Sunday


def test_holiday_file_loads(tmp_path):
    path = tmp_path / "2025.csv"
    path.write_text(
        "date,name_bn,name_en\n2025-03-31,ঈদুল ফিতর,Eid ul-Fitr\n2025-10-02,দুর্গাপূজা,Durga Puja\n",
        encoding="utf-8",
    )
    assert run_command("holidays", "load", str(path)).strip() == "created=2 updated=0"
    assert Holiday.objects.get(date=dt.date(2025, 3, 31)).name_en == "Eid ul-Fitr"
    assert "2025-10-02 দুর্গাপূজা" in run_command("holidays", "list", "--year", "2025")
    assert "2025-12-16 বিজয় দিবস" in run_command("holidays", "list", "--year", "2025")


def test_holiday_file_with_an_error_loads_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,name_bn\n2025-03-31,ঈদুল ফিতর\n31/03/2025,ঈদ\n2025-06-07,\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        run_command("holidays", "load", str(path))
    message = str(exc.value)
    assert "কোনো ছুটি যোগ করা হয়নি" in message
    assert "লাইন ৩" in message and "সঠিক নয়" in message and "লাইন ৪" in message
    assert not Holiday.objects.exists()


def test_the_administrator_enters_holidays_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "root", "root@batayon.gov.bd", "a-long-test-password-1"
    )
    from tests.workspace.helpers import signed_in

    c = signed_in(admin, verified=True)
    r = c.post(
        "/admin/oversight/holiday/add/", {"date": "2025-06-07", "name_bn": "ঈদুল আযহা", "name_en": "Eid"}
    )
    assert r.status_code == 302, r.content[:500]
    assert (
        not is_working_day(dt.date(2025, 6, 7)) and Holiday.objects.filter(date=dt.date(2025, 6, 7)).exists()
    )
