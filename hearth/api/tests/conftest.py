"""Clients that call the API as a persona would: with an API token, or a browser session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from hearth.accounts.models import ApiToken, User

CSRF_SECRET = "k" * 32  # any 32 letters will do as the cookie's secret; the header must match


@pytest.fixture
def token_client() -> Callable[[User], Client]:
    """A client that sends a fresh API token for `user` on every request."""

    def make(user: User) -> Client:
        _, raw = ApiToken.issue(user=user, name="Test integration")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


@pytest.fixture
def browser_client() -> Callable[[User], Client]:
    """A client signed in with a session that enforces CSRF, as a real browser's would be."""

    def make(user: User) -> Client:
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        client.cookies["csrftoken"] = CSRF_SECRET
        return client

    return make
