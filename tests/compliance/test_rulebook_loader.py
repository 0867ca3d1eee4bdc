"""The rulebook is data: a malformed file is rejected with a clear message and changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from batayon.compliance.models import Rule
from batayon.compliance.rulebook import RULEBOOK_PATH, RulebookError, load_rules, parse

GOOD = """
rules:
  - {code: a, title_bn: ক, title_en: A, source: seed 001 ক, kind: count, section: officers,
     params: {source: officers}, weight: 5}
"""


def test_the_shipped_rulebook_covers_every_document_item(rules):
    text = RULEBOOK_PATH.read_text(encoding="utf-8")
    for item in [
        "seed 001 ক",
        "seed 001 খ",
        "seed 001 গ",
        "seed 001 ঘ",
        "seed 001 ঙ",
        "seed 001 চ",
        "seed 001 ছ",
        "seed 001 জ",
        "seed 001 ঝ",
        "seed 000 §2",
        "seed 002 d4",
        "seed 004 d1",
        "seed 003",
    ]:
        assert item in text, item
    kinds = set(Rule.objects.values_list("kind", flat=True))
    assert kinds == {
        "count",
        "fields",
        "freshness",
        "confirmed",
        "fiscal_year",
        "quarterly",
        "bilingual",
        "links",
        "menu",
    }
    sections = set(Rule.objects.values_list("section", flat=True))
    assert {
        "officers",
        "staff",
        "notices",
        "charter",
        "services",
        "rti",
        "grs",
        "apa",
        "nis",
        "innovation",
        "focal-points",
        "projects",
        "reports",
    } <= sections


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (GOOD.replace("kind: count", "kind: counting"), "rule 'a', field 'kind': unknown kind 'counting'"),
        (
            GOOD.replace("section: officers", "section: officerz"),
            "rule 'a', field 'section': unknown section",
        ),
        (GOOD.replace("weight: 5", "weight: heavy"), "rule 'a', field 'weight': weight must be a number"),
        (GOOD.replace("source: officers}", "source: officers, min: -1}"), "rule 'a', field 'params.min'"),
        (
            GOOD.replace("source: officers}", "source: clerks}"),
            "rule 'a', field 'params.source': unknown source",
        ),
        (GOOD.replace("weight: 5}", "weight: 5, tiers: [village]}"), "rule 'a', field 'tiers': unknown tier"),
        (GOOD.replace("title_bn: ক, ", ""), "rule 'a', field 'title_bn': missing or empty"),
        ("rules: [", "not valid YAML"),
    ],
)
def test_malformed_rule_is_named_with_its_field(bad, message):
    with pytest.raises(RulebookError) as exc:
        parse(bad)
    assert message in str(exc.value)


def test_a_bad_file_leaves_the_old_rulebook_in_place(rules, tmp_path):
    before = list(Rule.objects.order_by("code").values_list("code", "weight", "active"))
    text = RULEBOOK_PATH.read_text(encoding="utf-8")
    # One good change and one broken rule further down: neither may be applied.
    text = text.replace("weight: 8", "weight: 9", 1).replace("kind: quarterly", "kind: quarterlyish", 1)
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("loadrules", file=str(path))
    assert "apa-quarterly" in str(exc.value) and "kind" in str(exc.value)
    assert "আগের নিয়মাবলি বহাল আছে" in str(exc.value)
    assert list(Rule.objects.order_by("code").values_list("code", "weight", "active")) == before


def test_rules_dropped_from_the_file_are_deactivated_not_deleted(rules, tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD, encoding="utf-8")
    counts = load_rules(path)
    assert counts["created"] == 1 and counts["deactivated"] == Rule.objects.count() - 1
    assert list(Rule.objects.filter(active=True).values_list("code", flat=True)) == ["a"]
    assert Rule.objects.filter(code="notices-fresh", active=False).exists()
