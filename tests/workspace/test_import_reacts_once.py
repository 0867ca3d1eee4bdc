"""An import of N officers is one change: the office is re-evaluated and re-indexed once."""

from __future__ import annotations

from unittest import mock

import pytest

from batayon.content.models import Officer

from .test_import import confirm, upload, xlsx

pytestmark = pytest.mark.django_db


def test_import_of_many_officers_reevaluates_and_reindexes_once(
    editor_client, union_office, django_capture_on_commit_callbacks
):
    rows = [[f"কর্মকর্তা {n}", f"Officer {n}", "সহকারী", f"০১৭১১৬১৮{n:03d}", ""] for n in range(12)]
    upload(editor_client, union_office, "list.xlsx", xlsx(rows))
    with (
        mock.patch("batayon.compliance.services.evaluate_office") as evaluate,
        mock.patch("batayon.api.index.reindex_office") as reindex,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert confirm(editor_client, union_office).status_code == 302
    assert Officer.objects.filter(office=union_office).count() == 12
    evaluate.assert_called_once_with(union_office.pk)
    reindex.assert_called_once_with(union_office.pk)
