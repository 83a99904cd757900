from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.module_loading import autodiscover_modules


@dataclass
class DemoContext:
    rng: random.Random
    today: date
    years: int
    homes: int
    home_ids: list[int] = field(default_factory=list)
    tenancy_ids: list[int] = field(default_factory=list)
    current_tenancy_ids: list[int] = field(default_factory=list)
    progress: Callable[[str, int], Callable[[int], None]] | None = None

    def tick(self, description: str, total: int) -> Callable[[int], None]:
        """A progress callback for a step with `total` units of work."""
        if self.progress is None:
            return lambda advance: None
        return self.progress(description, total)


Step = Callable[[DemoContext], None]
_steps: list[tuple[int, str, Step]] = []


def demo_step(*, order: int) -> Callable[[Step], Step]:
    def decorator(fn: Step) -> Step:
        name = f"{fn.__module__}.{fn.__qualname__}"
        if all(existing != name for _, existing, _ in _steps):
            _steps.append((order, name, fn))
        return fn

    return decorator


def registered_steps() -> list[Step]:
    autodiscover_modules("demo")
    return [fn for _, _, fn in sorted(_steps, key=lambda s: (s[0], s[1]))]
