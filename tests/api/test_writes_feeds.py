"""Writing with an API key; notices as RSS/Atom; the portal sitemap; the index kept current."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from batayon.api.models import ApiKey, SearchDocument
from batayon.api.search import search
from batayon.content.models import Notice, Officer
from batayon.offices.models import Office

pytestmark = pytest.mark.django_db

NOTICES = "/api/v1/offices/kumarkhali.kushtia.gov.bd/notices"


def post(client, url, body, key=None):
    headers = {"authorization": f"Bearer {key}"} if key else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def test_apikey_command_prints_a_key_once_and_stores_only_its_hash(key):
    stored = ApiKey.objects.get()
    assert key.startswith("bty_") and key not in stored.key_hash and stored.prefix in key
    listing = io.StringIO()
    call_command("apikey", "list", stdout=listing)
    assert stored.prefix in listing.getvalue() and key not in listing.getvalue()


def test_publishing_a_notice_needs_the_office_key(client, directory, key):
    body = {"title": {"bn": "ই-নথি থেকে নোটিশ", "en": "Notice from e-Nothi"}, "body": {"bn": "<p>বিস্তারিত</p>"},
            "memo_number": "০৫.৪৪.৫০৭৯", "publish_date": "2020-01-05"}
    r = post(client, NOTICES, body)
    assert r.status_code == 401 and r.json()["error"]["code"] == "key_required" and "Bearer" in r["WWW-Authenticate"]
    assert post(client, NOTICES, body, key + "x").status_code == 401
    other = post(client, "/api/v1/offices/kushtia.gov.bd/notices", body, key)
    assert other.status_code == 403 and "kumarkhali.kushtia.gov.bd" in other.json()["error"]["message_bn"]
    created = post(client, NOTICES, body, key)
    assert created.status_code == 201, created.content
    notice = Notice.objects.get(pk=created.json()["id"])
    assert notice.office.domain == "kumarkhali.kushtia.gov.bd" and notice.title_en == "Notice from e-Nothi"
    assert created.json()["publish_date"] == "2020-01-05"
    listed = client.get(NOTICES).json()["results"]
    assert notice.pk in [n["id"] for n in listed]
    assert ApiKey.objects.get().last_used_at is not None


@pytest.mark.parametrize("body, field", [
    ({"title": {"en": "No Bangla title"}}, "title.bn"),
    ({"title": {"bn": "ক" * 301}}, "title"),
    ({"title": {"bn": "নোটিশ"}, "publish_date": "31/02/2025"}, "publish_date"),
    ({"title": {"bn": "নোটিশ"}, "publish_date": "2025-03-10", "archive_date": "2025-03-01"}, "archive_date"),
    ({"title": {"bn": "নোটিশ"}, "memo_number": 12}, "memo_number"),
    ([1, 2, 3], None),
])
def test_bad_notice_input_gets_400_in_both_languages(client, key, body, field):
    r = post(client, NOTICES, body, key)
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["message_bn"] and error["message_en"]
    if field:
        assert field in error["message_en"]


def test_broken_json_and_revoked_keys(client, key):
    r = client.post(NOTICES, data=b"{not json", content_type="application/json",
                    headers={"authorization": f"Bearer {key}"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_json"
    ApiKey.objects.get().revoke()
    assert post(client, NOTICES, {"title": {"bn": "নোটিশ"}}, key).status_code == 401


def test_rss_and_atom_feeds_parse_and_list_live_notices(client, directory):
    rss = client.get(f"{NOTICES}.rss")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml") and rss["ETag"]
    channel = ET.fromstring(rss.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["জন্ম নিবন্ধন বিষয়ে জরুরি বিজ্ঞপ্তি"]
    assert items[0].findtext("link") == f"https://kumarkhali.kushtia.gov.bd/bn/notices/{directory.notice.pk}/"
    assert channel.findtext("language") == "bn"
    atom = client.get(f"{NOTICES}.atom")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(atom.content)
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == [
        "জন্ম নিবন্ধন বিষয়ে জরুরি বিজ্ঞপ্তি"]
    assert client.get(f"{NOTICES}.rss", headers={"if-none-match": rss["ETag"]}).status_code == 304


def test_host_feed_and_sitemap_views_serve_the_office_of_the_host(rf, directory):
    from batayon.api import feeds

    request = rf.get("/bn/notices/feed/")
    request.office_id = directory.kumarkhali_uno_office.pk
    assert b"<rss" in feeds.host_notices_rss(request).content
    request = rf.get("/sitemap.xml")
    request.office_id = None
    assert feeds.host_sitemap(request).status_code == 404


def test_sitemap_lists_sections_and_notices_with_alternates(client, directory):
    r = client.get("/api/v1/offices/kumarkhali.kushtia.gov.bd/sitemap.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(r.content)
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    base = "https://kumarkhali.kushtia.gov.bd/bn/"
    assert base in locs and f"{base}officers/" in locs and f"{base}notices/{directory.notice.pk}/" in locs
    assert all(loc.startswith(("https://kumarkhali.kushtia.gov.bd/bn/", "https://kumarkhali.kushtia.gov.bd/en/"))
               for loc in locs)
    officers = next(u for u in root.findall("s:url", ns) if u.findtext("s:loc", namespaces=ns) == f"{base}officers/")
    assert officers.findtext("s:lastmod", namespaces=ns)
    hreflangs = {link.get("hreflang") for link in officers.findall("x:link", ns)}
    assert hreflangs == {"bn", "en"}


def test_saving_and_deleting_content_keeps_the_index_current(directory, django_capture_on_commit_callbacks):
    office = directory.kumarkhali_uno_office
    with django_capture_on_commit_callbacks(execute=True):
        officer = Officer.objects.create(office=office, name_bn="সাবরিনা ইয়াসমিন", name_en="Sabrina Yasmin",
                                         designation_bn="উপজেলা কৃষি অফিসার", designation_en="Upazila Agriculture Officer",
                                         mobile="+8801912345678")
    assert search("সাবরিনা")[1][0].object_id == officer.pk
    assert search("০১৯১২৩৪৫৬৭৮")[1][0].object_id == officer.pk
    with django_capture_on_commit_callbacks(execute=True):
        officer.state = "draft"
        officer.save()
    assert not search("সাবরিনা")[1]
    with django_capture_on_commit_callbacks(execute=True):
        directory.notice.delete()
    assert not SearchDocument.objects.filter(kind="notice", object_id=directory.notice.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        office.name_en = "UNO Office Kumarkhali Renamed"
        office.save()
    assert search("renamed kumarkhali", kind="office")[1][0].object_id == office.pk


def test_reindex_command_rebuilds_an_office(directory):
    office = Office.objects.get(domain="kumarkhali.kushtia.gov.bd")
    SearchDocument.objects.filter(office=office).delete()
    out = io.StringIO()
    call_command("reindex", "--office", office.domain, stdout=out)
    assert out.getvalue().startswith("documents=")
    assert search("কুমারখালী ইউএনও")[1][0].object_id == directory.unos["Kumarkhali"].pk
