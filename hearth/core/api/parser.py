"""A NUL character (U+0000) in any string an endpoint takes is refused with a 422 problem naming
the field. PostgreSQL cannot store NUL in text (it raised a 500) and SQLite stored it silently; no
real value contains one, so both databases now refuse it the same way, before any endpoint
runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.http import HttpRequest

from hearth.core.api.problems import validation_problem

NUL = "\x00"
NUL_DETAIL = "must not contain a NUL character (\\u0000)"


def _nul_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Where in a parsed JSON value a string holds a NUL character. Keys are not looked at:
    a field the endpoint does not take is ignored, whatever its name."""
    if isinstance(value, str):
        if NUL in value:
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nul_paths(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, (*path, index))


def refuse_nul(source: str, found: list[tuple[str | int, ...]]) -> None:
    """A 422 problem listing every field holding a NUL character, if there are any."""
    if not found:
        return
    errors = [
        {
            "loc": [source, *path],
            "field": ".".join(str(part) for part in path) or source,
            "detail": NUL_DETAIL,
            "code": "nul_character",
        }
        for path in found
    ]
    names = ", ".join(f"'{error['field']}'" for error in errors)
    raise validation_problem(errors, detail=f"{names} must not contain a NUL character.")


def _plain(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump() if callable(dump) else value


def refusing_nul(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an endpoint so that, once Ninja has validated its parameters, a NUL character in
    any of them (a body's fields, a query or form value) is a 422 problem. Only the fields an
    endpoint takes are looked at; anything else in the request is ignored anyway."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **values: Any) -> Any:
        found: list[tuple[str, tuple[str | int, ...]]] = []
        for name, value in values.items():
            if hasattr(value, "model_dump"):
                found += [("body", path) for path in _nul_paths(_plain(value))]
            else:
                found += [("query", (name, *path)) for path in _nul_paths(value)]
        for source in ("body", "query"):
            refuse_nul(source, [path for where, path in found if where == source])
        return view(request, *args, **values)

    return wrapped


# In the OpenAPI spec, so that clients (and schemathesis) know a NUL is refused.
NO_NUL_PATTERN = r"^[^\x00]*$"


def document_no_nul(schema: Any) -> None:
    """Give every free-text string in a request's schema (no format or enum of its own) the
    pattern that says a NUL character is refused."""
    if isinstance(schema, dict):
        if schema.get("type") == "string" and not ({"format", "enum", "const"} & schema.keys()):
            if "pattern" not in schema:
                schema["pattern"] = NO_NUL_PATTERN
            elif schema["pattern"] != NO_NUL_PATTERN:
                # One pattern per schema: the second joins it through allOf.
                rules = schema.setdefault("allOf", [])
                if {"pattern": NO_NUL_PATTERN} not in rules:
                    rules.append({"pattern": NO_NUL_PATTERN})
        for value in schema.values():
            document_no_nul(value)
    elif isinstance(schema, list):
        for item in schema:
            document_no_nul(item)
