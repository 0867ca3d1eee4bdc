"""The district map: 64 shapes from the package's GeoJSON, every one matched to an Area."""

import re

from batayon.compliance.geo import GEOJSON_TO_AREA, district_shapes, render_map
from batayon.offices.models import Area


def test_every_geojson_district_matches_an_area(db):
    shapes, width, height = district_shapes()
    names = set(Area.objects.filter(level=Area.Level.DISTRICT).values_list("name_en", flat=True))
    assert len(shapes) == 64
    assert {s.name_en for s in shapes} == names
    assert set(GEOJSON_TO_AREA.values()) <= names
    assert all(0 <= s.cx <= width and 0 <= s.cy <= height for s in shapes)


def test_map_svg_has_64_districts_with_bangla_labels_and_stays_small(db):
    districts = [
        {"id": a.pk, "name_en": a.name_en, "name_bn": a.name_bn, "score": 70.0}
        for a in Area.objects.filter(level=Area.Level.DISTRICT)
    ]
    svg = render_map(districts, "bn")
    assert len(re.findall(r"<path ", svg)) == 64
    assert len(re.findall(r"<text ", svg)) == 64
    assert ">কুষ্টিয়া</text>" in svg and "কুষ্টিয়া: ৭০" in svg
    assert len(svg.encode()) < 120_000
