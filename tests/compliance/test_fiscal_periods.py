"""APA per fiscal year (due by 31 July) and NIS progress per quarter (due the 15th after the quarter)."""

from .conftest import at, evaluate_at, make_document, reason_bn, reason_en, status


def test_apa_for_the_current_year_is_ok(office):
    make_document(office, "apa", "2025-26")
    evaluate_at(office, at(2025, 10, 10))
    s = status(office, "apa-current-fy")
    assert s.status == "ok"
    assert reason_bn(s) == "২০২৫-২৬ অর্থবছরের বার্ষিক কর্মসম্পাদন চুক্তি আছে"


def test_july_new_fiscal_year_last_years_apa_is_due_soon_then_stale(office):
    make_document(office, "apa", "2024-25")
    evaluate_at(office, at(2025, 6, 30))
    assert status(office, "apa-current-fy").status == "ok"  # 30 June: still 2024-25
    evaluate_at(office, at(2025, 7, 1))
    s = status(office, "apa-current-fy")
    assert s.status == "due_soon"  # 1 July: a new fiscal year, 31 days of grace
    assert "৩১ জুলাই ২০২৫" in reason_bn(s)
    evaluate_at(office, at(2025, 7, 31))
    assert status(office, "apa-current-fy").status == "due_soon"  # the grace date itself
    evaluate_at(office, at(2025, 8, 1))
    s = status(office, "apa-current-fy")
    assert s.status == "stale"
    assert reason_en(s) == "no APA for 2025-26; latest is 2024-25"


def test_no_apa_of_any_year_is_missing(office):
    evaluate_at(office, at(2025, 7, 10))
    assert status(office, "apa-current-fy").status == "missing"


def test_october_quarter_report_grace_date(office):
    make_document(office, "nis_report", "2024-25", quarter=4)
    # Q1 of 2025-26 (July–September) ends on 30 September; its report is due by 15 October.
    evaluate_at(office, at(2025, 10, 1))
    s = status(office, "nis-quarterly")
    assert s.status == "due_soon"
    assert reason_en(s) == "NIS progress report for Q1 2025-26 due by 15 October 2025"
    evaluate_at(office, at(2025, 10, 15))
    assert status(office, "nis-quarterly").status == "due_soon"
    evaluate_at(office, at(2025, 10, 16))
    s = status(office, "nis-quarterly")
    assert s.status == "stale"
    assert "১৫ অক্টোবর ২০২৫" in reason_bn(s)


def test_october_report_filed_in_time(office):
    make_document(office, "nis_report", "2025-26", quarter=1)
    evaluate_at(office, at(2025, 10, 16))
    assert status(office, "nis-quarterly").status == "ok"


def test_july_quarter_edge_crosses_the_fiscal_year(office):
    # In July the last ended quarter is Q4 of the previous fiscal year (April–June), due 15 July;
    # until then the required one is Q3 of that year.
    make_document(office, "nis_report", "2024-25", quarter=3)
    evaluate_at(office, at(2025, 7, 10))
    s = status(office, "nis-quarterly")
    assert s.status == "due_soon"
    assert "Q4 2024-25" in reason_en(s)
    evaluate_at(office, at(2025, 7, 16))
    assert status(office, "nis-quarterly").status == "stale"


def test_no_quarterly_report_at_all_is_missing(office):
    evaluate_at(office, at(2025, 10, 16))
    assert status(office, "nis-quarterly").status == "missing"
