"""The demo is loaded once for all demo tests, inside a transaction that is rolled back at the
end, with its files in a temporary MEDIA_ROOT: other test packages never see it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from batayon.demo.loader import load_demo_content


@dataclass
class LoadedDemo:
    counts: dict[str, int]
    media_root: Path


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> LoadedDemo:
    media_root = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media_root)), transaction.atomic():
        counts = load_demo_content()
        yield LoadedDemo(counts, media_root)
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db) -> LoadedDemo:
    """The loaded demo inside the test's own transaction (changes are rolled back per test)."""
    return demo
