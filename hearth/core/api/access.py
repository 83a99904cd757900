"""Who is calling an endpoint: the user `hearth.api.auth` authenticated (by token or browser
session), and whether their role allows what they ask."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hearth.core.api.problems import ApiProblem
from hearth.core.permissions import can


def current_user(request: HttpRequest) -> Any:
    """The authenticated user (every endpoint but the spec requires one)."""
    user = request.auth  # type: ignore[attr-defined]
    assert getattr(user, "pk", None) is not None
    return user


def require(request: HttpRequest, capability: str) -> Any:
    """The caller, if their role grants `capability`; otherwise a 403 problem.

    A whole kind of record is off limits here, which the published spec already tells anyone,
    so 403 gives nothing away. Records a user may not see one by one are a 404 instead.
    """
    user = current_user(request)
    if not can(user, capability):
        raise ApiProblem(403, "Your role does not allow this.")
    return user
