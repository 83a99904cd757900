"""Demo landlord: the homes register (estates, blocks, homes, communal areas)."""

from __future__ import annotations

from decimal import Decimal

from hearth.core import bulk
from hearth.core.demo import DemoContext, demo_step
from hearth.estates.models import Block, CommunalArea, Estate, Home, HomeType

ESTATE_NAMES = [
    "Clapton Park",
    "Millfields",
    "Mandeville",
    "Kingsmead",
    "Nightingale",
    "Gascoyne",
    "Pembury",
]
BLOCK_NAMES = [
    "Ashgrove", "Birchfield", "Cedar", "Damson", "Elmbridge", "Fernlea", "Glenavon", "Hawthorn",
    "Ivydale", "Juniper", "Kestrel", "Larch", "Marsh", "Norbury", "Oakfield", "Poplar", "Quayside",
    "Rowan", "Sycamore", "Thames", "Upton", "Valley", "Willow", "Yew", "Alder", "Beech", "Chestnut",
    "Lea", "Hackney", "Lamb", "Denning", "Mabley", "Orwell", "Ribbon", "Ferncliff",
]  # fmt: skip
STREETS = ["Daubeney Road", "Mandeville Street", "Ashenden Road", "Overbury Street", "Kingsmead Way",
           "Millfields Road", "Chatsworth Road", "Rushmore Road", "Glyn Road", "Redwald Road"]  # fmt: skip
POSTCODES = [
    "E5 0EN",
    "E5 0LN",
    "E5 0PU",
    "E5 0QW",
    "E5 0RT",
    "E5 0SA",
    "E5 0TF",
    "E5 0HG",
    "E9 5RS",
    "E9 5LB",
]
WEEKLY_RENT_BY_BEDROOMS = {0: Decimal("98.40"), 1: Decimal("112.75"), 2: Decimal("128.30"),
                           3: Decimal("142.10"), 4: Decimal("157.60")}  # fmt: skip


@demo_step(order=10)
def homes_register(ctx: DemoContext) -> None:
    rng = ctx.rng
    homes_wanted = ctx.homes
    estate_count = max(3, round(homes_wanted / 700))
    block_count = max(estate_count, round(homes_wanted / 80))
    estates = bulk.insert(
        Estate,
        [
            Estate(
                ref=f"EST{i + 1:03d}",
                name=ESTATE_NAMES[i % len(ESTATE_NAMES)]
                + ("" if i < len(ESTATE_NAMES) else f" {i // len(ESTATE_NAMES) + 1}"),
            )
            for i in range(estate_count)
        ],
    )
    blocks = []
    for b in range(block_count):
        estate = estates[b % estate_count]
        name = BLOCK_NAMES[b % len(BLOCK_NAMES)] + " House"
        if b >= len(BLOCK_NAMES):
            name = f"{BLOCK_NAMES[b % len(BLOCK_NAMES)]} Court {b // len(BLOCK_NAMES) + 1}"
        storeys = rng.choice([3, 4, 5, 6, 11, 14, 21])
        blocks.append(
            Block(
                ref=f"BLK{b + 1:04d}",
                estate=estate,
                name=name,
                postcode=rng.choice(POSTCODES),
                storeys=storeys,
                has_lift=storeys > 5,
                has_communal_areas=True,
            )
        )
    blocks = bulk.insert(Block, blocks)
    bulk.insert(
        CommunalArea,
        [
            CommunalArea(block=block, name=area)
            for block in blocks
            for area in ("Entrance hall", "Stairwells", "Bin store")
        ],
    )
    tick = ctx.tick("Homes", homes_wanted)
    batch: list[Home] = []
    for h in range(homes_wanted):
        block = blocks[h % block_count]
        number = h // block_count + 1
        bedrooms = rng.choices([0, 1, 2, 3, 4], weights=[4, 30, 38, 22, 6])[0]
        home_type = (
            HomeType.BEDSIT
            if bedrooms == 0
            else rng.choices(
                [HomeType.FLAT, HomeType.MAISONETTE, HomeType.HOUSE], weights=[80, 15, 5]
            )[0]
        )
        street = STREETS[(h % block_count) % len(STREETS)]
        batch.append(
            Home(
                ref=f"H{h + 1:06d}",
                block=block,
                address=f"{number} {block.name}, {street}, London",
                postcode=block.postcode,
                bedrooms=bedrooms,
                home_type=home_type,
                weekly_rent=WEEKLY_RENT_BY_BEDROOMS[bedrooms],
                weekly_service_charge=Decimal("6.85") if block.has_lift else Decimal("4.20"),
                access_notes=rng.choice(
                    [
                        "",
                        "",
                        "",
                        "Entry code at the main door: ask the resident.",
                        "Dog in the home.",
                    ]
                ),
            )
        )
        if len(batch) == 5000:
            ctx.home_ids.extend(obj.pk for obj in bulk.insert(Home, batch))
            tick(len(batch))
            batch = []
    if batch:
        ctx.home_ids.extend(obj.pk for obj in bulk.insert(Home, batch))
        tick(len(batch))
