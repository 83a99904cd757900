"""One small registry helper for every extension point: a domain registers its parts (work
items, resident requests, navigation, sweeps, measures, interchange files, calendar recounts)
with core, and the UI apps read them back. Nothing in core imports a domain, and no domain
imports the UI apps.

    work_sources: Registry[WorkSource] = Registry("work sources")

    @work_sources.register
    def repairs_due(user, *, until): ...

Registering the same item twice has no effect; a different item under a key already taken is an
error, so two domains cannot silently replace each other's parts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")


def _key_of(item: Any) -> str:
    module = getattr(item, "__module__", "")
    name = getattr(item, "__qualname__", "") or repr(item)
    return f"{module}.{name}"


class Registry(Generic[T]):
    """An ordered set of named items. `discover` names a module each app may hold (e.g.
    "sweeps"); it is imported from every installed app the first time the registry is read."""

    def __init__(self, name: str, *, discover: str | None = None) -> None:
        self.name = name
        self.discover = discover
        self._items: dict[str, T] = {}
        self._discovered = discover is None

    def register(self, item: T, *, key: str | None = None, replace: bool = False) -> T:
        """Add `item` (usable as a decorator). `key` defaults to the item's dotted name."""
        key = key or _key_of(item)
        existing = self._items.get(key)
        if existing is not None and existing is not item and existing != item and not replace:
            raise ValueError(f"Two {self.name} are registered as {key!r}.")
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        self._items.pop(key, None)

    def _discover(self) -> None:
        if not self._discovered:
            self._discovered = True
            if self.discover:
                autodiscover_modules(self.discover)

    def get(self, key: str) -> T | None:
        self._discover()
        return self._items.get(key)

    def items(self) -> list[T]:
        self._discover()
        return list(self._items.values())

    def keyed(self) -> dict[str, T]:
        self._discover()
        return dict(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items())

    def __len__(self) -> int:
        return len(self.items())

    def __contains__(self, key: object) -> bool:
        self._discover()
        return key in self._items
