"""The portal shows the demo as a citizen would see it, in both languages."""

from __future__ import annotations

import pytest

from batayon.content.models import Notice


@pytest.mark.parametrize(("lang", "name", "designation"), [
    ("bn", "মোঃ তৌফিকুর রহমান", "জেলা প্রশাসক"),
    ("en", "Md. Toufiqur Rahman", "Deputy Commissioner"),
])
def test_dc_officers_page_in_both_languages(loaded, client, lang, name, designation):
    response = client.get(f"/o/kushtia.gov.bd/{lang}/officers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert name in html and designation in html
    assert "/media/demo/kushtia.gov.bd/officers/dc.jpg" in html
    assert "not yet translated" not in html


@pytest.mark.parametrize(("section", "bn", "en"), [
    ("charter", "দক্ষ, স্বচ্ছ, জবাবদিহিমূলক ও জনবান্ধব জেলা প্রশাসন", "An efficient, transparent, accountable"),
    ("services", "খতিয়ানের সার্টিফাইড কপি", "Certified copy of a khatian"),
    ("rti", "বিভাগীয় কমিশনারের কার্যালয়, খুলনা", "Commissioner&#x27;s Office, Khulna"),
    ("apa", "বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ)", "Annual Performance Agreement (APA)"),
    ("focal-points", "জাতীয় তথ্য বাতায়ন", "National web portal"),
    ("projects", "আশ্রয়ণ-২ প্রকল্প", "Ashrayan-2 Project"),
])
def test_dc_sections_render_in_both_languages(loaded, client, section, bn, en):
    bn_page = client.get(f"/o/kushtia.gov.bd/bn/{section}/")
    en_page = client.get(f"/o/kushtia.gov.bd/en/{section}/")
    assert bn_page.status_code == en_page.status_code == 200
    assert bn in bn_page.content.decode()
    assert en in en_page.content.decode()


def test_dc_home_shows_recent_notices_and_the_service_box(loaded, client):
    html = client.get("/o/kushtia.gov.bd/bn/").content.decode()
    newest = Notice.objects.filter(office__domain="kushtia.gov.bd", state="published").order_by("-publish_date")[0]
    assert newest.title_bn in html
    assert "https://eporcha.gov.bd/" in html
    assert "খসড়া" not in html  # the draft notice is not public


def test_untranslated_union_shows_the_marker_in_english(loaded, client):
    response = client.get("/o/1nohatashharipurup.kushtia.gov.bd/en/")
    assert response.status_code == 200
    html = response.content.decode()
    # One note per block (the notice board, the service box…), not one per name.
    notices = html.split('id="h-notices"')[1].split("</section>")[0]
    assert notices.count('class="fallback"') > 1 and notices.count("not yet translated into English") == 1
    assert "Not yet translated into English" not in html
    assert "জন্ম নিবন্ধন" in html  # the Bangla service name, shown with the marker


def test_translated_union_needs_no_marker(loaded, client):
    html = client.get("/o/2nobarkhadaup.kushtia.gov.bd/en/").content.decode()
    assert "Birth registration" in html
    assert "not yet translated" not in html


def test_page_and_document_files_are_served_links(loaded, client):
    html = client.get("/o/kushtia.gov.bd/en/pages/about-district/").content.decode()
    assert "cultural capital of Bangladesh" in html
