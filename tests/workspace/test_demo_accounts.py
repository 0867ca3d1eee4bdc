from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from batayon.accounts.permissions import can
from batayon.offices.models import Office
from batayon.workspace.demo import create_demo_accounts

pytestmark = pytest.mark.django_db


def test_demo_accounts_only_in_debug(settings):
    settings.DEBUG = False
    assert create_demo_accounts() == []


def test_demo_accounts_are_idempotent_and_work(settings, union_office):
    settings.DEBUG = True
    first = create_demo_accounts()
    second = create_demo_accounts()
    assert [r[0] for r in first] == [r[0] for r in second] and len(first) == 6
    rows = {r[0]: r for r in second}
    user = get_user_model().objects.get(username="hatash-editor")
    assert user.check_password(rows["hatash-editor"][1]) and can(user, "edit", union_office)
    assert rows["sadar-uno"][3] == Office.objects.get(pk=union_office.supervisor.pk).domain
    assert "TOTP secret" in rows["sadar-uno"][2] and "TOTP" not in rows["hatash-editor"][2]
