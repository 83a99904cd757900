"""Every error page (400, 403, 404, 414, 429, 500) has a `lang` attribute and the header of
whoever is signed in: staff see the staff area's header, residents and everyone else the
residents' (issue #15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.views import defaults

from hearth.core import errors
from hearth.core.errors import server_error

STAFF_HEADER = "Staff area"


def _page(client: Client, user: Any, status: int) -> str:
    """The error page for `status` as `user` would get it."""
    if user is not None:
        client.force_login(user)
    if status in (404, 414, 429):
        path = {
            404: "/staff/no-such-page/",
            414: "/staff/?q=" + "x" * 3000,
            429: "/no-such-page/",
        }[status]
        response = (
            client.get(path)
            if status != 429
            else HttpResponse(render_to_string("429.html", request=_request(user)), status=429)
        )
        assert response.status_code == status
        return response.content.decode()
    # 400, 403 and 500 come from the handlers Django calls.
    request = _request(user)
    if status == 500:
        response = server_error(request)
    else:
        handler = {400: defaults.bad_request, 403: defaults.permission_denied}[status]
        response = handler(request, Exception("test"))
    assert response.status_code == status
    return response.content.decode()


def _request(user: Any) -> Any:
    request = RequestFactory().get("/")
    request.user = user if user is not None else AnonymousUser()
    return request


@pytest.mark.parametrize("status", [400, 403, 404, 414, 429, 500])
def test_staff_get_the_staff_header_on_an_error_page(
    client: Client, officer: Any, status: int
) -> None:
    html = _page(client, officer, status)
    assert '<html lang="' in html
    assert STAFF_HEADER in html


@pytest.mark.parametrize("status", [400, 403, 404, 414, 429, 500])
def test_residents_and_visitors_get_the_residents_header(
    client: Client, resident: Any, status: int
) -> None:
    for user in (resident, None):
        html = _page(Client(), user, status)
        assert '<html lang="' in html
        assert STAFF_HEADER not in html


def test_the_500_page_still_shows_when_the_page_around_it_cannot_be_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = errors.loader.render_to_string

    def database_down(name: str, *args: Any, **kwargs: Any) -> str:
        if name == "500.html":
            raise RuntimeError("the database is down")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(errors.loader, "render_to_string", database_down)

    html = server_error(_request(None)).content.decode()

    assert '<html lang="en-GB"' in html
    assert "Sorry, there is a problem with the service" in html


@pytest.mark.django_db
def test_an_api_address_too_long_to_read_gets_a_problem_body_not_a_page(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/tenancies?" + "&".join(["home_id=1"] * 400))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "longer than 2,000 characters" in response.json()["detail"]
