"""An agent types the caller's question as it was asked: question words ("কি", "কত", "কোথায়",
"লাগে"…) are not what to look for and must not turn a good query into no answer."""

from __future__ import annotations

import pytest

from batayon.api.index import reindex
from batayon.api.normalise import parse_query
from batayon.api.search import search
from batayon.content.models import Service
from batayon.offices.models import Office

pytestmark = pytest.mark.django_db


def test_uno_number_asked_as_a_question(directory):
    # The demo's index has words that start with "কি" ("কিশোরী"): then "কি" was looked up
    # as a whole word that no document has, and the search found nothing.
    Service.objects.create(office=directory.kumarkhali_uno_office, name_bn="কিশোরী ক্লাব", name_en="Girls' club")
    reindex(Office.objects.filter(pk=directory.kumarkhali_uno_office.pk))
    _, hits = search("ইউএনও কুমারখালী কি নম্বর")
    assert hits and hits[0].object_id == directory.unos["Kumarkhali"].pk
    _, hits = search("কুমারখালীর ইউএনও এর মোবাইল নম্বর কত")
    assert hits and hits[0].object_id == directory.unos["Kumarkhali"].pk


def test_what_a_service_needs_asked_as_a_question(directory):
    shilaidah = Office.objects.get(domain="2noshelaidahup.kushtia.gov.bd")
    service = Service.objects.create(
        office=shilaidah, name_bn="জন্ম নিবন্ধন", name_en="Birth registration",
        required_documents_bn="টিকা কার্ড ও পিতা-মাতার জাতীয় পরিচয়পত্র", fee_bn="বিনামূল্যে",
        time_limit_bn="৭ কার্যদিবস",
    )
    reindex(Office.objects.filter(pk=shilaidah.pk))
    for q in ("শিলাইদহ ইউনিয়ন জন্ম নিবন্ধন কি কি লাগে", "শিলাইদহ জন্ম নিবন্ধন কীভাবে করবো",
              "শিলাইদহ জন্ম নিবন্ধন ফি কত"):
        _, hits = search(q)
        assert hits and (hits[0].kind, hits[0].object_id) == ("service", service.pk), q


def test_question_words_are_dropped_but_number_stays_content():
    parsed = parse_query("ইউএনও কুমারখালী কি নম্বর")
    assert "কি" not in parsed.required and "phone" in parsed.intents
    # "নম্বর" alone, or with only question words, is itself what is looked for.
    assert parse_query("নম্বর কত").required == ["নম্বর"]
    # A query of question words only keeps them (better something than an empty search).
    assert parse_query("কি").required == ["কি"]
