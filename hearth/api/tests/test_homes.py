"""Estates, blocks and homes: for staff who may view homes."""

from __future__ import annotations

import pytest

from hearth.estates.tests.factories import BlockFactory, EstateFactory, HomeFactory

pytestmark = pytest.mark.django_db


def test_staff_list_homes_with_their_block_and_estate(token_client, officer):
    home = HomeFactory(ref="H-1", address="1 Gilpin Square")
    body = token_client(officer).get("/api/v1/homes").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["ref"] == "H-1"
    assert item["block_ref"] == home.block.ref
    assert item["estate_id"] == home.block.estate_id
    assert item["weekly_rent"] == "120.50"


def test_homes_can_be_filtered_by_block_and_by_estate(token_client, officer):
    mine = HomeFactory()
    HomeFactory()
    client = token_client(officer)
    by_block = client.get(f"/api/v1/homes?block_id={mine.block_id}").json()
    by_estate = client.get(f"/api/v1/homes?estate_id={mine.block.estate_id}").json()
    assert [h["id"] for h in by_block["items"]] == [mine.pk]
    assert [h["id"] for h in by_estate["items"]] == [mine.pk]


def test_a_home_in_detail_includes_its_access_notes(token_client, officer):
    home = HomeFactory(access_notes="Key safe by the bins")
    body = token_client(officer).get(f"/api/v1/homes/{home.pk}").json()
    assert body["access_notes"] == "Key safe by the bins"


def test_estates_and_blocks_list_and_detail(token_client, officer):
    estate = EstateFactory(name="Clapton Park")
    block = BlockFactory(estate=estate, name="Ambergate Court")
    BlockFactory()
    client = token_client(officer)
    assert client.get(f"/api/v1/estates/{estate.pk}").json()["name"] == "Clapton Park"
    blocks = client.get(f"/api/v1/blocks?estate_id={estate.pk}").json()
    assert [b["name"] for b in blocks["items"]] == ["Ambergate Court"]
    detail = client.get(f"/api/v1/blocks/{block.pk}").json()
    assert detail["estate_ref"] == estate.ref
    assert client.get("/api/v1/estates").json()["count"] == 2


@pytest.mark.parametrize("path", ["/api/v1/estates", "/api/v1/blocks", "/api/v1/homes"])
def test_a_resident_may_not_list_the_homes_register(path, token_client, resident):
    assert token_client(resident).get(path).status_code == 403


def test_a_resident_may_not_look_up_a_home_even_their_own(token_client, resident, tenancy):
    response = token_client(resident).get(f"/api/v1/homes/{tenancy.home_id}")
    assert response.status_code == 403
