"""The portal home's card registry: domains add cards, the portal shows them in order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from hearth.core import portal_cards
from hearth.core.portal_cards import PortalCard

pytestmark = pytest.mark.django_db


def _extra(user: Any) -> Iterator[PortalCard]:
    yield PortalCard(title="Zebra crossings", url="/z/", description="Last by order", order=999)
    yield PortalCard(title="Aardvark help", url="/a/", description="First by order", order=1)


def test_cards_from_a_registered_source_show_on_the_residents_home_in_order(
    client, resident
) -> None:
    portal_cards.register_portal_card(_extra)
    try:
        cards = portal_cards.cards_for(resident)
        assert cards[0]["title"] == "Aardvark help" and cards[-1]["title"] == "Zebra crossings"
        client.force_login(resident)
        page = client.get(reverse("portal:home")).content.decode()
        assert page.index('href="/a/">Aardvark help') < page.index('href="/z/">Zebra crossings')
        assert "First by order" in page
    finally:
        portal_cards._sources.unregister(f"{_extra.__module__}.{_extra.__qualname__}")
