"""The type checker sees the bilingual columns that django-modeltranslation adds at run time."""

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "translated_attrs.py"


def test_every_registered_translation_is_declared_to_the_type_checker():
    spec = importlib.util.spec_from_file_location("translated_attrs", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.by_file(), "no translated model found"
    assert module.stale() == [], "run: BATAYON_TESTING=1 .venv/bin/python tools/translated_attrs.py"
