"""Re-importing a list updates the people already on it (matched by mobile): the preview says
what is new, what changes (old → new) and what is unchanged, in the Bangla interface's own
formats; saving is all or nothing, each change a revision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from batayon.content.models import Officer
from batayon.history.models import AuditEntry, Revision

pytestmark = pytest.mark.django_db

HEAD = "নাম (বাংলা),পদবি (বাংলা),দাপ্তরিক মোবাইল,ই-মেইল,যোগদানের তারিখ\n"


def upload(client, office, text: str):
    return client.post(f"/workspace/{office.domain}/officers/import/",
                       {"file": SimpleUploadedFile("list.csv", (HEAD + text).encode())})


def confirm(client, office):
    return client.post(f"/workspace/{office.domain}/officers/import/", {"confirm": "1"}, follow=True)


@pytest.fixture
def listed(union_office):
    karim = Officer.objects.create(office=union_office, name_bn="মোঃ করিম", name="মোঃ করিম", designation_bn="সচিব",
                                   designation="সচিব", mobile="+8801711618368", email="karim@example.gov.bd",
                                   joined_on=dt.date(2020, 7, 1))
    rahim = Officer.objects.create(office=union_office, name_bn="রহিম", name="রহিম", designation_bn="উদ্যোক্তা",
                                   designation="উদ্যোক্তা", mobile="+8801711618369")
    return karim, rahim


def test_preview_shows_new_changed_and_unchanged(editor_client, union_office, listed):
    r = upload(editor_client, union_office,
               "মোঃ করিম,প্রশাসনিক কর্মকর্তা,01711618368,karim@example.gov.bd,2024-01-15\n"
               "রহিম,উদ্যোক্তা,০১৭১১৬১৮৩৬৯,,\n"
               "জলিল,সদস্য,01811000000,,2023-03-01\n")
    html = r.content.decode()
    assert "সব সারি ঠিক আছে" in html
    assert "নতুন: ১ · পরিবর্তিত: ১ · অপরিবর্তিত: ১" in html
    assert "পদবি (বাংলা): <del>সচিব</del> → <ins>প্রশাসনিক কর্মকর্তা</ins>" in html
    assert "<del>১ জুলাই ২০২০</del> → <ins>১৫ জানুয়ারি ২০২৪</ins>" in html
    # Phones and dates as the Bangla interface writes them, never +880… or ISO.
    assert "০১৮১১-০০০০০০" in html and "+880" not in html and "2023-03-01" not in html
    assert Officer.objects.get(pk=listed[0].pk).designation_bn == "সচিব"  # a preview saves nothing


def test_saving_updates_and_creates_in_one_go_with_revisions(editor_client, union_office, listed):
    karim, rahim = listed
    upload(editor_client, union_office,
           "মোঃ করিম,প্রশাসনিক কর্মকর্তা,01711618368,,\nরহিম,উদ্যোক্তা,01711618369,,\nজলিল,সদস্য,01811000000,,\n")
    page = confirm(editor_client, union_office).content.decode()
    assert "১টি সারি যুক্ত ও ১জনের তথ্য হালনাগাদ হয়েছে।" in page
    karim.refresh_from_db()
    assert karim.designation_bn == "প্রশাসনিক কর্মকর্তা"
    assert karim.email == "karim@example.gov.bd"  # an empty cell changes nothing
    assert Officer.objects.filter(office=union_office).count() == 3
    assert Revision.objects.filter(object_id=karim.pk).exists()
    assert not Revision.objects.filter(object_id=rahim.pk).exists()  # unchanged: not saved
    entry = AuditEntry.objects.get(action="import", office=union_office)
    assert entry.changes["created"] == 1 and entry.changes["updated"] == 1


def test_a_clash_found_at_saving_saves_nothing(editor_client, union_office, listed):
    karim, _ = listed
    upload(editor_client, union_office, "মোঃ করিম,প্রশাসনিক কর্মকর্তা,01711618368,,\nজলিল,সদস্য,01811000000,,\n")
    # Meanwhile someone gives another officer Jalil's mobile.
    Officer.objects.create(office=union_office, name_bn="অন্য", name="অন্য", designation_bn="সদস্য", designation="সদস্য",
                           mobile="+8801811000000", kind="staff")
    page = confirm(editor_client, union_office).content.decode()
    assert "কিছুই সংরক্ষণ হয়নি" in page
    karim.refresh_from_db()
    assert karim.designation_bn == "সচিব"
    assert not Officer.objects.filter(name_bn="জলিল").exists()


def test_an_english_editor_sees_the_changes_named_in_english(editor_client, union_office, listed):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = upload(editor_client, union_office,
               "মোঃ করিম,প্রশাসনিক কর্মকর্তা,01711618368,karim@example.gov.bd,2024-01-15\n")
    html = r.content.decode()
    assert "Designation (Bangla): <del>সচিব</del> → <ins>প্রশাসনিক কর্মকর্তা</ins>" in html
    assert "Date of joining: <del>1 July 2020</del> → <ins>15 January 2024</ins>" in html
