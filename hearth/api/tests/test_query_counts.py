"""List endpoints run a fixed number of queries, however many rows a page holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.estates.tests.factories import HomeFactory
from hearth.tenancies.models import TenancyMember
from hearth.tenancies.tests.factories import PersonFactory, TenancyFactory

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/estates", "/api/v1/blocks", "/api/v1/homes", "/api/v1/tenancies"]


def make_rows(n: int) -> None:
    for _ in range(n):
        tenancy = TenancyFactory(home=HomeFactory())
        TenancyMember.objects.create(
            tenancy=tenancy, person=PersonFactory(), role="household_member"
        )


def queries_for(client, path: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", LISTS)
def test_a_list_runs_the_same_few_queries_for_two_rows_as_for_twelve(path, token_client, officer):
    client = token_client(officer)
    client.get("/api/v1/me")  # records last use, so later requests do not write
    make_rows(2)
    few = queries_for(client, path)
    make_rows(10)
    many = queries_for(client, path)
    assert many == few
    assert few <= 4  # token, count, page, and the household prefetch for tenancies


def test_a_residents_tenancy_list_is_bounded_too(token_client, resident):
    client = token_client(resident)
    client.get("/api/v1/me")
    assert queries_for(client, "/api/v1/tenancies") <= 4
