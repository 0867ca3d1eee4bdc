from __future__ import annotations

import pytest

from batayon.offices.models import Office, Tier
from tests.workspace.helpers import make_user, signed_in


@pytest.fixture
def uno_sadar(union_office) -> Office:
    return Office.objects.get(tier=Tier.UPAZILA, area_id=union_office.upazila_id)


@pytest.fixture
def editor(union_office):
    return make_user("hatash-editor", "editor", union_office)


@pytest.fixture
def editor_client(editor):
    return signed_in(editor, verified=False)


@pytest.fixture
def head(union_office):
    return make_user("hatash-head", "head", union_office)


@pytest.fixture
def supervisor(uno_sadar):
    return make_user("sadar-uno", "supervisor", uno_sadar)
