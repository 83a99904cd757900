"""How the API reads a request's JSON body, query string and form fields: as Ninja does, except
that a NUL character (U+0000) anywhere in a string is refused with a 422 problem naming the
field. PostgreSQL cannot store NUL in text (it raised a 500) and SQLite stored it silently; no
real value contains one, so both databases now refuse it the same way, before any endpoint
runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from hearth.core.api.problems import validation_problem

NUL = "\x00"
NUL_DETAIL = "must not contain a NUL character (\\u0000)"


def _nul_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Where in a parsed JSON value a string (or an object's key) holds a NUL character."""
    if isinstance(value, str):
        if NUL in value:
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in str(key):
                yield (*path, str(key))
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


class RefusingNulParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body)
        refuse_nul("body", list(_nul_paths(data)))
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        found: list[tuple[str | int, ...]] = []
        for key in data:
            values = [v for v in data.getlist(key) if isinstance(v, str)]
            if NUL in key or any(NUL in v for v in values):
                found.append((key,))
        # Ninja calls this for the query string and for form fields alike.
        refuse_nul("query" if data is request.GET else "form", found)
        return super().parse_querydict(data, list_fields, request)
