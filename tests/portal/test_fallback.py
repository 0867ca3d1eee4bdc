"""A missing translation falls back to the other language, with one note per block, not per name."""

from batayon.content.models import Notice, Officer, Project

EN_NOTE = "Some entries are not yet translated into English; they are shown in Bangla."
BN_NOTE = "কিছু লেখা এখনো বাংলায় লেখা হয়নি; সেগুলো ইংরেজিতে দেখানো হলো।"


def test_english_page_shows_bangla_names_marked_with_their_language(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/en/officers/").content.decode()
    assert "Md. Aslam Hossain" in body  # translated: shown in English, unmarked
    assert '<span lang="bn" class="fallback">তাহমিনা আক্তার</span>' in body
    assert body.count(EN_NOTE) == 1


def test_many_untranslated_names_get_one_note(client, filled_office):
    for i in range(3):
        Officer.objects.create(office=filled_office, name_bn=f"কর্মকর্তা {i}", designation_bn="সহকারী কমিশনার", sort_order=3 + i)
    body = client.get("/o/kushtia.gov.bd/en/officers/").content.decode()
    assert body.count('class="fallback"') >= 4
    assert body.count(EN_NOTE) == 1
    assert "Not yet translated into English" not in body  # no note on every name


def test_bangla_page_shows_english_with_one_note(client, filled_office):
    Project.objects.create(office=filled_office, title_en="Digital centre upgrade")
    Project.objects.create(office=filled_office, title_en="Solar street lights")
    body = client.get("/o/kushtia.gov.bd/bn/projects/").content.decode()
    assert '<span lang="en" class="fallback">Digital centre upgrade</span>' in body
    assert body.count(BN_NOTE) == 1


def test_each_block_notes_only_its_own_fallbacks(client, filled_office):
    """On the home page the notice board and the service box are separate blocks."""
    Notice.objects.filter(office=filled_office).update(title_en="")
    body = client.get("/o/kushtia.gov.bd/en/").content.decode()
    notices = body.split('id="h-notices"')[1].split("</section>")[0]
    service_box = body.split('id="h-box"')[1].split("</section>")[0]
    assert notices.count(EN_NOTE) == 1
    assert EN_NOTE not in service_box


def test_fully_translated_page_has_no_marker(client, filled_office):
    body = client.get("/o/kushtia.gov.bd/en/staff/").content.decode()
    assert "Rafiqul Islam" in body and "untranslated" not in body and "fallback" not in body


def test_title_element_holds_text_not_markup(client, filled_office):
    filled_office.name_en = ""
    filled_office.save()
    body = client.get("/o/kushtia.gov.bd/en/").content.decode()
    title = body.split("<title>")[1].split("</title>")[0]
    assert "<span" not in title and filled_office.name_bn in title
