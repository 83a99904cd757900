"""Staff search: one box that finds homes, tenancies and people by reference, address,
postcode or name.

Each kind is one indexed-or-bounded query; `SearchResults` chains the three so a paginator can
count and slice across them with a fixed number of queries per page, however many match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hearth.estates.models import Home
from hearth.tenancies.models import Person, Tenancy, TenancyMember

MAX_QUERY_LENGTH = 100
_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")


def clean_query(raw: str) -> str:
    return " ".join(raw.split())[:MAX_QUERY_LENGTH]


def postcode_q(query: str, field: str = "postcode") -> Q | None:
    """A full postcode matches however it is spaced ("e50pu" finds "E5 0PU"); an outward code
    alone ("E5") matches every postcode in that district."""
    compact = query.upper().replace(" ", "")
    full = _FULL_POSTCODE.match(compact)
    if full:
        return Q(**{f"{field}__iexact": f"{full.group(1)} {full.group(2)}"}) | Q(
            **{f"{field}__iexact": compact}
        )
    if _OUTWARD_CODE.match(query.upper()):
        return Q(**{f"{field}__istartswith": f"{query.upper()} "}) | Q(
            **{f"{field}__iexact": query}
        )
    return None


def homes_matching(query: str) -> QuerySet[Home]:
    condition = Q(ref__iexact=query) | Q(ref__istartswith=query) | Q(address__icontains=query)
    by_postcode = postcode_q(query)
    if by_postcode is not None:
        condition |= by_postcode
    return (
        Home.objects.filter(condition)
        .select_related("block", "block__estate")
        .order_by("address", "pk")
    )


def tenancies_matching(query: str) -> QuerySet[Tenancy]:
    members = TenancyMember.objects.select_related("person")
    return (
        Tenancy.objects.filter(Q(ref__iexact=query) | Q(ref__istartswith=query))
        .select_related("home")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("ref", "pk")
    )


def people_matching(query: str) -> QuerySet[Person]:
    """Every word of the query must appear in the name ("rita res" finds "Rita Resident");
    an email address matches exactly."""
    words = query.split()
    by_name = Q()
    for word in words:
        by_name &= Q(full_name__icontains=word)
    condition = by_name
    if "@" in query:
        condition |= Q(email__iexact=query)
    memberships = TenancyMember.objects.select_related("tenancy", "tenancy__home").order_by(
        "-tenancy__start_date"
    )
    return (
        Person.objects.filter(condition)
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("full_name", "pk")
    )


@dataclass(frozen=True)
class Hit:
    kind: str  # "home", "tenancy" or "person"
    obj: Any


class SearchResults(Sequence[Hit]):
    """Homes, then tenancies, then people, as one sequence a Paginator can count and slice."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.parts: list[tuple[str, QuerySet[Any]]] = (
            [
                ("home", homes_matching(query)),
                ("tenancy", tenancies_matching(query)),
                ("person", people_matching(query)),
            ]
            if query
            else []
        )

    @cached_property
    def counts(self) -> list[int]:
        return [queryset.count() for _kind, queryset in self.parts]

    def count(self) -> int:  # type: ignore[override]
        return sum(self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            page = self[index : index + 1]
            if not page:
                raise IndexError(index)
            return page[0]
        start, stop, _step = index.indices(self.count())
        hits: list[Hit] = []
        offset = 0
        for (kind, queryset), size in zip(self.parts, self.counts, strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, size)
            if lo < hi:
                hits.extend(Hit(kind, obj) for obj in queryset[lo:hi])
            offset += size
        return hits
