"""Every role, signed in in Chromium over a small demo landlord, follows the links it is shown
from its home page: no link answers 403 or 404, and axe checks every page on the way (WCAG 2.2
AA, through the `page` fixture). Bounded to a few dozen pages a role; it follows links only, so
new domains are covered as soon as they are linked (issue #15)."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from hearth.accounts.demo import DEMO_PASSWORD
from hearth.accounts.models import Role, User
from hearth.accounts.tests.factories import PASSWORD
from tests.browser.test_sign_in import sign_in
from tests.browser.test_staff_admin import sign_in_with_two_factor
from tests.security.crawl import HOMES, crawl, unique

pytestmark = pytest.mark.browser

PAGES_PER_ROLE = 40
ROLES = ["anonymous", *(role.value for role in Role)]


def _sign_in(page: Any, role: str) -> None:
    if role == "anonymous":
        return
    user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
    assert user is not None, f"the demo landlord has no {role}"
    if user.needs_two_factor:
        # The shared helper signs in with the factories' password.
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        sign_in_with_two_factor(page, user)
    else:
        sign_in(page, user.username, DEMO_PASSWORD)
        expect(page).not_to_have_url(re.compile(r"/accounts/sign-in/"))


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_is_shown_opens_and_every_page_passes_axe(
    page: Any, axe: Any, role: str
) -> None:
    call_command("demo", "--homes", "20", stdout=StringIO())
    _sign_in(page, role)

    def fetch(path: str) -> tuple[int, str, str]:
        # A file (a PDF, a CSV) is downloaded, not shown: ask for it without opening it.
        first = page.request.get(path)
        if "text/html" not in first.headers.get("content-type", ""):
            return first.status, path, ""
        response = page.goto(path)
        status = response.status if response is not None else 0
        final = urlsplit(page.url)
        return status, final.path + (f"?{final.query}" if final.query else ""), page.content()

    def check(path: str) -> int:
        return int(page.request.get(path).status)

    found = crawl(fetch, HOMES.get(role, HOMES["staff"]), limit=PAGES_PER_ROLE, check=check)
    assert len(found.visited) > 1, f"{role} reached no pages"
    problems = list(unique(found.dead + found.errors))
    assert problems == [], "Links that answer 403 or 404 (or fail):\n" + "\n".join(problems)
