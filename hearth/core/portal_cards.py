"""Cards on the resident's portal home ("Your account"): each domain adds the links a resident
needs to find its pages, and the portal reads them back. A source takes the signed-in resident
and yields that resident's cards (none when a card does not apply to them):

    from hearth.core.portal_cards import PortalCard, register_portal_card

    @register_portal_card
    def my_block(user):
        for block in blocks_for_resident(user):
            yield PortalCard(title=f"Your block: {block.name}", url=..., text="...", order=50)

Cards are shown in `order`, then title. The words are the resident's: plain English, already
translated by the source (gettext).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from hearth.core.registry import Registry


@dataclass(frozen=True)
class PortalCard:
    title: str
    url: str
    text: str = ""
    order: int = 100


CardSource = Callable[[Any], Iterable[PortalCard]]
_sources: Registry[CardSource] = Registry("portal card sources")


def register_portal_card(source: CardSource) -> CardSource:
    """Add a source of portal home cards (registering twice has no effect)."""
    return _sources.register(source)


def cards_for(user: Any) -> list[PortalCard]:
    """The resident's cards from every registered source, in order."""
    cards = [card for source in _sources.items() for card in source(user)]
    return sorted(cards, key=lambda card: (card.order, card.title))
