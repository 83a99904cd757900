"""Work items for estate officers ("my work") and the resident's requests tracker."""

from __future__ import annotations


def register() -> None:
    pass
