from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Sequence[Any] | Any, per_page: int) -> Page:  # type: ignore[type-arg]
    """The page the request asks for (the last if it asks past the end), with `elided`: the
    page numbers to show, with ellipses, for includes/pagination.html."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.elided = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))  # type: ignore[attr-defined]
    return page


def chosen_first(queryset: QuerySet[Any], stop: int, start: int = 0) -> QuerySet[Any]:
    """Rows `start` to `stop` of an ordered queryset, chosen by their keys alone before its
    joins and annotations are made for them: `queryset[start:stop]` with the same rows in the
    same order. A list that joins each row to its home (and more) and shows the first 50 or
    200 of thousands then joins only those, where PostgreSQL would join every row and sort
    after (at 100,000 homes, thousands of open arrears cases or voids)."""
    return queryset.filter(pk__in=queryset.values("pk")[start:stop])


class ChosenFirst:
    """An ordered queryset for `paginate`, each page's rows chosen as `chosen_first` does."""

    def __init__(self, queryset: QuerySet[Any]) -> None:
        self.queryset = queryset
        self.ordered = queryset.ordered

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: slice) -> list[Any]:
        return list(chosen_first(self.queryset, index.stop, index.start or 0))
