"""Everything under /api/: version 1, and a problem body (never an HTML page) for the rest."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path, re_path

from hearth.api.main import api
from hearth.core.api.problems import guard, problem_response

# Ninja's own pages: the spec and its interactive docs. They answer any method unless told.
READ_ONLY = {"openapi-json", "openapi-view"}


def _guarded(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = guard(pattern.callback, read_only=pattern.name in READ_ONLY)
        else:
            _guarded(pattern.url_patterns)
    return patterns


@guard
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(
        404, f"There is no API endpoint at {request.path}. The spec is at /api/v1/openapi.json."
    )


v1_patterns, app_name_v1, namespace_v1 = api.urls

urlpatterns = [
    path("v1/", include((_guarded(v1_patterns), app_name_v1), namespace=namespace_v1)),
    re_path(r"^(?P<rest>.*)$", not_found),
]
