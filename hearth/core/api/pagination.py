"""Lists come a page at a time: `?page=N&page_size=M` (1-based; default 25, at most 100), and
the answer says how many there are in all (`count`) and where the next and previous pages are
(`next`, `previous`: full URLs with the same filters, or null)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class PageInput(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Which page, counting from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="How many items on a page."
    )


class Pages(PaginationBase):
    """Page-number pagination with a total count and links to the neighbouring pages.

    A page past the end is empty rather than an error, so a client that walks `next` until it
    is null never trips over records deleted while it walked.
    """

    Input = PageInput  # type: ignore[assignment]

    class Output(Schema):
        count: int
        next: str | None
        previous: str | None
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: PageInput, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        count = queryset.count()
        items = list(queryset[offset : offset + size])
        return {
            "count": count,
            "next": _page_url(request, pagination.page + 1) if offset + size < count else None,
            "previous": (
                _page_url(request, min(pagination.page - 1, _last_page(count, size)))
                if pagination.page > 1
                else None
            ),
            "items": items,
        }


def _last_page(count: int, size: int) -> int:
    return max(1, -(-count // size))


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    pairs = [(key, value) for key in sorted(query) for value in query.getlist(key)]
    return request.build_absolute_uri(request.path) + "?" + urlencode(pairs)
