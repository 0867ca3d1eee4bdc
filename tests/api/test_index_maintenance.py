"""The search index follows content changes, once per office per transaction."""

from unittest import mock

from batayon.content.models import Officer


def test_many_officer_saves_reindex_the_office_once(kushtia_dc, django_capture_on_commit_callbacks):
    with (
        mock.patch("batayon.api.index.reindex_office") as reindex,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for n in range(20):
            Officer.objects.create(office=kushtia_dc, name_bn=f"কর্মকর্তা {n}", designation_bn="সহকারী")
    reindex.assert_called_once_with(kushtia_dc.pk)  # 20 saves, one re-index


def test_each_office_is_reindexed(kushtia_dc, union_office, django_capture_on_commit_callbacks):
    with (
        mock.patch("batayon.api.index.reindex_office") as reindex,
        django_capture_on_commit_callbacks(execute=True),
    ):
        Officer.objects.create(office=kushtia_dc, name_bn="ক", designation_bn="খ")
        Officer.objects.create(office=union_office, name_bn="গ", designation_bn="ঘ")
    assert sorted(call.args[0] for call in reindex.call_args_list) == sorted([kushtia_dc.pk, union_office.pk])
