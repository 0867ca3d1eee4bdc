"""Bangla first, English second: both catalogues translate every message of the interface."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "batayon"
CATALOGUES = sorted(p for p in PACKAGE.rglob("locale/*/LC_MESSAGES/django.po") if p.parts[-3] in ("bn", "en"))


def test_there_are_bangla_and_english_catalogues():
    langs = {p.parts[-3] for p in CATALOGUES}
    assert langs == {"bn", "en"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_catalogue_is_complete_and_compiled(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    assert untranslated == [], f"{len(untranslated)} messages without translation, e.g. {untranslated[:3]}"
    assert not po.fuzzy_entries()
    mo = path.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= path.stat().st_mtime - 1


def test_interface_strings_switch_language():
    with translation.override("en"):
        assert translation.gettext("নোটিশ বোর্ড") == "Notice board"
    with translation.override("bn"):
        assert translation.gettext("নোটিশ বোর্ড") == "নোটিশ বোর্ড"
