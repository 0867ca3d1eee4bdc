"""The JSON API as another system uses it: filters, both hierarchies, flags, pagination,
conditional requests, errors in Bangla and English."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from batayon.api.signals import REGISTRY_VERSION_KEY
from batayon.content.models import Officer
from batayon.offices.models import Office, Tier

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    if response.status_code == 304:  # a conditional request answered from its validators
        assert response.content == b""
    else:
        assert response["Content-Type"].startswith(
            ("application/json", "application/rss", "application/atom", "application/xml"))
    return response


def test_offices_filter_by_district_and_tier_with_pagination(client):
    r = get(client, "/api/v1/offices/?district=25&tier=upazila&page_size=4")
    body = r.json()
    assert r.status_code == 200 and body["count"] == 6 and len(body["results"]) == 4
    assert {o["tier"]["code"] for o in body["results"]} == {"upazila"}
    assert body["previous"] is None and "page=2" in body["next"]
    second = get(client, body["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None and "page=1" in second["previous"]
    names = {o["name"]["en"] for o in body["results"] + second["results"]}
    assert "Upazila Nirbahi Officer's Office, Kumarkhali" in names
    assert get(client, "/api/v1/offices/?district=25&tier=upazila&page=3&page_size=4").status_code == 404
    too_big = get(client, "/api/v1/offices/?page_size=500")
    assert too_big.status_code == 400 and too_big.json()["error"]["code"] == "bad_integer"


def test_everything_under_an_office_in_either_hierarchy(client, union_office):
    geo = get(client, "/api/v1/offices/?under=kushtia.gov.bd&page_size=100").json()
    assert geo["count"] == Office.objects.supervised_by(Office.objects.get(domain="kushtia.gov.bd")).count()
    union_page = get(client, f"/api/v1/offices/?under=kushtia.gov.bd&q={union_office.name_en.split()[0]}").json()
    assert union_office.domain in {o["domain"] for o in union_page["results"]}
    org = get(client, "/api/v1/offices/?under=dae.gov.bd&tier=upazila_field").json()
    assert org["count"] == 494
    assert get(client, "/api/v1/offices/?under=nowhere.gov.bd").status_code == 404


def test_office_detail_has_both_hierarchies_and_its_people(client, directory):
    r = get(client, "/api/v1/offices/kumarkhali.kushtia.gov.bd")
    body = r.json()
    assert body["geo"]["district"] == {"code": "25", "level": 2, "name": {"bn": "কুষ্টিয়া", "en": "Kushtia"}}
    assert body["geo"]["division"]["name"]["en"] == "Khulna"
    assert body["geo"]["upazila"]["name"]["bn"] == "কুমারখালী"
    assert body["org"]["ministry"]["domain"] == directory.kumarkhali_uno_office.ministry.domain
    assert body["supervisor"]["domain"] == "kushtia.gov.bd"
    assert body["portal_url"] == "https://kumarkhali.kushtia.gov.bd/bn/"
    assert body["head_of_office"]["name"]["bn"] == "মোহাম্মদ আবদুল কাদের"
    assert body["rti_officer"]["phone"]["bn"] == "০১৭১১-৬১৮৩৬৮"
    assert body["anik"]["name"]["en"] == "Farhana Yasmin"
    assert body["content_updated_at"]
    missing = get(client, "/api/v1/offices/no-such-office.gov.bd")
    assert missing.status_code == 404 and missing.json()["error"]["message_bn"]


def test_officers_flag_head_rti_and_anik_and_hide_former_officers(client, directory):
    body = get(client, "/api/v1/offices/kumarkhali.kushtia.gov.bd/officers").json()
    by_name = {o["name"]["en"]: o for o in body["results"]}
    assert "Former Officer" not in by_name
    assert [o["name"]["en"] for o in body["results"] if o["is_head_of_office"]] == ["Mohammad Abdul Kader"]
    assert by_name["Md. Anisur Rahman"]["is_rti_officer"] and not by_name["Md. Anisur Rahman"]["is_anik"]
    assert by_name["Farhana Yasmin"]["is_anik"] and by_name["Farhana Yasmin"]["roles"] == ["grs:primary"]
    assert by_name["Md. Anisur Rahman"]["mobile"] == {"e164": "+8801711618368", "local": "01711-618368",
                                                      "bn": "০১৭১১-৬১৮৩৬৮"}
    staff = get(client, "/api/v1/offices/kumarkhali.kushtia.gov.bd/officers?kind=staff").json()
    assert [o["kind"] for o in staff["results"]] == ["staff"]


def test_services_carry_the_charter_fields_and_eservice_status(client, directory):
    union = directory.birth_services[0].office
    body = get(client, f"/api/v1/offices/{union.domain}/services").json()
    birth = next(s for s in body["results"] if s["name"]["en"] == "Birth registration")
    assert birth["time_limit"]["bn"] == "৭ কার্যদিবস" and birth["fee"]["bn"].startswith("৪৫ দিনের")
    assert birth["required_documents"]["bn"] and birth["delivery_method"]["bn"]
    assert birth["eservice"]["status"] == "live" and birth["delivery_mode"] == "eservice"


def test_notices_are_published_and_live_only(client, directory):
    body = get(client, "/api/v1/offices/kumarkhali.kushtia.gov.bd/notices").json()
    assert [n["id"] for n in body["results"]] == [directory.notice.pk]
    assert body["results"][0]["title"]["bn"] == "জন্ম নিবন্ধন বিষয়ে জরুরি বিজ্ঞপ্তি"


def test_documents_filter_by_category_year_and_quarter(client, directory):
    base = "/api/v1/offices/kumarkhali.kushtia.gov.bd/documents"
    assert get(client, base).json()["count"] == 2
    assert [d["category"] for d in get(client, f"{base}?category=apa").json()["results"]] == ["apa"]
    assert [d["quarter"] for d in get(client, f"{base}?fiscal_year=2024-25&quarter=1").json()["results"]] == [1]
    assert get(client, f"{base}?quarter=5").status_code == 400


def test_etag_and_last_modified_give_304_until_content_changes(client, directory):
    url = "/api/v1/offices/kumarkhali.kushtia.gov.bd/officers"
    first = get(client, url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    assert get(client, url, if_none_match=etag).status_code == 304
    assert get(client, url, if_modified_since=modified).status_code == 304
    officer = directory.unos["Kumarkhali"]
    officer.mobile = "+8801711100099"
    officer.save()
    changed = get(client, url, if_none_match=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "+8801711100099" in changed.content.decode()


def test_office_list_etag_changes_when_an_office_is_renamed(client):
    url = "/api/v1/offices/?district=25&tier=district"
    etag = get(client, url)["ETag"]
    assert get(client, url, if_none_match=etag).status_code == 304
    office = Office.objects.get(domain="kushtia.gov.bd")
    office.name_en = "DC Office, Kushtia"
    office.save()
    assert cache.get(REGISTRY_VERSION_KEY)
    r = get(client, url, if_none_match=etag)
    assert r.status_code == 200 and r.json()["results"][0]["name"]["en"] == "DC Office, Kushtia"


def test_search_endpoint_answers_an_agent(client, directory):
    r = get(client, "/api/v1/search?q=কুষ্টিয়া ইউএনও ফোন&page_size=6")
    body = r.json()
    assert r.status_code == 200 and r["ETag"]
    assert {x["type"] for x in body["results"]} == {"officer"}
    first = body["results"][0]
    assert first["phones"][0]["bn"].startswith("০১৭১১-১০০০০") and first["office"]["domain"].endswith("kushtia.gov.bd")
    assert body["query"]["terms"] == ["কুস্টিয়া", "ইউএনও"]
    typo = get(client, "/api/v1/search?q=আনিসুল রহমান").json()
    assert typo["query"]["corrected"] == {"আনিসুল": ["আনিসুর"]}
    assert get(client, "/api/v1/search?q=ইউএনও&type=person").status_code == 400
    assert get(client, "/api/v1/search?q=ইউএনও&district=9999").status_code == 400
    assert get(client, "/api/v1/search").json()["error"]["code"] == "q_required"


@pytest.mark.parametrize("query, code", [
    ("q=" + "ক" * 10_000, "query_too_long"),
    ("q=" + "x" * 300, "q_too_long"),
    ("q=1' OR 1=1--", "q_forbidden"),
    ("q=kushtia; DROP TABLE api_searchdocument", "q_forbidden"),
    ("q=x' UNION SELECT password FROM auth_user", "q_forbidden"),
    ("q=%E0%A6", "bad_encoding"),
    ("q=%C0%AF", "bad_encoding"),
    ("q=abc%zz", "bad_percent_encoding"),
    ("q=abc%", "bad_percent_encoding"),
    ("q=%00", "control_characters"),
    ("q=ab%01cd", "control_characters"),
])
def test_hostile_query_strings_get_a_clear_400(client, query, code):
    for path in ("/api/v1/search", "/api/v1/offices/"):
        r = client.generic("GET", f"{path}?{query}")
        assert r.status_code == 400, (path, query)
        error = r.json()["error"]
        assert error["code"] == code and error["message_bn"] and error["message_en"]


def test_unknown_paths_and_methods_are_json_errors(client):
    r = client.get("/api/v2/anything")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.delete("/api/v1/offices/kushtia.gov.bd")
    assert r.status_code == 405 and "GET" in r["Allow"]


def test_rate_limit_per_address_gives_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/api/v1/openapi.json").status_code == 200
    r = client.get("/api/v1/offices/")
    assert r.status_code == 429 and int(r["Retry-After"]) >= 1
    assert r.json()["error"]["code"] == "rate_limited" and "সেকেন্ড" in r.json()["error"]["message_bn"]
    # Another address has its own allowance.
    assert client.get("/api/v1/openapi.json", REMOTE_ADDR="10.9.8.7").status_code == 200


def test_compliance_status(client, directory):
    body = get(client, "/api/v1/offices/kumarkhali.kushtia.gov.bd/compliance").json()
    assert 0 <= body["score"] <= 100 and body["band"]["name"]["bn"]
    assert body["checklist"] and {"rule", "status", "title"} <= set(body["checklist"][0])


def test_openapi_document_lists_every_endpoint(client):
    doc = get(client, "/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/offices/{domain}", "/api/v1/offices/{domain}/officers", "/api/v1/search",
                 "/api/v1/offices/{domain}/notices.rss", "/api/v1/offices/{domain}/sitemap.xml"):
        assert path in doc["paths"]
    assert "post" in doc["paths"]["/api/v1/offices/{domain}/notices"]


def test_head_of_office_is_the_first_officer_by_sort_order(client, directory):
    office = directory.kumarkhali_uno_office
    Officer.objects.create(office=office, name_bn="নতুন প্রধান", name_en="New Head", designation_bn="উপজেলা নির্বাহী অফিসার",
                           designation_en="UNO", sort_order=0)
    body = get(client, f"/api/v1/offices/{office.domain}/officers").json()
    assert [o["name"]["en"] for o in body["results"] if o["is_head_of_office"]] == ["New Head"]
    assert Office.objects.filter(tier=Tier.UPAZILA, pk=office.pk).exists()
