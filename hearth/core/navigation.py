"""The staff area's navigation. Each domain registers the pages it adds (e.g. a repairs queue)
with `register_nav_item` in its AppConfig.ready(); the staff site shows a user the items their
role allows."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

from hearth.core.permissions import Can, can
from hearth.core.registry import Registry


@dataclass(frozen=True)
class NavItem:
    label: Any  # a (lazy) translated string
    url_name: str
    capability: Can
    order: int = 100
    # Other views that belong under this item, so it stays highlighted on them.
    also_active_on: frozenset[str] = field(default_factory=frozenset)


logger = logging.getLogger(__name__)
_items: Registry[NavItem] = Registry("staff navigation items")


def register_nav_item(item: NavItem) -> None:
    """Add an item to the staff navigation (one item per URL name)."""
    _items.register(item, key=item.url_name)


def nav_for(user: Any, view_name: str | None) -> list[dict[str, Any]]:
    """The items `user` may use, in order, marking the one for the page being shown."""
    entries = []
    for item in sorted(_items.items(), key=lambda item: (item.order, str(item.label))):
        if not can(user, item.capability):
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            # One domain's unwired page must not break every staff page: leave it out, loudly.
            logger.warning("Staff navigation item %s has no URL; left out", item.url_name)
            continue
        entries.append(
            {
                "label": item.label,
                "href": href,
                "active": view_name == item.url_name or view_name in item.also_active_on,
                "current": view_name == item.url_name,
            }
        )
    return entries


# A role's first page after signing in, and where the staff area's name links: My work,
# unless a domain registers another (operatives land on their jobs today).
_landings: Registry[str] = Registry("staff landing pages")


def register_landing(role: str, url_name: str) -> None:
    """Send people in `role` to `url_name` after they sign in and from the staff home link."""
    _landings.register(url_name, key=role)


def landing_url(user: Any) -> str:
    """Where `user` lands in the staff area: their role's registered page, else My work."""
    found = _landings.get(str(getattr(user, "role", "")))
    if found:
        try:
            return reverse(found)
        except NoReverseMatch:
            logger.warning("Landing page %s has no URL; My work instead", found)
    return reverse("staff:my-work")
