"""The admin's change form read as a browser reads it, so a test posts what a browser would
post (every inline's management form included) after changing a few fields."""

from __future__ import annotations

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from tests.workspace.helpers import make_user, signed_in


@pytest.fixture
def admin_client(kushtia_dc) -> Client:
    """The national administrator, signed in with TOTP."""
    return signed_in(make_user("national", "admin", kushtia_dc))


def form_data(html: str, form_id: str) -> dict[str, str | list[str]]:
    """The values a browser would submit from the form (no submit buttons, no unchecked boxes;
    the inlines' empty "__prefix__" templates left out)."""
    form = LexborHTMLParser(html).css_first(f"form#{form_id}")
    assert form is not None, form_id
    data: dict[str, str | list[str]] = {}
    for node in form.css("input, select, textarea"):
        name = node.attributes.get("name")
        if not name or "__prefix__" in name:
            continue
        kind = (node.attributes.get("type") or "").lower()
        if node.tag == "input" and kind in {"submit", "button", "file"}:
            continue
        if node.tag == "input" and kind == "checkbox":
            if "checked" in node.attributes:
                data[name] = node.attributes.get("value") or "on"
            continue
        if node.tag == "select":
            chosen = [o.attributes.get("value") or "" for o in node.css("option") if "selected" in o.attributes]
            data[name] = chosen if "multiple" in node.attributes else (chosen[0] if chosen else "")
            continue
        data[name] = node.text() if node.tag == "textarea" else (node.attributes.get("value") or "")
    return data


def add_inline_rows(data: dict, prefix: str, rows: list[dict[str, str]]) -> None:
    """Append rows to an inline (as the "add another" link does) and count them in its management form."""
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for i, row in enumerate(rows, start=start):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
