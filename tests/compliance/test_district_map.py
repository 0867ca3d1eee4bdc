"""The district map: 64 shapes from the package's GeoJSON, every one matched to an Area."""

import re

from batayon.compliance.geo import GEOJSON_TO_AREA, colour, district_shapes, render_map
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


def test_map_is_drawn_by_its_template_in_the_page_language(db):
    kushtia = Area.objects.get(level=Area.Level.DISTRICT, name_en="Kushtia")
    districts = [{"id": kushtia.pk, "name_en": "Kushtia", "name_bn": kushtia.name_bn, "score": 30.0}]
    bn = render_map(districts, "bn", link="/supervision/?area={id}")
    assert 'aria-label="জেলাভিত্তিক স্কোরের মানচিত্র"' in bn
    assert f'<a href="/supervision/?area={kushtia.pk}"><path ' in bn
    assert f'fill="{colour(30.0)}"' in bn and "কুষ্টিয়া: ৩০" in bn
    en = render_map(districts, "en", link=None)
    assert 'aria-label="Map of district scores"' in en and ">Kushtia</text>" in en and "Kushtia: 30" in en
    assert "<a " not in en and not re.search(r"[\u0980-\u09FF]", en)


def test_trend_chart_geometry_and_markup():
    import datetime as dt

    from django.template.loader import render_to_string
    from django.utils import translation

    from batayon.compliance.charts import trend_chart

    chart = trend_chart([(dt.date(2025, 9, 1), 40.0), (dt.date(2025, 9, 28), 80.0)])
    assert [g.level for g in chart.gridlines] == [0, 50, 80, 100]
    assert chart.points.startswith("34.0,") and chart.last_x == 550.0
    with translation.override("bn"):
        svg = render_to_string("compliance/_trend.svg.html", {"chart": chart})
    assert 'aria-label="গড় স্কোরের প্রবণতা"' in svg and "২৮ সেপ্টেম্বর ২০২৫: ৮০.০" in svg
    assert 'stroke="#78be5a"' in svg and svg.count("<line ") == 4
    assert trend_chart([]) is None
