"""Runs the registered demo steps in one transaction."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from django.db import transaction

from hearth.core.demo import DemoContext, registered_steps


def build(
    *,
    homes: int = 2000,
    years: int = 1,
    seed: int = 2026,
    today: date,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> DemoContext:
    ctx = DemoContext(
        rng=random.Random(seed), today=today, years=years, homes=homes, progress=progress
    )
    with transaction.atomic():
        for step in registered_steps():
            step(ctx)
    return ctx
