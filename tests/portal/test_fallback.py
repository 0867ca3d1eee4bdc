"""A missing translation falls back to the other language with a visible marker."""


def test_english_page_shows_bangla_with_a_marker(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/en/officers/").content.decode()
    assert "Md. Aslam Hossain" in body  # translated: shown in English, no marker for him
    assert '<span lang="bn">তাহমিনা আক্তার</span> <small class="untranslated">(Not yet translated into English)</small>' in body


def test_bangla_page_shows_english_with_a_marker(client, filled_office):
    from batayon.content.models import Project

    Project.objects.create(office=filled_office, title_en="Digital centre upgrade")
    body = client.get("/o/kushtia.gov.bd/bn/projects/").content.decode()
    assert '<span lang="en">Digital centre upgrade</span> <small class="untranslated">(বাংলায় এখনো লেখা হয়নি)</small>' in body


def test_fully_translated_page_has_no_marker(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/en/staff/").content.decode()
    assert "Rafiqul Islam" in body and "untranslated" not in body
