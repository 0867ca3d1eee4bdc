"""``{% portal_url office "section" lang "notices" %}``: links to a portal page in templates."""

from __future__ import annotations

from typing import Any

from django import template

from batayon.portal.links import portal_url as _portal_url

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_url(context: template.Context, office: Any, name: str = "home", lang: str = "", *args: Any) -> str:
    """The portal URL of ``office`` (see ``batayon.portal.links.portal_url``); ``lang`` defaults
    to the page's ``lang``."""
    return _portal_url(office, name, lang or context.get("lang") or "bn", *args, request=context.get("request"))
