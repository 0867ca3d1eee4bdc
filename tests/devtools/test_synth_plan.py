"""``batayon synth``: office counts per tier like the real estate, at 3,600 and at 36,000 offices."""

import random
from collections import Counter

from batayon.devtools.synth import plan
from batayon.offices.models import Tier


def _tiers(planned):
    return Counter((item if kind == "plan" else item[0]).tier for kind, item in planned)


def test_small_dataset_keeps_every_district_and_samples_the_rest(db):
    planned = plan(3600, random.Random(1))
    tiers = _tiers(planned)
    assert abs(len(planned) - 3600) <= 40
    assert tiers[Tier.DISTRICT] == 64 and tiers[Tier.DIVISION] == 8
    assert 400 <= tiers[Tier.UNION] <= 500  # 4,540 of ~36,000 → about one in eight
    assert tiers[Tier.UPAZILA_FIELD] > tiers[Tier.DISTRICT_FIELD] > tiers[Tier.DIVISION_FIELD]


def test_national_dataset_adds_field_offices_of_the_catalogue_agencies(db):
    planned = plan(36000, random.Random(1))
    tiers = _tiers(planned)
    assert abs(len(planned) - 36000) <= 40
    assert tiers[Tier.UNION] == 4540 and tiers[Tier.UPAZILA] == 494
    assert 5000 <= tiers[Tier.DISTRICT_FIELD] <= 7000  # "~5,800 district-level offices"
    assert tiers[Tier.UPAZILA_FIELD] >= 20000  # "~20,700 upazila-level offices"
    extras = [item for kind, item in planned if kind == "extra"]
    assert extras and all(
        base.tier in (Tier.DIVISION_FIELD, Tier.DISTRICT_FIELD, Tier.UPAZILA_FIELD) for base, _k in extras
    )
