from __future__ import annotations

from decimal import Decimal

import factory

from hearth.estates.models import Block, Estate, Home


class EstateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estate

    ref = factory.Sequence(lambda n: f"E{n:03d}")
    name = factory.Sequence(lambda n: f"Estate {n}")


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    ref = factory.Sequence(lambda n: f"B{n:04d}")
    estate = factory.SubFactory(EstateFactory)
    name = factory.Sequence(lambda n: f"Block {n} House")
    postcode = "E5 0PU"
    storeys = 5
    has_lift = True
    has_communal_areas = True


class HomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Home

    ref = factory.Sequence(lambda n: f"H{n:05d}")
    block = factory.SubFactory(BlockFactory)
    address = factory.Sequence(lambda n: f"Flat {n}, Block House, Clapton Park")
    postcode = "E5 0PU"
    bedrooms = 2
    home_type = "flat"
    weekly_rent = Decimal("120.50")
    weekly_service_charge = Decimal("8.25")
