"""Walking the site's routes for the authorisation matrix: every page from Django's URL
configuration, and every API operation from the OpenAPI spec, with its parameters filled in by
placeholders (an id or reference that names no record)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = (
    "anonymous",
    "resident",
    "admin",
    "manager",
    "housing_officer",
    "income_officer",
    "repairs_coordinator",
    "operative",
    "estate_officer",
    "complaints_officer",
)

# What a placeholder stands for, by the converter or parameter name: nothing exists with it.
_INT = "987654"
_PLACEHOLDERS = {"int": _INT, "str": "NO-SUCH-REF", "slug": "no-such-thing", "path": "none"}
_NAMED = {
    "year": "2025",
    "stage": "1",
    "step": "about",
    "action": "contact",
    "kind": "gas",
    "token": "no-such-token",
    "uidb64": "MQ",
    "token_": "set-password",
}


@dataclass(frozen=True)
class Page:
    key: str  # "namespace:name" (with the pattern when a name is used twice)
    route: str
    url: str


def _fill(route: str) -> str:
    def one(match: re.Match[str]) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        return _NAMED.get(name, _PLACEHOLDERS.get(converter, "x"))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", one, route)


def pages() -> Iterator[Page]:
    """Every page route outside the API and Django's own admin site (which has a rule of its
    own), keyed by its URL name."""
    seen: dict[str, int] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str | None) -> Iterator[Page]:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern, route, inner)
                continue
            assert isinstance(pattern, URLPattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            key = name or route
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key} {route}"
            yield Page(key, route, _fill(route))

    for page in walk(get_resolver(), "", None):
        if page.route.startswith(("api/", "django-admin/")):
            continue
        yield page


@dataclass(frozen=True)
class Operation:
    key: str  # "METHOD /path" as the spec has it
    method: str
    url: str


def operations(spec: dict[str, Any]) -> Iterator[Operation]:
    for path, methods in spec["paths"].items():
        url = re.sub(
            r"\{(\w+)\}", lambda m: _INT if m.group(1).endswith("id") else "NO-SUCH-REF", path
        )
        for method in methods:
            yield Operation(f"{method.upper()} {path}", method.upper(), url)
