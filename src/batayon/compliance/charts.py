"""Small inline SVG charts (no JavaScript; Bangla labels shaped by the browser).

Python computes the geometry; the markup is ``compliance/_trend.svg.html``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The score levels drawn as gridlines, and their colours.
GRIDLINES = ((0, "#ccc"), (50, "#f1c40f"), (80, "#78be5a"), (100, "#ccc"))


@dataclass(frozen=True)
class Gridline:
    level: int
    y: float
    colour: str

    @property
    def text_y(self) -> float:
        return round(self.y + 4, 1)


@dataclass(frozen=True)
class TrendChart:
    """A line of the score (0–100) over days, laid out in a ``width`` × ``height`` box."""

    width: int
    height: int
    left: float
    right: float
    tick_x: float
    gridlines: tuple[Gridline, ...]
    points: str  # the polyline's "x,y x,y …"
    last_x: float
    last_y: float
    last_day: dt.date
    last_score: float
    first_day: dt.date
    label_y: float


def trend_chart(
    points: list[tuple[dt.date, float]], width: int = 560, height: int = 180
) -> TrendChart | None:
    """The trend's geometry, or ``None`` when there is nothing to draw."""
    if not points:
        return None
    left, right, top, bottom = 34, 10, 10, 26
    w, h = width - left - right, height - top - bottom
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round(left + w * ((day - first).days / span if len(points) > 1 else 0.5), 1)

    def y(score: float) -> float:
        return round(top + h * (1 - max(0.0, min(100.0, score)) / 100), 1)

    end_day, end_score = points[-1]
    return TrendChart(
        width=width,
        height=height,
        left=left,
        right=left + w,
        tick_x=left - 4,
        gridlines=tuple(Gridline(level, y(level), colour) for level, colour in GRIDLINES),
        points=" ".join(f"{x(d):.1f},{y(s):.1f}" for d, s in points),
        last_x=x(end_day),
        last_y=y(end_score),
        last_day=end_day,
        last_score=end_score,
        first_day=first,
        label_y=height - 6,
    )
