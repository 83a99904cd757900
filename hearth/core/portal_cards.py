"""Cards on the resident's portal home ("Your account"): each domain adds the links a resident
needs to find its pages, and the portal reads them back, so the portal need not know which
domains are installed.

A card the same for every resident is registered once, in the app's `AppConfig.ready()`:

    register_portal_card(PortalCard(_("Your rent"), "rents_portal:account",
                                    _("Your balance, payments and statements."), order=20))

A card that depends on who is signed in comes from a source: a function that takes the resident
and yields their cards (none when a card does not apply to them):

    @register_portal_card
    def my_block(user):
        for block in blocks_for_resident(user):
            yield PortalCard(_("Your block"), url=..., description=..., order=50)

Cards are shown in `order`, then title. The words are the resident's: plain English, translated
by the app (gettext).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.urls import NoReverseMatch, reverse

from hearth.core.registry import Registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortalCard:
    title: Any  # a (lazy) translated string
    url_name: str = ""  # a named URL without arguments …
    description: Any = ""
    order: int = 100
    url: str = ""  # … or a URL already made, for a card about one resident's things

    @property
    def href(self) -> str:
        return self.url or reverse(self.url_name)


CardSource = Callable[[Any], Iterable[PortalCard]]
_cards: Registry[PortalCard] = Registry("portal cards")
_sources: Registry[CardSource] = Registry("portal card sources")

T = TypeVar("T", PortalCard, CardSource)


def register_portal_card(card: T) -> T:
    """Add a card for every resident, or a source of each resident's own cards (registering the
    same one twice has no effect)."""
    if isinstance(card, PortalCard):
        _cards.register(card, key=card.url_name or card.url)
    else:
        _sources.register(card)
    return card


def cards_for(user: Any) -> list[dict[str, Any]]:
    """The resident's cards from every registration, in order, each with its link."""
    cards = [*_cards.items(), *(card for source in _sources.items() for card in source(user))]
    shown = []
    for card in sorted(cards, key=lambda card: (card.order, str(card.title))):
        try:
            href = card.href
        except NoReverseMatch:
            logger.warning("Portal card %s has no URL; left out", card.url_name)
            continue
        shown.append({"title": card.title, "href": href, "description": card.description})
    return shown
