"""Directory pages keep the visitor's place (issue 13): the language switch opens the same
page in the other language, areas sort by their name in the page's language, and an office
portal has a breadcrumb back to its district and upazila."""

import re

from batayon.offices.models import Area, Office


def _lang_link(html: str) -> str:
    return re.search(r'<a class="lang" href="([^"]+)"', html).group(1)


def test_language_switch_keeps_the_directory_page(client, kushtia_dc):
    code = kushtia_dc.area.code
    html = client.get(f"/bn/directory/district/{code}/").content.decode()
    assert _lang_link(html) == f"/en/directory/district/{code}/"
    dae = Office.objects.get(domain="dae.gov.bd")
    html = client.get(f"/bn/directory/org/{dae.pk}/?district={code}").content.decode()
    assert _lang_link(html) == f"/en/directory/org/{dae.pk}/?district={code}"
    assert _lang_link(client.get("/bn/").content.decode()) == "/en/"


def test_areas_sort_by_the_page_language(client, kushtia_dc):
    district = kushtia_dc.area
    bn = client.get(f"/bn/directory/district/{district.code}/").context["children"]
    en = client.get(f"/en/directory/district/{district.code}/").context["children"]
    assert [a.name_bn for a in bn] == sorted(a.name_bn for a in bn)
    assert [a.name_en for a in en] == sorted(a.name_en for a in en)
    assert [a.pk for a in bn] != [a.pk for a in en]  # ভেড়ামারা comes late in Bangla, early in English
    assert Area.objects.filter(parent=district).count() == len(bn)


def test_office_portal_has_a_breadcrumb_to_its_district_and_upazila(client, union_office):
    html = client.get(f"/o/{union_office.domain}/bn/").content.decode()
    assert f'href="/bn/directory/district/{union_office.district.code}/"' in html
    assert f'href="/bn/directory/upazila/{union_office.upazila.code}/"' in html
    assert union_office.upazila.name_bn in html
