"""The resident's home page: a card for each service a resident can use online. Each domain
registers its card with `register_portal_card(PortalCard(...))` in its AppConfig.ready(), as it
registers its staff navigation, so a new domain (lettings, neighbourhood, safety) adds its own
card without the portal changing."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from hearth.core.registry import Registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortalCard:
    title: Any  # a (lazy) translated string
    url_name: str
    description: Any
    order: int = 100


_cards: Registry[PortalCard] = Registry("portal cards")


def register_portal_card(card: PortalCard) -> None:
    """Add a card to the resident's home page (one card per URL name)."""
    _cards.register(card, key=card.url_name)


def portal_cards() -> list[dict[str, Any]]:
    """The cards in order, each with its link."""
    cards = []
    for card in sorted(_cards.items(), key=lambda card: (card.order, str(card.title))):
        try:
            href = reverse(card.url_name)
        except NoReverseMatch:
            logger.warning("Portal card %s has no URL; left out", card.url_name)
            continue
        cards.append({"title": card.title, "href": href, "description": card.description})
    return cards
