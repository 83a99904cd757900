"""estates.csv, blocks.csv and homes.csv: the homes register."""

from __future__ import annotations

from decimal import Decimal

from hearth.estates.models import Block, Estate, Home, HomeType
from hearth.interchange.columns import Boolean, Choice, Integer, Money, Ref, RefTo, Text
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec

# The database columns are small unsigned integers.
SMALLINT_MAX = 32767


@register
class EstatesFile(FileSpec):
    name = "estates.csv"
    label = "estate"
    model = Estate
    columns = (
        Ref("estate_ref"),
        Text("name", required=True),
    )


@register
class BlocksFile(FileSpec):
    name = "blocks.csv"
    label = "block"
    model = Block
    columns = (
        Ref("block_ref"),
        RefTo("estate_ref", "estates.csv", field="estate", required=True),
        Text("name", required=True),
        Text("postcode"),
        Integer("storeys", min_value=1, max_value=SMALLINT_MAX),
        Boolean("has_lift"),
        Integer("lifts", min_value=0, max_value=SMALLINT_MAX),
        Boolean("has_communal_areas"),
    )


@register
class HomesFile(FileSpec):
    name = "homes.csv"
    label = "home"
    model = Home
    # Streamed through a staging table and loaded a chunk at a time; the files that point at
    # homes are given each home's keys.
    staged = True
    columns = (
        Ref("home_ref"),
        RefTo("block_ref", "blocks.csv", field="block", required=True),
        Text("address", required=True),
        Text("postcode", required=True),
        Integer("bedrooms", min_value=0, max_value=SMALLINT_MAX),
        Choice("home_type", HomeType),
        Money("weekly_rent", required=True, min_value=Decimal("0")),
        Money("weekly_service_charge", min_value=Decimal("0")),
        Boolean("gas_supply"),
    )
