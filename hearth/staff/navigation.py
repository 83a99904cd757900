"""The staff area's navigation. Each domain registers the pages it adds (e.g. a repairs queue)
with `register_nav_item` in its AppConfig.ready(); a user sees the items their role allows."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hearth.core.permissions import Can, can


@dataclass(frozen=True)
class NavItem:
    label: Any  # a (lazy) translated string
    url_name: str
    capability: Can
    order: int = 100
    # Other views that belong under this item, so it stays highlighted on them.
    also_active_on: frozenset[str] = field(default_factory=frozenset)


logger = logging.getLogger(__name__)
_items: dict[str, NavItem] = {}


def register_nav_item(item: NavItem) -> None:
    """Add (or replace, by URL name) an item in the staff navigation."""
    _items[item.url_name] = item


def nav_for(user: Any, view_name: str | None) -> list[dict[str, Any]]:
    """The items `user` may use, in order, marking the one for the page being shown."""
    entries = []
    for item in sorted(_items.values(), key=lambda item: (item.order, str(item.label))):
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


register_nav_item(NavItem(_("My work"), "staff:my-work", Can.USE_STAFF_AREA, order=10))
register_nav_item(
    NavItem(
        _("Search"),
        "staff:search",
        Can.VIEW_HOMES,
        order=20,
        also_active_on=frozenset({"staff:home", "staff:tenancy", "staff:person"}),
    )
)
register_nav_item(NavItem(_("Outbox"), "staff:outbox", Can.VIEW_OUTBOX, order=80))
register_nav_item(
    NavItem(
        _("Closure days"),
        "staff:closure-days",
        Can.MANAGE_SETTINGS,
        order=90,
        also_active_on=frozenset({"staff:closure-day-remove"}),
    )
)
register_nav_item(
    NavItem(
        _("Settings"),
        "staff:settings",
        Can.MANAGE_SETTINGS,
        order=91,
    )
)
register_nav_item(
    NavItem(
        _("People who sign in"),
        "staff:users",
        Can.MANAGE_USERS,
        order=92,
        also_active_on=frozenset(
            {
                "staff:user",
                "staff:user-add",
                "staff:user-role",
                "staff:user-deactivate",
                "staff:user-reset-two-factor",
            }
        ),
    )
)
