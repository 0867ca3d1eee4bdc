"""The citizen's charter is readable at 360 px: its tables stack as labelled cards on
phones (CSS only: every cell carries its column's name in data-label) (issue 13)."""

import re
from pathlib import Path

from batayon.content.models import CitizenCharter, Service

CSS = Path(__file__).resolve().parents[2] / "src" / "batayon" / "portal" / "static" / "portal" / "portal.css"


def test_charter_cells_are_labelled_for_the_card_layout(client, kushtia_dc):
    CitizenCharter.objects.create(
        office=kushtia_dc, vision="ভিশন", vision_bn="ভিশন", mission="মিশন", mission_bn="মিশন"
    )
    Service.objects.create(
        office=kushtia_dc,
        name="নামজারি",
        name_bn="নামজারি",
        name_en="Mutation",
        delivery_method_bn="অনলাইনে",
        fee_bn="১১৫০ টাকা",
    )
    html = client.get("/o/kushtia.gov.bd/bn/charter/").content.decode()
    assert 'class="data charter stack"' in html
    assert 'data-label="সেবা প্রদান পদ্ধতি"' in html and 'data-label="সেবার মূল্য এবং পরিশোধ পদ্ধতি"' in html
    assert "<script" not in html


def test_the_card_layout_is_css_for_narrow_screens():
    css = CSS.read_text(encoding="utf-8")
    block = re.search(r"@media \(max-width:40rem\)\{(.*?)\n\}", css, re.DOTALL).group(1)
    assert "table.stack thead" in block and "content:attr(data-label)" in block
