"""Which portal a request is for: from the Host header in production, from the path locally."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from batayon.offices.models import Office, office_id_for_host


def test_office_home_by_host(client, kushtia_dc):
    response = client.get("/bn/", HTTP_HOST="kushtia.gov.bd")
    assert response.status_code == 200
    assert "জেলা প্রশাসকের কার্যালয়, কুষ্টিয়া" in response.content.decode()


@pytest.mark.parametrize("host", ["www.kushtia.gov.bd", "KUSHTIA.GOV.BD", "kushtia.gov.bd:443"])
def test_host_variants_resolve_to_the_same_office(client, kushtia_dc, host):
    response = client.get("/en/", HTTP_HOST=host)
    assert response.status_code == 200
    assert escape("Deputy Commissioner's Office, Kushtia") in response.content.decode()


def test_subdomain_offices_resolve_by_host(client, db):
    assert "Department of ICT, District Office, Jhenaidah" in client.get(
        "/en/", HTTP_HOST="doict.jhenaidah.gov.bd"
    ).content.decode()
    assert "সাতপোয়া ইউনিয়ন পরিষদ" in client.get("/bn/", HTTP_HOST="satpoaup.jamalpur.gov.bd").content.decode()


def test_root_of_an_office_host_opens_its_bangla_home(client, kushtia_dc):
    response = client.get("/", HTTP_HOST="kushtia.gov.bd")
    assert response.status_code == 302 and response["Location"] == "/bn/"


def test_same_portal_under_the_local_path(client, kushtia_dc):
    response = client.get("/o/kushtia.gov.bd/bn/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "জেলা প্রশাসকের কার্যালয়, কুষ্টিয়া" in body
    # Links inside the portal keep the /o/<domain>/ prefix.
    assert 'href="/o/kushtia.gov.bd/bn/notices/"' in body
    assert 'href="/o/kushtia.gov.bd/en/"' in body  # the language switch


def test_unknown_office_is_404(client, db):
    assert client.get("/bn/", HTTP_HOST="nosuch.gov.bd").status_code == 404
    assert client.get("/o/nosuch.gov.bd/bn/").status_code == 404


def test_foreign_host_is_refused(client, db):
    assert client.get("/bn/", HTTP_HOST="evil.example.com").status_code == 400


def test_host_lookup_is_cached(kushtia_dc):
    office_id_for_host("kushtia.gov.bd")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert office_id_for_host("www.kushtia.gov.bd") == kushtia_dc.pk
    assert len(queries) == 0


def test_renaming_a_domain_forgets_the_cached_lookup(kushtia_dc):
    assert office_id_for_host("kushtia.gov.bd") == kushtia_dc.pk
    kushtia_dc.domain = "kushtia-new.gov.bd"
    kushtia_dc.save()
    assert office_id_for_host("kushtia-new.gov.bd") == kushtia_dc.pk
    Office.objects.filter(pk=kushtia_dc.pk).update(domain="kushtia.gov.bd")


def test_national_root_lists_divisions_districts_and_ministries(client, db):
    body = client.get("/").content.decode()
    assert '<html lang="bn">' in body
    for name in ["খুলনা", "কুষ্টিয়া", "ঝিনাইদহ", "স্থানীয় সরকার বিভাগ"]:
        assert name in body
    english = client.get("/en/").content.decode()
    assert "Kushtia" in english and "Local Government Division" in english


def test_directory_walks_down_to_unions(client, kushtia_dc):
    district = client.get(f"/bn/directory/district/{kushtia_dc.area.code}/").content.decode()
    assert "/o/kushtia.gov.bd/bn/" in district and "কুমারখালী" in district
    sadar = kushtia_dc.area.children.get(name_en="Kushtia Sadar")
    upazila = client.get(f"/bn/directory/upazila/{sadar.code}/").content.decode()
    assert "/o/1nohatashharipurup.kushtia.gov.bd/bn/" in upazila


def test_organisational_directory_lists_agencies_and_field_offices(client, db):
    dae = Office.objects.get(domain="dae.gov.bd")
    overview = client.get(f"/en/directory/org/{dae.pk}/").content.decode()
    kushtia = Office.objects.get(domain="kushtia.gov.bd").area
    # 566 field offices: the page offers districts instead of one enormous list.
    assert f"?district={kushtia.code}" in overview
    assert "Upazila Agriculture Office" not in overview
    body = client.get(f"/en/directory/org/{dae.pk}/?district={kushtia.code}").content.decode()
    assert "Upazila Agriculture Office, Kumarkhali" in body
    assert "Upazila Agriculture Office, Dumuria" not in body  # Khulna district


def test_local_office_root_opens_bangla(client, kushtia_dc):
    response = client.get("/o/kushtia.gov.bd/")
    assert response.status_code == 302 and response["Location"] == "/o/kushtia.gov.bd/bn/"


def test_notice_feeds_and_sitemap_on_the_portal(client, kushtia_dc):
    from xml.etree import ElementTree

    from batayon.content.models import Notice

    Notice.objects.create(office=kushtia_dc, title_bn="ডিজিটাল মেলার নোটিশ", title_en="Digital fair notice")
    rss = client.get("/bn/notices/feed/", HTTP_HOST="kushtia.gov.bd")
    assert rss.status_code == 200 and "ডিজিটাল মেলার নোটিশ" in rss.content.decode()
    ElementTree.fromstring(rss.content)
    atom = client.get("/o/kushtia.gov.bd/en/notices/feed/atom/")
    assert atom.status_code == 200 and "Digital fair notice" in atom.content.decode()
    sitemap = client.get("/sitemap.xml", HTTP_HOST="kushtia.gov.bd")
    assert sitemap.status_code == 200
    assert "/bn/notices/" in sitemap.content.decode()
    ElementTree.fromstring(sitemap.content)
