"""The district map colours each district by its band, as the legend says (issue 13: a
"দুর্বল" district was painted in the amber of "মোটামুটি")."""

import pytest

from batayon.compliance.geo import BAND_FILL, colour
from batayon.compliance.models import Band, band_for


@pytest.mark.parametrize("score", [0, 30, 45, 49.9, 50, 65, 79.9, 80, 100])
def test_fill_is_the_band_colour(score):
    assert colour(score) == BAND_FILL[band_for(score)]


def test_a_poor_district_is_red_not_amber():
    assert colour(45) == colour(10) == "#c0392b"
    assert colour(79) == colour(50) == "#f1c40f"


def test_legend_shows_the_same_colours(client, db):
    from django.template.loader import render_to_string

    legend = render_to_string("compliance/_legend.html")
    for band in Band.values:
        assert f'fill="{BAND_FILL[band]}"' in legend
