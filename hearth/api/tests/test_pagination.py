"""Lists come a page at a time, with a total count and links to the neighbouring pages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from hearth.estates.tests.factories import EstateFactory

pytestmark = pytest.mark.django_db


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_page_gives_the_total_count_and_a_link_to_the_next_page(token_client, officer):
    EstateFactory.create_batch(5)
    body = token_client(officer).get("/api/v1/estates?page_size=2").json()
    assert body["count"] == 5
    assert len(body["items"]) == 2
    assert body["previous"] is None
    assert query_of(body["next"]) == {"page": ["2"], "page_size": ["2"]}
    assert body["next"].startswith("http://testserver/api/v1/estates?")


def test_following_next_walks_every_item_once_and_ends_with_null(token_client, officer):
    EstateFactory.create_batch(5)
    client = token_client(officer)
    url: str | None = "/api/v1/estates?page_size=2"
    seen: list[int] = []
    pages = 0
    while url:
        body = client.get(url).json()
        seen += [e["id"] for e in body["items"]]
        url = body["next"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5


def test_the_last_page_links_back_and_not_forward(token_client, officer):
    EstateFactory.create_batch(5)
    body = token_client(officer).get("/api/v1/estates?page_size=2&page=3").json()
    assert [len(body["items"]), body["next"]] == [1, None]
    assert query_of(body["previous"])["page"] == ["2"]


def test_links_keep_the_filters(token_client, officer):
    from hearth.estates.tests.factories import BlockFactory

    estate = EstateFactory()
    BlockFactory.create_batch(3, estate=estate)
    body = token_client(officer).get(f"/api/v1/blocks?estate_id={estate.pk}&page_size=1").json()
    assert query_of(body["next"])["estate_id"] == [str(estate.pk)]


def test_a_page_past_the_end_is_empty_and_points_back_to_the_last_page(token_client, officer):
    EstateFactory.create_batch(3)
    body = token_client(officer).get("/api/v1/estates?page_size=2&page=9").json()
    assert body["items"] == []
    assert body["count"] == 3
    assert body["next"] is None
    assert query_of(body["previous"])["page"] == ["2"]


@pytest.mark.parametrize("query", ["page_size=0", "page_size=101", "page=-1", "page=two"])
def test_page_numbers_and_sizes_out_of_range_are_422(query, token_client, officer):
    assert token_client(officer).get(f"/api/v1/estates?{query}").status_code == 422


def test_the_default_page_size_is_25(token_client, officer):
    EstateFactory.create_batch(26)
    body = token_client(officer).get("/api/v1/estates").json()
    assert len(body["items"]) == 25
    assert body["next"] is not None
