"""Search as a 333 call-centre agent uses it: place + role + "ফোন", a service, a misspelled
name, a phone typed in Bangla digits, a place name in English."""

from __future__ import annotations

import unicodedata

import pytest

from batayon.api.search import search

pytestmark = pytest.mark.django_db


def top(q: str, n: int = 10, **filters):
    _, hits = search(q, **filters)
    return hits[:n]


def ids(hits, kind: str = "officer"):
    return [h.object_id for h in hits if h.kind == kind]


def test_kushtia_uno_phone_gives_the_six_unos_with_phones_first(directory):
    hits = top("কুষ্টিয়া ইউএনও ফোন", 6)
    assert {h.kind for h in hits} == {"officer"}
    assert {h.object_id for h in hits} == {o.pk for o in directory.unos.values()}
    assert all(h.data["phones"] for h in hits)
    # Not the Jhenaidah UNO, and the staff of the UNO offices come after the UNOs.
    _, everything = search("কুষ্টিয়া ইউএনও ফোন")
    found = [h.object_id for h in everything if h.kind == "officer"]
    assert directory.jhenaidah_uno.pk not in found
    assert all(found.index(s.pk) > 5 for s in directory.staff if s.pk in found)


def test_same_answer_for_spelling_variants_and_the_other_encoding_of_ya(directory):
    expected = [h.object_id for h in top("কুষ্টিয়া ইউএনও ফোন", 6)]
    decomposed = unicodedata.normalize("NFD", "কুষ্টিয়া")  # য় as য + nukta
    for q in ("কুস্টিয়া ইউএনও ফোন", f"{decomposed} ইউএনও মোবাইল", "kushtia UNO phone",
              "কুষ্টিয়া উপজেলা নির্বাহী অফিসারের ফোন নম্বর"):
        assert sorted(h.object_id for h in top(q, 6)) == sorted(expected), q


def test_a_named_upazila_puts_its_uno_first(directory):
    assert top("কুমারখালী ইউএনও")[0].object_id == directory.unos["Kumarkhali"].pk
    assert top("uno kumarkhali")[0].object_id == directory.unos["Kumarkhali"].pk


def test_dc_is_not_confused_with_the_adc(directory):
    assert top("কুষ্টিয়া ডিসি")[0].object_id == directory.dc.pk
    assert top("জেলা প্রশাসক কুষ্টিয়া")[0].object_id == directory.dc.pk
    assert top("এডিসি কুষ্টিয়া")[0].object_id == directory.adc.pk


def test_birth_registration_service_comes_before_the_notice(directory):
    hits = top("জন্ম নিবন্ধন সেবা")
    service_ids = {s.pk for s in directory.birth_services}
    first = hits[: len(service_ids)]
    assert {h.kind for h in first} == {"service"} and {h.object_id for h in first} == service_ids
    kinds = [h.kind for h in hits]
    assert "notice" in kinds and kinds.index("notice") >= len(service_ids)
    assert not any(h.object_id in {s.pk for s in directory.other_services} for h in hits if h.kind == "service")
    # The same in English.
    assert {h.object_id for h in top("birth registration", 3)} == service_ids


def test_misspelled_officer_name_still_finds_the_officer(directory):
    # আনিসুর → আনিসুল: one letter wrong.
    plan, hits = search("আনিসুল রহমান")
    assert hits[0].object_id == directory.rti_officer.pk
    assert "আনিসুল" in plan.corrected
    # A vowel sign written the other way (ী for ি) is not even a typo.
    assert top("ফারহানা ইয়াসমীন")[0].object_id == directory.anik.pk


@pytest.mark.parametrize("typed", ["০১৭১১-৬১৮৩৬৮", "01711618368", "+880 1711-618368", "৮৮০১৭১১৬১৮৩৬৮"])
def test_phone_in_any_form_finds_its_officer(directory, typed):
    hits = top(typed)
    assert hits and hits[0].object_id == directory.rti_officer.pk


def test_english_place_names_find_bangla_offices(directory):
    hits = top("kumarkhali")
    assert hits and all("কুমারখালী" in (h.data["title"]["bn"] + h.data["office"]["name"]["bn"]) for h in hits)
    office_titles = [h.data["title"]["bn"] for h in top("kushtia deputy commissioner office", 5) if h.kind == "office"]
    assert office_titles[0] == "জেলা প্রশাসকের কার্যালয়, কুষ্টিয়া"


def test_role_words_find_the_designated_officers(directory):
    assert top("কুমারখালী তথ্য প্রদানকারী কর্মকর্তা")[0].object_id == directory.rti_officer.pk
    assert top("অনিক কুমারখালী")[0].object_id == directory.anik.pk


def test_former_officers_drafts_and_extra_words(directory):
    assert not any(h.data["title"]["en"] == "Former Officer" for h in top("কুমারখালী ইউএনও", 50))
    assert not top("খসড়া নোটিশ")
    # An agent's filler word that no document contains is ignored, not a dead end.
    plan, hits = search("কুমারখালী ইউএনও সাহেবের ফোন")
    assert hits[0].object_id == directory.unos["Kumarkhali"].pk and plan.ignored


def test_filters_by_type_office_and_district(directory):
    assert {h.kind for h in top("কুমারখালী", 50, kind="office")} == {"office"}
    only = top("ইউএনও", 50, office_id=directory.kumarkhali_uno_office.pk)
    assert only and {h.office_id for h in only} == {directory.kumarkhali_uno_office.pk}
    in_jhenaidah = top("ইউএনও", 50, district_id=directory.jhenaidah_uno.office.district_id, kind="officer")
    assert [h.object_id for h in in_jhenaidah] == [directory.jhenaidah_uno.pk]
