"""The demo landlord: a deterministic synthetic TMO for trying Hearth out and for benchmarks.

`build(homes=…, years=…, seed=…)` makes the homes register, people and tenancies; each domain
then adds its own realistic history by registering a step in its own `demo.py`:

    from hearth.core.demo import DemoContext, demo_step

    @demo_step(order=30)
    def repairs_history(ctx: DemoContext) -> None:
        ...bulk inserts using ctx.rng, ctx.today, ctx.tenancy_ids...

Steps run in `order`, all with the same seeded random generator, so the same seed gives the
same landlord.
"""

from __future__ import annotations

from hearth.core.demo import DemoContext, demo_step

__all__ = ["DemoContext", "demo_step"]
