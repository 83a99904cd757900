"""The homes register over the API: estates, blocks and homes, for staff who may view homes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from hearth.core.api.access import require
from hearth.core.api.pagination import Pages
from hearth.core.api.params import RecordId, id_filter
from hearth.core.permissions import Can
from hearth.estates.models import Block, Estate, Home

router = Router(tags=["homes"])


class EstateOut(Schema):
    id: int
    ref: str = Field(description="The landlord's own estate reference.")
    name: str


class BlockOut(Schema):
    id: int
    ref: str
    name: str
    estate_id: int
    estate_ref: str
    postcode: str
    storeys: int | None
    has_lift: bool | None
    has_communal_areas: bool | None

    @staticmethod
    def resolve_estate_ref(block: Block) -> str:
        return block.estate.ref


class HomeOut(Schema):
    id: int
    ref: str
    address: str
    postcode: str
    block_id: int
    block_ref: str
    estate_id: int
    bedrooms: int | None
    home_type: str = Field(description="flat, maisonette, house or bedsit; empty if unknown.")
    weekly_rent: Decimal = Field(description="Pounds, exact to the penny.")
    weekly_service_charge: Decimal
    managed_from: date | None
    managed_until: date | None

    @staticmethod
    def resolve_block_ref(home: Home) -> str:
        return home.block.ref

    @staticmethod
    def resolve_estate_id(home: Home) -> int:
        return home.block.estate_id


class HomeDetailOut(HomeOut):
    access_notes: str


@router.get("/estates", response=list[EstateOut], summary="Estates")
@paginate(Pages)
def list_estates(request: HttpRequest) -> QuerySet[Estate]:
    require(request, Can.VIEW_HOMES)
    return Estate.objects.order_by("name", "pk")


@router.get("/estates/{estate_id}", response=EstateOut, summary="One estate")
def get_estate(request: HttpRequest, estate_id: RecordId) -> Estate:
    require(request, Can.VIEW_HOMES)
    return get_object_or_404(Estate, pk=estate_id)


@router.get("/blocks", response=list[BlockOut], summary="Blocks, optionally on one estate")
@paginate(Pages)
def list_blocks(
    request: HttpRequest, estate_id: int | None = id_filter("Only blocks on this estate.")
) -> QuerySet[Block]:
    require(request, Can.VIEW_HOMES)
    blocks = Block.objects.select_related("estate").order_by("name", "pk")
    if estate_id is not None:
        blocks = blocks.filter(estate_id=estate_id)
    return blocks


@router.get("/blocks/{block_id}", response=BlockOut, summary="One block")
def get_block(request: HttpRequest, block_id: RecordId) -> Block:
    require(request, Can.VIEW_HOMES)
    return get_object_or_404(Block.objects.select_related("estate"), pk=block_id)


@router.get("/homes", response=list[HomeOut], summary="Homes, optionally in one block or estate")
@paginate(Pages)
def list_homes(
    request: HttpRequest,
    block_id: int | None = id_filter("Only homes in this block."),
    estate_id: int | None = id_filter("Only homes on this estate."),
) -> QuerySet[Home]:
    require(request, Can.VIEW_HOMES)
    homes = Home.objects.select_related("block").order_by("block__name", "address", "pk")
    if block_id is not None:
        homes = homes.filter(block_id=block_id)
    if estate_id is not None:
        homes = homes.filter(block__estate_id=estate_id)
    return homes


@router.get("/homes/{home_id}", response=HomeDetailOut, summary="One home")
def get_home(request: HttpRequest, home_id: RecordId) -> Home:
    require(request, Can.VIEW_HOMES)
    return get_object_or_404(Home.objects.select_related("block"), pk=home_id)
