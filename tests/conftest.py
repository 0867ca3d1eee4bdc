"""Shared fixtures. The national registry (geography, ~17,500 offices, menus) is loaded once
per test session into the test database; each test then runs inside a transaction."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from batayon.content.menus import load_menus
from batayon.offices.models import Office
from batayon.offices.registry import load_geography, load_offices


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_geography()
        load_offices()
        load_menus()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Host lookups and menus are cached; a test must not see another test's rows.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kushtia_dc(db) -> Office:
    return Office.objects.get(domain="kushtia.gov.bd")


@pytest.fixture
def union_office(db) -> Office:
    """Hatash Haripur union parishad, Kushtia Sadar."""
    return Office.objects.get(domain="1nohatashharipurup.kushtia.gov.bd")
