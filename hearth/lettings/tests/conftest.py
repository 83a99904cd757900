"""The API clients the API tests use."""

from __future__ import annotations

from hearth.api.tests.conftest import token_client

__all__ = ["token_client"]
