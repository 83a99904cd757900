"""Query discipline: every staff list page and work queue, and every API list, runs the same
number of queries for a small landlord as for one three times its size (no query per row).

The demo landlord fills every domain: it is built at 100 homes, each page's queries counted,
rolled back, built again at 300 homes and counted again."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hearth.accounts.models import ApiToken, User
from hearth.accounts.tests.otp import sign_in_verified
from hearth.core import calendar
from hearth.demo.build import build
from hearth.repairs.models import Repair

pytestmark = pytest.mark.django_db(transaction=False)

TODAY = date(2026, 11, 26)
# Both sizes have rows on every list (a list that is empty at one size may skip a query that
# any non-empty list runs once, which is not a query per row).
SMALL, LARGE = 100, 300

# (demo sign-in, page). The admin sees every staff page; each officer's own "my work" too.
STAFF_PAGES = [
    ("admin", "/staff/"),
    ("repairs", "/staff/"),
    ("income", "/staff/"),
    ("estates", "/staff/"),
    ("complaints", "/staff/"),
    ("officer", "/staff/"),
    ("admin", "/staff/repairs/"),
    ("admin", "/staff/repairs/approvals/"),
    ("operative", "/staff/repairs/jobs/"),
    ("admin", "/staff/complaints/"),
    ("admin", "/staff/estates/"),
    ("admin", "/staff/estates/blocks/"),
    ("admin", "/staff/estates/asb/"),
    ("admin", "/staff/rent/"),
    ("admin", "/staff/rent/payment-files/"),
    ("admin", "/staff/rent/suspense/"),
    ("admin", "/staff/rent/returned-direct-debits/"),
    ("admin", "/staff/rent/money-advice/"),
    ("admin", "/staff/rent/reviews/"),
    ("admin", "/staff/safety/upcoming/"),
    ("admin", "/staff/safety/surveys/"),
    ("admin", "/staff/safety/actions/"),
    ("admin", "/staff/voids/"),
    ("admin", "/staff/involvement/suggestions/"),
    ("admin", "/staff/outbox/"),
    ("admin", "/staff/users/"),
]
API_LISTS = [
    "/api/v1/estates",
    "/api/v1/blocks",
    "/api/v1/homes",
    "/api/v1/tenancies",
    "/api/v1/repairs",
    "/api/v1/complaints",
    "/api/v1/rent/accounts",
    "/api/v1/rent/suspense",
    "/api/v1/rent/arrears-cases",
    "/api/v1/safety/checks",
    "/api/v1/safety/actions",
    "/api/v1/voids",
]


def _queries(client: Client, path: str) -> list[str]:
    client.get(path)  # warm the per-process caches (landlord, calendar, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return [_shape(q["sql"]) for q in captured.captured_queries]


def _shape(sql: str) -> str:
    """A statement with its values taken out, so the same query for another row matches."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"\((?:\?, )*\?\)", "(…)", sql)


def _count_every_page() -> dict[str, list[str]]:
    counts: dict[str, list[str]] = {}
    clients: dict[str, Client] = {}
    for username, path in STAFF_PAGES:
        if username not in clients:
            client = clients[username] = Client()
            user = User.objects.get(username=username)
            if user.needs_two_factor:
                sign_in_verified(client, user)
            else:
                client.force_login(user)
        counts[f"{username} {path}"] = _queries(clients[username], path)
    _, raw = ApiToken.issue(user=User.objects.get(username="admin"), name="Query counts")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    api.get("/api/v1/me")  # records the token's first use, so later requests do not write
    for path in API_LISTS:
        counts[path] = _queries(api, path)
    return counts


def _landlord(homes: int) -> dict[str, Any]:
    cache.clear()
    calendar.reset_cache()
    build(homes=homes, years=1, seed=2026, today=TODAY)
    return {"repairs": Repair.objects.count(), "counts": _count_every_page()}


def test_every_list_page_and_api_list_runs_as_many_queries_for_a_landlord_three_times_larger():
    with transaction.atomic():
        small = _landlord(SMALL)
        transaction.set_rollback(True)
    large = _landlord(LARGE)
    assert large["repairs"] > 2 * small["repairs"]  # the larger landlord has far more rows
    # A query per row runs more often the more rows there are. A statement that runs once
    # only when some kind of row is on the page (a prefetch) may appear at the larger size.
    grown = {}
    for page, statements in small["counts"].items():
        before, after = Counter(statements), Counter(large["counts"][page])
        more = {sql: (before[sql], n) for sql, n in after.items() if n > max(1, before[sql])}
        if more:
            grown[page] = more
    assert grown == {}, f"statements run more often at {LARGE} homes than at {SMALL}: {grown}"
    for page, statements in large["counts"].items():
        assert len(statements) <= len(small["counts"][page]) + 3, (page, statements)
