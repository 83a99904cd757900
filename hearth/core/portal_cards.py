"""Cards on the resident's account page: a domain registers one in its AppConfig.ready() and the
portal shows it, so the portal need not know which domains are installed.

    register_portal_card(PortalCard(_("Your home's safety"), "safety_portal:home",
                                    _("Your gas and electrical certificates..."), order=40))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from hearth.core.registry import Registry


@dataclass(frozen=True)
class PortalCard:
    title: Any  # a lazy translation
    url_name: str
    description: Any
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_cards: Registry[PortalCard] = Registry("portal cards")


def register_portal_card(card: PortalCard) -> PortalCard:
    return _cards.register(card, key=card.url_name)


def portal_cards() -> list[PortalCard]:
    return sorted(_cards.items(), key=lambda card: (card.order, card.url_name))
