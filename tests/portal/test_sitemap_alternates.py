"""The portal's sitemap (django.contrib.sitemaps): each page in both languages, each naming
the other as its hreflang alternate, on the office's own host."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from batayon.content.models import Notice

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def urls(content: bytes) -> dict[str, dict[str, str]]:
    root = ET.fromstring(content)
    return {
        u.findtext("s:loc", namespaces=NS): {link.get("hreflang"): link.get("href") for link in u.findall("x:link", NS)}
        for u in root.findall("s:url", NS)
    }


@pytest.mark.parametrize("how", ["host", "path"])
def test_every_page_has_its_bangla_and_english_alternates(client, kushtia_dc, how):
    notice = Notice.objects.create(office=kushtia_dc, title_bn="মেলার নোটিশ", title_en="Fair notice")
    if how == "host":
        r = client.get("/sitemap.xml", HTTP_HOST="kushtia.gov.bd")
    else:
        r = client.get("/o/kushtia.gov.bd/sitemap.xml")
    assert r.status_code == 200
    found = urls(r.content)
    bn, en = "https://kushtia.gov.bd/bn/", "https://kushtia.gov.bd/en/"
    for rest in ("", "officers/", f"notices/{notice.pk}/"):
        for loc in (bn + rest, en + rest):
            assert found[loc] == {"bn": bn + rest, "en": en + rest}, loc
