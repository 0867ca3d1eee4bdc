"""Every mandated section has its page in both languages and says when it was last updated."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape

from batayon.portal.sections import SECTIONS

ALL_SECTIONS = sorted(SECTIONS)


@pytest.mark.parametrize("key", ALL_SECTIONS)
@pytest.mark.parametrize("lang", ["bn", "en"])
def test_every_section_renders_in_both_languages(client, filled_office, key, lang):
    response = client.get(f"/o/kushtia.gov.bd/{lang}/{key}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    with translation.override(lang):
        title = SECTIONS[key].title
    assert f"<h1>{escape(title)}</h1>" in body
    marker = "সর্বশেষ হালনাগাদ" if lang == "bn" else "Last updated"
    assert marker in body


def test_last_updated_in_bangla_digits_and_month_names(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/bn/officers/").content.decode()
    updated = re.search(r'<p class="updated">.*?</p>', body, re.S).group(0)
    assert re.search(r"[০-৯]+ (জানুয়ারি|ফেব্রুয়ারি|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর) [০-৯]{4}", updated)
    assert not re.search(r"[0-9]", updated.split(">", 1)[1].replace('datetime="', "").split('"', 1)[-1])


def test_official_sections_show_the_bangla_calendar_date_beside_the_gregorian(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/bn/notices/").content.decode()
    # The notice of 28 September 2020 is dated as the DC's letter was.
    assert "১৩ আশ্বিন ১৪২৭ বঙ্গাব্দ / ২৮ সেপ্টেম্বর ২০২০ খ্রিষ্টাব্দ" in body
    english = client.get("/o/kushtia.gov.bd/en/notices/").content.decode()
    assert "28 September 2020" in english and "আশ্বিন" not in english


def test_empty_section_says_so_instead_of_a_blank_page(client, kushtia_dc):
    body = client.get("/o/kushtia.gov.bd/bn/projects/").content.decode()
    assert "কোনো প্রকল্পের তথ্য নেই" in body
    assert "এখনো কোনো তথ্য দেওয়া হয়নি" in body


def test_unknown_section_is_404(client, kushtia_dc):
    assert client.get("/o/kushtia.gov.bd/bn/nonsense/").status_code == 404


def test_drafts_are_not_public(client, filled_office):
    from batayon.content.models import Notice

    Notice.objects.create(office=filled_office, title_bn="খসড়া নোটিশ", state="draft")
    assert "খসড়া নোটিশ" not in client.get("/o/kushtia.gov.bd/bn/notices/").content.decode()


def test_officer_left_is_no_longer_listed(client, filled_office):
    import datetime as dt

    from batayon.content.models import Officer

    Officer.objects.filter(name_bn="মোঃ আসলাম হোসেন").update(left_on=dt.date(2021, 1, 1))
    assert "মোঃ আসলাম হোসেন" not in client.get("/o/kushtia.gov.bd/bn/officers/").content.decode()


def test_charter_has_the_cabinet_division_columns(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/bn/charter/").content.decode()
    for column in ["সেবার নাম", "সেবা প্রদান পদ্ধতি", "প্রয়োজনীয় কাগজপত্র এবং প্রাপ্তিস্থান", "সেবার মূল্য এবং পরিশোধ পদ্ধতি",
                   "সেবা প্রদানের সময়সীমা", "দায়িত্বপ্রাপ্ত কর্মকর্তা", "অভিযোগ প্রতিকার ব্যবস্থাপনা", "আপনার কাছে আমাদের প্রত্যাশা",
                   "দক্ষ ও জনবান্ধব জেলা প্রশাসন", "জন্ম নিবন্ধন সনদ", "০১৭১১-৬১৮৩৬৮"]:
        assert column in body, column


def test_rti_page_names_the_officer_and_the_appeal_authority(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/en/rti/").content.decode()
    assert "Designated information officer" in body and "Appeal authority" in body
    assert "Divisional Commissioner, Khulna" in body
    assert "01911-000111" in body


def test_portal_has_a_page_for_every_section_the_rulebook_names():
    from batayon.content.models import SECTION_KEYS

    assert tuple(SECTIONS) == SECTION_KEYS
