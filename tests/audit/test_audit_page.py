"""An audited office's page under /supervision/audit/: its supervisors see the evidence per item."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from batayon.accounts.models import Membership
from batayon.compliance.rulebook import load_rules
from batayon.offices.models import Office

from ..compliance.conftest import sign_in

pytestmark = pytest.mark.django_db


def user_with(role, office, name):
    user = get_user_model().objects.create_user(name, password="x" * 12)
    Membership.objects.create(user=user, office=office, role=role)
    return user


@pytest.fixture
def audited(audit_one):
    load_rules()
    run = audit_one("missing_rti", "dead_link", evaluate=True)
    return run


def test_a_supervisor_sees_the_evidence_per_item(client, audited):
    office = audited.office
    dc = Office.objects.get(domain="kushtia.gov.bd")
    sign_in(client, user_with("supervisor", dc, "dc"))
    response = client.get(f"/supervision/audit/{office.domain}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "নোটিশ বোর্ড" in page  # the exact link text matched, as evidence
    assert "/bn/site/page/notices" in page
    assert "বাইরে থেকে দেখা" in page
    assert "/dead/1/" in page  # the service-box link, with its status
    assert "অকার্যকর" in page


def test_the_office_itself_and_strangers_are_refused(client, audited):
    office = audited.office
    sign_in(client, user_with("editor", office, "ed"))
    assert client.get(f"/supervision/audit/{office.domain}/").status_code == 403
    client.logout()
    assert client.get(f"/supervision/audit/{office.domain}/").status_code == 302
