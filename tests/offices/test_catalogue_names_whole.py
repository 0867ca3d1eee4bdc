"""Names with commas survive the catalogue: "পরিবেশ, বন ও জলবায়ু পরিবর্তন মন্ত্রণালয়" was cut
to "পরিবেশ" by an unquoted comma in a YAML flow mapping (issue 13)."""

import yaml

from batayon.offices.models import Office
from batayon.offices.registry import CATALOGUE_PATH


def _null_keys(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if value is None:
                yield f"{path}/{key}"
            yield from _null_keys(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _null_keys(value, f"{path}[{i}]")


def test_no_entry_has_a_stray_key_from_an_unquoted_comma():
    data = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    assert list(_null_keys(data)) == []


def test_environment_ministry_has_its_whole_name(db):
    moef = Office.objects.get(domain="moef.gov.bd")
    assert moef.name_bn == "পরিবেশ, বন ও জলবায়ু পরিবর্তন মন্ত্রণালয়"
    assert moef.name_en == "Ministry of Environment, Forest and Climate Change"


def test_menu_titles_with_commas_are_whole(db):
    from batayon.content.menus import MENUS_PATH
    from batayon.content.models import MenuItem

    data = yaml.safe_load(MENUS_PATH.read_text(encoding="utf-8"))
    assert list(_null_keys(data)) == []
    assert set(MenuItem.objects.filter(key="documents").values_list("title_bn", flat=True)) == {"আইন, বিধি ও পরিপত্র"}
