from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Sequence[Any] | Any, per_page: int) -> Page:  # type: ignore[type-arg]
    """The page the request asks for (the last if it asks past the end), with `elided`: the
    page numbers to show, with ellipses, for includes/pagination.html."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.elided = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))  # type: ignore[attr-defined]
    return page
