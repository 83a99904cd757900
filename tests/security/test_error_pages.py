"""Every error page has a `lang` attribute and the header of whoever is signed in: staff see the
staff area's header, residents and everyone else the residents' (issue #15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.views import defaults

STAFF_HEADER = "Staff area"


def _page(client: Client, user: Any, status: int) -> str:
    """The error page for `status` as `user` would get it."""
    if user is not None:
        client.force_login(user)
    if status == 404:
        response = client.get("/staff/no-such-page/")
        assert response.status_code == 404
        return response.content.decode()
    # 400 and 403 come from Django's own handlers, which render 400.html and 403.html.
    request = RequestFactory().get("/")
    request.user = user if user is not None else AnonymousUser()
    handler = {400: defaults.bad_request, 403: defaults.permission_denied}[status]
    response = handler(request, Exception("test"))
    assert response.status_code == status
    return response.content.decode()


@pytest.mark.parametrize("status", [400, 403, 404])
def test_staff_get_the_staff_header_on_an_error_page(
    client: Client, officer: Any, status: int
) -> None:
    html = _page(client, officer, status)
    assert '<html lang="' in html
    assert STAFF_HEADER in html


@pytest.mark.parametrize("status", [400, 403, 404])
def test_residents_and_visitors_get_the_residents_header(
    client: Client, resident: Any, status: int
) -> None:
    for user in (resident, None):
        html = _page(Client(), user, status)
        assert '<html lang="' in html
        assert STAFF_HEADER not in html
