"""Small inline SVG charts (no JavaScript; Bangla labels shaped by the browser)."""

from __future__ import annotations

import datetime as dt

from django.utils.html import escape

from batayon.bangla.dates import format_date_bn, format_date_en
from batayon.bangla.digits import to_bangla_digits


def trend_svg(
    points: list[tuple[dt.date, float]], lang: str = "bn", width: int = 560, height: int = 180
) -> str:
    """A line of the score (0–100) over days, with gridlines at 0/50/80/100."""
    if not points:
        return ""
    left, right, top, bottom = 34, 10, 10, 26
    w, h = width - left - right, height - top - bottom
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return left + w * ((day - first).days / span if len(points) > 1 else 0.5)

    def y(score: float) -> float:
        return top + h * (1 - max(0.0, min(100.0, score)) / 100)

    num = (lambda v: to_bangla_digits(v)) if lang == "bn" else str
    fmt = format_date_bn if lang == "bn" else format_date_en
    label = "গড় স্কোরের প্রবণতা" if lang == "bn" else "Trend of the average score"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="trend" role="img" '
        f'aria-label="{label}">'
    ]
    for level, colour in ((0, "#ccc"), (50, "#f1c40f"), (80, "#78be5a"), (100, "#ccc")):
        out.append(
            f'<line x1="{left}" x2="{left + w}" y1="{y(level):.1f}" y2="{y(level):.1f}" stroke="{colour}" '
            f'stroke-dasharray="3 3"/>'
        )
        out.append(
            f'<text x="{left - 4}" y="{y(level) + 4:.1f}" text-anchor="end" font-size="11">'
            f"{num(level)}</text>"
        )
    line = " ".join(f"{x(d):.1f},{y(s):.1f}" for d, s in points)
    out.append(f'<polyline points="{line}" fill="none" stroke="#0b5d1e" stroke-width="2"/>')
    for d, s in points[-1:]:
        out.append(
            f'<circle cx="{x(d):.1f}" cy="{y(s):.1f}" r="3" fill="#0b5d1e"><title>{escape(fmt(d))}: '
            f"{num(f'{s:.1f}')}</title></circle>"
        )
    out.append(f'<text x="{left}" y="{height - 6}" font-size="11">{escape(fmt(first))}</text>')
    out.append(
        f'<text x="{left + w}" y="{height - 6}" font-size="11" text-anchor="end">{escape(fmt(last))}</text>'
    )
    out.append("</svg>")
    return "".join(out)
