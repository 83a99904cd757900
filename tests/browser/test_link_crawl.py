"""Every role, signed in in Chromium over a small demo landlord, follows the links it is shown
from its home page: no link answers 403 or 404, and axe checks every page on the way (WCAG 2.2
AA, each role in its own browser context). Bounded to a few dozen pages a role; it follows links only, so
new domains are covered as soon as they are linked (issue #15)."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from hearth.accounts.demo import DEMO_PASSWORD, STAFF
from hearth.accounts.models import Role, User
from hearth.accounts.tests.factories import PASSWORD
from tests.browser.conftest import AxeWatcher
from tests.browser.test_sign_in import sign_in
from tests.browser.test_staff_admin import sign_in_with_two_factor
from tests.security.crawl import HOMES, Crawl, crawl, unique

pytestmark = pytest.mark.browser

PAGES_PER_ROLE = 40
# A PDF (a statement, a leaflet) can take a while to make on a busy machine.
FILE_TIMEOUT_MS = 120_000
ROLES = ["anonymous", *(role.value for role in Role)]


def _sign_in(page: Any, role: str) -> None:
    if role == "anonymous":
        return
    # The demo's own sign-in for the role (the demo has other operatives, who cannot sign in).
    named = [username for username, _first, _last, staff_role in STAFF if staff_role == role]
    users = User.objects.filter(role=role, is_active=True)
    user = (users.filter(username__in=named) or users).order_by("pk").first()
    assert user is not None, f"the demo landlord has no {role}"
    if user.needs_two_factor:
        # The shared helper signs in with the factories' password.
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        sign_in_with_two_factor(page, user)
    else:
        sign_in(page, user.username, DEMO_PASSWORD)
        expect(page).not_to_have_url(re.compile(r"/accounts/sign-in/"))


@pytest.mark.heavy(seconds=180)
def test_every_link_a_role_is_shown_opens_and_every_page_passes_axe(
    new_watcher: Callable[[str | None], AxeWatcher], live_server: Any
) -> None:
    # One demo landlord for every role (the walk only reads): built once, not once per role.
    # Each role walks in a fresh browser context of its own, checked with axe as it goes.
    call_command("demo", "--homes", "20", stdout=StringIO())
    problems: dict[str, list[str]] = {}
    for role in ROLES:
        axe = new_watcher(live_server.url)
        found = _walk(axe.page, role)
        axe.settle()
        lines = list(unique(found.dead + found.errors))
        if len(found.visited) <= 1:
            lines.append("reached no pages")
        if axe.violations or axe.console_errors:
            lines.append("accessibility or loading problems:\n" + axe.report())
        axe.page.context.close()  # one role's context at a time
        if lines:
            problems[role] = lines
    assert problems == {}, "Links that answer 403 or 404 (or fail), or fail axe, by role:\n" + (
        "\n".join(f"{role}: {line}" for role, lines in problems.items() for line in lines)
    )


def _walk(page: Any, role: str) -> Crawl:
    _sign_in(page, role)

    def fetch(path: str) -> tuple[int, str, str]:
        # A file (a PDF, a CSV) is downloaded, not shown: ask for it without opening it.
        first = page.request.get(path, timeout=FILE_TIMEOUT_MS)
        if "text/html" not in first.headers.get("content-type", ""):
            return first.status, path, ""
        response = page.goto(path)
        status = response.status if response is not None else 0
        final = urlsplit(page.url)
        return status, final.path + (f"?{final.query}" if final.query else ""), page.content()

    def check(path: str) -> int:
        return int(page.request.get(path, timeout=FILE_TIMEOUT_MS).status)

    return crawl(fetch, HOMES.get(role, HOMES["staff"]), limit=PAGES_PER_ROLE, check=check)
