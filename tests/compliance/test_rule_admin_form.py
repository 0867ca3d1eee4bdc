"""The admin's rule form is validated by the same schema as the rulebook file (``RuleSpec``)."""

import pytest

from batayon.compliance.admin import RuleForm
from batayon.compliance.rulebook import RuleSpec, parse
from batayon.offices.models import Tier

pytestmark = pytest.mark.django_db

GOOD = {
    "code": "a", "title_bn": "ক", "title_en": "A", "source": "seed 001 ক", "kind": "count",
    "section": "officers", "params": '{"source": "officers"}', "tiers": f'["{Tier.UNION}"]', "weight": 5,
    "active": True, "sort_order": 10,
}


def test_a_good_rule_passes():
    form = RuleForm(data=GOOD)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"params": '{"source": "clerks"}'}, "params", "rule 'a', field 'params.source': unknown source"),
        ({"section": "officerz"}, "section", "rule 'a', field 'section': unknown section 'officerz'"),
        ({"tiers": '["village"]'}, "tiers", "rule 'a', field 'tiers': unknown tier 'village'"),
        ({"weight": 500}, "weight", "rule 'a', field 'weight': weight must be a number between 0 and 100"),
    ],
)
def test_a_bad_rule_is_refused_on_its_field(change, field, message):
    form = RuleForm(data={**GOOD, **change})
    assert not form.is_valid()
    assert any(message in e for e in form.errors.get(field, [])), form.errors


def test_file_and_admin_share_one_schema():
    text = ("rules:\n  - {code: a, title_bn: ক, title_en: A, source: s, kind: count, section: officers, "
            "params: {source: officers}, weight: 5}\n")
    (rule,) = parse(text)
    rule.pop("sort_order")
    assert RuleSpec.of(rule, "a").model_dump() == rule  # what the file yields, the admin accepts as is
