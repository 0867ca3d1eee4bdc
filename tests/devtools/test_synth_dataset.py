"""``batayon synth`` builds offices with content, and each office's "last updated" is its newest item."""

import pytest
from django.db.models import Max

from batayon.content.models import Notice, Officer
from batayon.devtools.synth import synthesise
from batayon.offices.models import Office


@pytest.mark.django_db(transaction=True)
def test_each_office_last_updated_is_its_newest_notice_or_officer():
    counts = synthesise(300, seed=3, reset=True)
    assert counts["Office"] >= 300 and counts["Notice"] > 0
    newest_notice = dict(Notice.objects.order_by().values_list("office_id").annotate(at=Max("updated_at")))
    newest_officer = dict(Officer.objects.order_by().values_list("office_id").annotate(at=Max("updated_at")))
    offices = list(Office.objects.values_list("id", "content_updated_at"))
    with_content = [(oid, at) for oid, at in offices if oid in newest_notice or oid in newest_officer]
    assert len(with_content) > 100
    for oid, at in with_content:
        assert at == newest_notice.get(oid, newest_officer.get(oid)), oid
    assert all(at is None for oid, at in offices if oid not in newest_notice and oid not in newest_officer)
