"""No dead ends: every role, from their home page, following the links and buttons they are
shown over a small demo landlord, never meets a page that answers 403 or 404 (issue #15). The
walk only follows links, so a new domain's pages are covered as soon as they are linked."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from hearth.accounts.demo import STAFF
from hearth.accounts.models import Role, User
from hearth.accounts.tests.otp import sign_in_verified
from tests.security.crawl import HOMES, crawl, unique

# Enough pages of each role to reach every kind of page they are linked to.
PAGES_PER_ROLE = 150


def client_for(role: str) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    # The demo's own sign-in for the role (the demo has other operatives, who cannot sign in).
    named = [username for username, _first, _last, staff_role in STAFF if staff_role == role]
    users = User.objects.filter(role=role, is_active=True)
    user = (users.filter(username__in=named) or users).order_by("pk").first()
    assert user is not None, f"the demo landlord has no {role}"
    if user.needs_two_factor:
        sign_in_verified(client, user)
    else:
        client.force_login(user)
    return client


def fetcher(client: Client) -> Any:
    def fetch(path: str) -> tuple[int, str, str]:
        response = client.get(path, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else path
        if response.get("Content-Type", "").startswith("text/html"):
            return response.status_code, final, response.content.decode()
        return response.status_code, final, ""

    def check(path: str) -> int:
        return client.get(path, follow=True).status_code

    return fetch, check


@pytest.fixture
def demo_landlord(db: Any) -> None:
    call_command("demo", "--homes", "20", stdout=StringIO())


ROLES = ["anonymous", *(role.value for role in Role)]


@pytest.mark.heavy(seconds=100)
def test_no_role_is_shown_a_link_it_cannot_open(demo_landlord: None) -> None:
    # Every role walks the one demo landlord (the walk only reads), built once, not per role.
    problems: dict[str, list[str]] = {}
    for role in ROLES:
        fetch, check = fetcher(client_for(role))
        found = crawl(fetch, HOMES.get(role, HOMES["staff"]), limit=PAGES_PER_ROLE, check=check)
        if len(found.visited) <= 1:
            problems[role] = ["reached no pages"]
        elif dead := list(unique(found.dead + found.errors)):
            problems[role] = dead
    assert problems == {}, "Links that answer 403 or 404 (or fail), by role:\n" + "\n".join(
        f"{role}: {line}" for role, lines in problems.items() for line in lines
    )
