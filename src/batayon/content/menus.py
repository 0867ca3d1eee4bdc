"""Load the standard menus (R-2.12) from ``data/menus.yaml`` into ``MenuItem`` rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.cache import cache
from django.db import transaction

from batayon.offices.models import Tier

from .models import MenuItem

MENUS_PATH = Path(__file__).parent / "data" / "menus.yaml"
# The compliance menu rule's view of the menus ((key, section) per tier) and the titles its
# reasons name the items by: both dropped whenever the menus are reloaded.
MENU_ITEMS_CACHE_KEY = "compliance:menu-items"
MENU_TITLES_CACHE_KEY = "menu:titles"


@transaction.atomic
def load_menus(path: Path = MENUS_PATH) -> int:
    """Replace every tier's standard menu with the file's; returns the number of items."""
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    MenuItem.objects.all().delete()
    count = 0
    for tier in Tier.values:
        items = list(spec["common"]) + list(spec.get("tiers", {}).get(tier, []))
        for order, item in enumerate(items, start=1):
            parent = MenuItem.objects.create(
                tier=tier,
                key=item["key"],
                title=item["bn"],
                title_bn=item["bn"],
                title_en=item["en"],
                section=item.get("section", ""),
                sort_order=order * 10,
            )
            count += 1
            for child_order, child in enumerate(item.get("children", []), start=1):
                MenuItem.objects.create(
                    tier=tier,
                    parent=parent,
                    key=child["key"],
                    title=child["bn"],
                    title_bn=child["bn"],
                    title_en=child["en"],
                    section=child.get("section", ""),
                    sort_order=child_order * 10,
                )
                count += 1
    cache.delete_many(
        [menu_cache_key(t) for t in Tier.values] + [MENU_ITEMS_CACHE_KEY, MENU_TITLES_CACHE_KEY]
    )
    return count


def menu_cache_key(tier: str) -> str:
    return f"menu:{tier}"


def menu_for_tier(tier: str) -> list[MenuItem]:
    """The tier's top-level items with their children, cached: every page draws it."""
    key = menu_cache_key(tier)
    items = cache.get(key)
    if items is None:
        items = list(MenuItem.objects.filter(tier=tier, parent=None).prefetch_related("children"))
        for item in items:
            item.child_list = list(item.children.all())
        cache.set(key, items, 3600)
    return items


def menu_item_titles() -> dict[str, tuple[str, str]]:
    """Every menu item's (Bangla, English) title by key, cached: reasons name items by it."""
    titles = cache.get(MENU_TITLES_CACHE_KEY)
    if titles is None:
        titles = {
            key: (bn or "", en or "")
            for key, bn, en in MenuItem.objects.order_by("id").values_list("key", "title_bn", "title_en")
        }
        cache.set(MENU_TITLES_CACHE_KEY, titles, 3600)
    return titles
