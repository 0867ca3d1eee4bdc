"""The "উৎস" column names the circular (issuer, memo number, date), never the internal
seed code ("seed 000 §2") (issue 13)."""

import datetime as dt

from django.utils import translation

from batayon.compliance.circulars import circulars, source_refs
from batayon.compliance.models import Rule

from .conftest import sign_in
from .test_supervision_views import upazilas, user_with  # noqa: F401  (fixture)


def test_seed_table_has_memo_numbers_and_dates():
    table = circulars()
    assert table["000"].date == dt.date(2022, 9, 21)
    assert table["000"].memo == "04.00.0000.831.06.001.21.206"
    assert table["001"].date == dt.date(2020, 9, 28)
    assert {"000", "001", "002", "004"} <= set(table)


def test_every_rule_source_refers_to_a_known_circular(rules):
    for rule in Rule.objects.filter(active=True):
        refs = source_refs(rule.source)
        assert refs and all(r.circular is not None for r in refs), rule.code


def test_decisions_of_minutes_are_worded():
    (ref,) = source_refs("seed 004 d1–d10")
    assert ref.item_label == "সিদ্ধান্ত 1–10"  # Bangla digits come from the page's |num
    with translation.override("en"):
        assert ref.item_label == "decision 1–10"


def test_dashboard_shows_memo_and_date_not_seed_codes(client, upazilas):  # noqa: F811
    sign_in(client, user_with("supervisor", upazilas[0], "uno-src"))
    body = client.get("/supervision/").content.decode()
    assert "seed 0" not in body
    assert "০৪.০০.০০০০.৮৩১.০৬.০০১.২১.২০৬" in body and "২১ সেপ্টেম্বর ২০২২" in body
